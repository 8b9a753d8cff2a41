package org.adjoint.bench;

import java.util.concurrent.TimeUnit;
import org.adjoint.bench.spark.SparkStepSplit;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.History;
import org.adjoint.nn.train.Trainer;
import org.adjoint.spark.SparkData;
import org.adjoint.spark.SparkFitOptions;
import org.adjoint.spark.SparkTrainer;
import org.apache.spark.sql.SparkSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per training step of the 784-256-256-10 ReLU MLP (softmax cross-entropy, Adam, F32) at
 * global batch 512 and 2048: {@code mode=single} is the single-machine {@code Trainer.fit} (the
 * baseline: there is no peer, PyTorch's step is in {@link MlpStepBench}); {@code local1} and
 * {@code local2} are {@link SparkTrainer}'s synchronous steps on {@code local[1]} and
 * {@code local[2]} (one partition per core; the same parameters as {@code single}); {@code
 * local2-avg8} is parameter averaging on {@code local[2]} with 8 local steps per round (one job per
 * epoch here; not the same computation).
 *
 * <p>One invocation is one epoch of {@value SparkStepSplit#STEPS_PER_EPOCH} steps over
 * {@code 8 x batch} random examples ({@code fit(..., epochs(1))}), so a score is the time per
 * step including what an epoch adds: the per-fit label check (one short Spark job per 8 steps)
 * and the epoch's permutation. Each (mode, batch) point runs in its own fork with its own
 * {@code SparkSession}, warmed up by JMH's warm-up iterations. The split of a Spark step into
 * compute, driver update and communication comes from {@link SparkStepSplit} (bench/run-spark.sh).
 *
 * <p>Spark is {@code provided} in bench: {@code bench/run-all.sh} puts the class path in
 * {@code bench/target/spark-classpath.txt} (written by {@code package}) on the harness's class
 * path, which the forks inherit. The fork flags are what Spark's launcher adds on Java 17+ (root
 * pom: {@code adjoint.spark.jvm}).
 */
@NoPeer("Spark data-parallel training has no Python peer here (PyTorch's single-machine step is MlpStepBench's);"
        + " the baseline is the benchmark's own mode=single point, single-machine Trainer.fit at the same batch")
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx3g", "-XX:+IgnoreUnrecognizedVMOptions",
    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
    "--add-opens=java.base/sun.security.action=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
    "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED", "-Dio.netty.tryReflectionSetAccessible=true",
    "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"})
@OperationsPerInvocation(SparkStepSplit.STEPS_PER_EPOCH)
public class SparkStepBench {

    @Param({"single", "local1", "local2", "local2-avg8"})
    public String mode;

    @Param({"512", "2048"})
    public int batch;

    private Trainer trainer;
    private Dataset local;
    private SparkSession spark;
    private SparkTrainer sparkTrainer;
    private SparkData data;
    private int epoch;

    @Setup(Level.Trial)
    public void setUp() {
        local = SparkStepSplit.data(batch * SparkStepSplit.STEPS_PER_EPOCH);
        switch (mode) {
            case "single" -> trainer = SparkStepSplit.mlp();
            case "local1", "local2", "local2-avg8" -> {
                String master = mode.startsWith("local1") ? "local[1]" : "local[2]";
                spark = SparkSession.builder().master(master).appName("adjoint-spark-jmh")
                        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
                spark.sparkContext().setLogLevel("WARN");
                data = SparkData.parallelize(spark, local, spark.sparkContext().defaultParallelism());
                sparkTrainer = SparkTrainer.of(spark, SparkStepSplit::mlp);
            }
            default -> throw new IllegalArgumentException("SparkStepBench: unknown mode '" + mode
                    + "' (single, local1, local2, local2-avg8)");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Benchmark
    public History epoch() {
        epoch++;
        if (trainer != null) {
            return trainer.fit(local, FitOptions.epochs(1).batchSize(batch).seed(epoch));
        }
        SparkFitOptions o = SparkFitOptions.epochs(1).batchSize(batch).seed(epoch);
        if (mode.endsWith("avg8")) {
            o.parameterAveraging(SparkStepSplit.STEPS_PER_EPOCH);
        }
        return sparkTrainer.fit(data, o);
    }
}
