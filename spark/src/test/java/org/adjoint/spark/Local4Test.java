package org.adjoint.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.adjoint.graph.DType;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.History;
import org.adjoint.nn.train.Trainer;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On local[4,2] — four task threads, and a failed task is retried once (local[4] alone gives up
 * on the first failure): equivalence with four and five partitions, a task that fails and is
 * retried, and parameter averaging.
 */
class Local4Test {

    private static SparkSession spark;
    private static Dataset data;

    @BeforeAll
    static void start() {
        spark = SharedSpark.session("local[4,2]");
        data = Models.clusters(150, 21, DType.F32);
    }

    @AfterEach
    void noHook() {
        TaskHook.set(null);
    }

    @Test
    void sameParametersAsSingleMachineFitWithFourAndFivePartitions() {
        Trainer local = Models.mlp();
        local.fit(data, FitOptions.epochs(2).batchSize(40).seed(8));
        for (int partitions : new int[] {4, 5}) {
            SparkData d = SparkData.parallelize(spark, data, partitions);
            SparkTrainer st = SparkTrainer.of(spark, Models::mlp);
            st.fit(d, SparkFitOptions.epochs(2).batchSize(40).seed(8));
            double worst = Compare.assertClose(local.model().parameters().snapshot(),
                    st.trainer().model().parameters().snapshot(), 1e-6);
            System.out.println("local[4], " + partitions + " partitions, F32: worst relative parameter difference "
                    + worst);
            d.unpersist();
        }
    }

    @Test
    void aTaskThatFailsIsRetriedAndTheStepIsUnchanged() throws Exception {
        SparkData d = SparkData.parallelize(spark, data, 4);
        SparkTrainer clean = SparkTrainer.of(spark, Models::mlp);
        clean.fit(d, SparkFitOptions.epochs(1).batchSize(40).seed(3));

        List<String> calls = new CopyOnWriteArrayList<>();
        TaskHook.set((partition, step, attempt) -> {
            if (partition == 2 && step == 1) {
                calls.add("attempt " + attempt);
                if (attempt == 0) {
                    throw new RuntimeException("injected failure of partition 2, step 2, first attempt");
                }
            }
        });
        SparkEvents events = SparkEvents.start(spark);
        SparkTrainer faulty = SparkTrainer.of(spark, Models::mlp);
        faulty.fit(d, SparkFitOptions.epochs(1).batchSize(40).seed(3));
        List<String> failed = events.stop().failedTasks();

        assertEquals(List.of("attempt 0", "attempt 1"), calls);
        assertEquals(1, failed.size(), failed.toString());
        assertTrue(failed.get(0).startsWith("partition 2 attempt 0"), failed.toString());
        Compare.assertBitwise(clean.trainer().model().variables().snapshot(),
                faulty.trainer().model().variables().snapshot());
        assertEquals(clean.trainer().optimizer().state(clean.trainer().model().parameters()).keySet(),
                faulty.trainer().optimizer().state(faulty.trainer().model().parameters()).keySet());
        d.unpersist();
    }

    @Test
    void parameterAveragingWithOneLocalSgdStepIsTheSynchronousStep() {
        SparkData d = SparkData.parallelize(spark, data, 4);
        Trainer local = Models.mlpSgd();
        local.fit(data, FitOptions.epochs(2).batchSize(40).seed(5));
        SparkTrainer st = SparkTrainer.of(spark, Models::mlpSgd);
        st.fit(d, SparkFitOptions.epochs(2).batchSize(40).seed(5).parameterAveraging(1));
        // w - lr·Σ (b_p/B)·g_p = w - lr·g: the same update, up to rounding (means kept in double)
        Compare.assertClose(local.model().parameters().snapshot(), st.trainer().model().parameters().snapshot(), 1e-5);
        d.unpersist();
    }

    @Test
    void parameterAveragingTrainsWithOneJobPerRoundButIsNotTheSynchronousComputation() throws Exception {
        SparkData d = SparkData.parallelize(spark, data, 4);
        SparkData dev = SparkData.parallelize(spark, Models.clusters(60, 22, DType.F32), 2);
        SparkEvents events = SparkEvents.start(spark);
        SparkTrainer avg = SparkTrainer.of(spark, Models::mlp);
        History h = avg.fit(d, SparkFitOptions.epochs(3).batchSize(16).seed(5).dev(dev).parameterAveraging(4));
        int jobs = events.stop().jobs();
        // 150 / 16 -> 10 steps per epoch -> rounds of 4, 4, 2: 3 jobs per epoch, plus one dev
        // evaluation per epoch and the two label checks before training
        assertEquals(3 * 3 + 3 + 2, jobs);
        assertEquals(30, avg.trainer().optimizer().iterations());
        assertEquals(3, h.size());
        double first = h.epochLogs(0).get("loss");
        assertTrue(h.last("loss") < first, "loss " + first + " -> " + h.last("loss"));
        assertTrue(h.last("dev_accuracy") > 0.85, h.toString());

        SparkTrainer sync = SparkTrainer.of(spark, Models::mlp);
        sync.fit(d, SparkFitOptions.epochs(3).batchSize(16).seed(5));
        Map<String, Tensor> a = avg.trainer().model().parameters().snapshot();
        Map<String, Tensor> s = sync.trainer().model().parameters().snapshot();
        assertTrue(Compare.relative(s.get("dense/w"), a.get("dense/w")) > 1e-3, "averaging should differ from sync");

        SparkTrainer again = SparkTrainer.of(spark, Models::mlp);
        again.fit(d, SparkFitOptions.epochs(3).batchSize(16).seed(5).dev(dev).parameterAveraging(4));
        Compare.assertBitwise(a, again.trainer().model().parameters().snapshot());
        d.unpersist();
        dev.unpersist();
    }
}
