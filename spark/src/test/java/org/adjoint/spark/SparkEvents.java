package org.adjoint.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.Success$;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Counts the jobs and failed tasks of a piece of code. Spark delivers listener events
 * asynchronously, in order; {@link #stop()} runs one marker job and waits for its end, so every
 * earlier event has been counted when it returns.
 */
final class SparkEvents extends SparkListener {

    private final SparkSession spark;
    private final AtomicInteger jobs = new AtomicInteger();
    private final List<String> failedTasks = Collections.synchronizedList(new ArrayList<>());
    private static final String MARKER = "adjoint-test-marker";
    private volatile CountDownLatch marker;
    private volatile int markerJob = -1;

    private SparkEvents(SparkSession spark) {
        this.spark = spark;
    }

    static SparkEvents start(SparkSession spark) {
        SparkEvents e = new SparkEvents(spark);
        spark.sparkContext().addSparkListener(e);
        return e;
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        java.util.Properties p = start.properties();
        if (p != null && MARKER.equals(p.getProperty("spark.jobGroup.id"))) {
            markerJob = start.jobId();
        } else {
            jobs.incrementAndGet();
        }
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd end) {
        CountDownLatch m = marker;
        if (m != null && end.jobId() == markerJob) {
            m.countDown();
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.reason() != Success$.MODULE$) {
            failedTasks.add("partition " + end.taskInfo().partitionId() + " attempt " + end.taskInfo().attemptNumber()
                    + ": " + end.reason());
        }
    }

    /** Waits until every event before now is counted, then stops listening. */
    SparkEvents stop() throws InterruptedException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        marker = new CountDownLatch(1);
        sc.setJobGroup(MARKER, "waits for earlier listener events", false);
        sc.parallelize(List.of(1), 1).count();
        sc.clearJobGroup();
        if (!marker.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("spark events: the marker job's end never arrived");
        }
        spark.sparkContext().removeSparkListener(this);
        return this;
    }

    int jobs() {
        return jobs.get();
    }

    List<String> failedTasks() {
        return List.copyOf(failedTasks);
    }
}
