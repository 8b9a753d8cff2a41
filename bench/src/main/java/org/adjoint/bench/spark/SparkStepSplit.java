package org.adjoint.bench.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import jdk.incubator.vector.FloatVector;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.nn.Sequential;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.init.Initializer;
import org.adjoint.nn.layers.Activation;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.losses.Losses;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.train.Callback;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.Trainer;
import org.adjoint.spark.SparkData;
import org.adjoint.spark.SparkFitOptions;
import org.adjoint.spark.SparkTrainer;
import org.adjoint.spark.StepTimings;
import org.apache.spark.sql.SparkSession;

/**
 * Time per training step and throughput of the 784-256-256-10 ReLU MLP (softmax cross-entropy,
 * Adam, F32) at one global batch size, either with the single-machine {@code Trainer.fit} or with
 * {@link SparkTrainer} in synchronous mode on a local master, with the Spark step split into
 * broadcast, the slowest task's computation, the driver's update and the rest (communication:
 * serialization, scheduling, aggregation). One configuration per JVM:
 *
 * <pre>
 * SparkStepSplit single 512          # Trainer.fit
 * SparkStepSplit local[2] 2048       # SparkTrainer on local[2], one partition per core
 * SparkStepSplit local[2] 2048 8     # parameter averaging, 8 local steps per round
 * </pre>
 *
 * <p>Spark rows also give the median time of an empty job (one task per partition, treeAggregate
 * of a long) — the floor of Spark's scheduling that any step pays — and of a job whose tasks
 * return gradient-sized float arrays (what a step's results cost to serialize and add).
 *
 * NOTE: the split needs Spark's per-step timings, which a JMH score cannot carry, so this is a
 * plain harness (bench/run-spark.sh): each configuration runs in its own JVM with its own session,
 * warms up for four epochs (32 steps) and then times every step of three more; the figures are the
 * median and the 10th/90th percentiles over steps. The step time alone, with JMH's statistics and
 * beside the other benchmarks, comes from {@link org.adjoint.bench.SparkStepBench} in
 * bench/run-all.sh.
 */
public final class SparkStepSplit {

    public static final int FEATURES = 784;
    public static final int STEPS_PER_EPOCH = 8;

    private SparkStepSplit() {
    }

    public static Trainer mlp() {
        Sequential model = Sequential.builder(Shape.of(FEATURES)).seed(1)
                .add(new Dense(256, Activation.relu()).kernelInit(Initializer.he()),
                        new Dense(256, Activation.relu()).kernelInit(Initializer.he()),
                        new Dense(10).kernelInit(Initializer.he()))
                .build();
        return Trainer.builder(model).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3)).build();
    }

    public static Dataset data(int n) {
        SplittableRandom rnd = new SplittableRandom(4);
        float[] xs = new float[n * FEATURES];
        int[] ys = new int[n];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) rnd.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            ys[i] = rnd.nextInt(10);
        }
        return Dataset.of(Tensor.of(xs, n, FEATURES), Tensor.of(ys, n));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: SparkStepSplit single|local[N] BATCH [K (parameter averaging, K local steps)]");
            System.exit(2);
        }
        String mode = args[0];
        int batch = Integer.parseInt(args[1]);
        int k = args.length == 3 ? Integer.parseInt(args[2]) : 0;
        int warmupEpochs = 4;
        int epochs = 3;
        Dataset data = data(batch * STEPS_PER_EPOCH);
        List<long[]> steps = new ArrayList<>();    // per measured step: total, broadcast, compute, apply, fetch, job
        String partitionsNote;
        double floorMillis = 0;
        double payloadMillis = 0;
        if (mode.equals("single")) {
            Trainer t = mlp();
            t.fit(data, FitOptions.epochs(warmupEpochs).batchSize(batch).seed(1));
            StepClock clock = new StepClock(nanos -> steps.add(new long[] {nanos, 0, nanos, 0, 0, 0}));
            t.fit(data, FitOptions.epochs(epochs).batchSize(batch).seed(2).callbacks(clock));
            partitionsNote = "-";
        } else {
            SparkSession spark = SparkSession.builder().master(mode).appName("adjoint-spark-bench")
                    .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
            int partitions = spark.sparkContext().defaultParallelism();
            SparkData d = SparkData.parallelize(spark, data, partitions);
            SparkTrainer st = SparkTrainer.of(spark, SparkStepSplit::mlp);
            SparkFitOptions warm = SparkFitOptions.epochs(warmupEpochs).batchSize(batch).seed(1);
            SparkFitOptions measured = SparkFitOptions.epochs(epochs).batchSize(batch).seed(2);
            if (k > 0) {
                warm.parameterAveraging(k);
                measured.parameterAveraging(k);
            }
            st.fit(d, warm);
            if (k > 0) {
                // a round's timings are reported once, after its last step: spread them over its steps
                int[] inRound = {0};
                measured.callbacks(new StepClock(nanos -> {
                    if (++inRound[0] % k == 0) {
                        StepTimings s = st.lastStepTimings();
                        for (int i = 0; i < k; i++) {
                            steps.add(new long[] {s.stepNanos() / k, s.broadcastNanos() / k, s.computeNanosMax() / k,
                                    s.applyNanos() / k, s.fetchNanosMax() / k, s.jobNanos() / k});
                        }
                    }
                }));
            } else {
                measured.callbacks(new StepClock(nanos -> {
                    StepTimings s = st.lastStepTimings();
                    steps.add(new long[] {s.stepNanos(), s.broadcastNanos(), s.computeNanosMax(), s.applyNanos(),
                            s.fetchNanosMax(), s.jobNanos()});
                }));
            }
            st.fit(d, measured);
            partitionsNote = String.valueOf(partitions);
            floorMillis = jobFloor(spark, partitions, 0);
            payloadMillis = jobFloor(spark, partitions, (int) (st.lastStepTimings().broadcastBytes() / 4));
            System.err.printf(Locale.ROOT, "broadcast per step: %.2f MB of parameters%n",
                    st.lastStepTimings().broadcastBytes() / 1e6);
            spark.stop();
        }
        report(k > 0 ? mode + ":avg" + k : mode, partitionsNote, batch, steps, floorMillis, payloadMillis);
    }

    /**
     * The median time of a job that does nothing but Spark's part of a step: one task per
     * partition, each returning {@code floats} floats (0: a long), added up by treeAggregate.
     */
    private static double jobFloor(SparkSession spark, int partitions, int floats) {
        org.apache.spark.api.java.JavaSparkContext sc =
                org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Integer> ids = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ids.add(p);
        }
        var rdd = sc.parallelize(ids, partitions).cache();
        rdd.count();
        long[] t = new long[30];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            if (floats == 0) {
                rdd.treeAggregate(0L, (a, x) -> a + x, Long::sum, 2);
            } else {
                rdd.map(x -> new float[floats]).treeAggregate(new float[floats], (a, x) -> {
                    for (int j = 0; j < a.length; j++) {
                        a[j] += x[j];
                    }
                    return a;
                }, (a, b) -> {
                    for (int j = 0; j < a.length; j++) {
                        a[j] += b[j];
                    }
                    return a;
                }, 2);
            }
            t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        return t[t.length / 2] / 1e6;
    }

    /** Calls back with the nanoseconds of each step (from the previous step's end or the epoch's start). */
    private static final class StepClock implements Callback {
        private final LongConsumer sink;
        private long last;

        StepClock(LongConsumer sink) {
            this.sink = sink;
        }

        @Override
        public void onEpochBegin(Trainer trainer, int epoch, int batches) {
            last = System.nanoTime();
        }

        @Override
        public void onBatchEnd(Trainer trainer, int epoch, int batch, int batchSize, double loss) {
            long now = System.nanoTime();
            sink.accept(now - last);
            last = now;
        }
    }

    private static double median(List<long[]> rows, int col, double q) {
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rows.get(i)[col] / 1e6;
        }
        Arrays.sort(v);
        return v[(int) Math.round(q * (v.length - 1))];
    }

    private static void report(String mode, String partitions, int batch, List<long[]> steps, double floor,
            double payload) throws Exception {
        double med = median(steps, 0, 0.5);
        double p10 = median(steps, 0, 0.1);
        double p90 = median(steps, 0, 0.9);
        double broadcast = median(steps, 1, 0.5);
        double compute = median(steps, 2, 0.5);
        double apply = median(steps, 3, 0.5);
        double fetch = median(steps, 4, 0.5);
        double comm = mode.equals("single") ? 0 : Math.max(0, med - compute - apply);
        System.out.println("# " + machine());
        System.out.println("# mode partitions batch steps step_ms_median step_ms_p10 step_ms_p90 examples_per_s"
                + " compute_ms broadcast_ms fetch_ms apply_ms communication_ms communication_share empty_job_ms"
                + " job_with_gradient_sized_results_ms");
        System.out.printf(Locale.ROOT, "%s %s %d %d %.2f %.2f %.2f %.0f %.2f %.2f %.2f %.2f %.2f %.2f %.2f %.2f%n",
                mode, partitions, batch, steps.size(), med, p10, p90, batch / (med / 1e3), compute, broadcast, fetch,
                apply, comm, comm / med, floor, payload);
    }

    static String machine() throws Exception {
        String cpu = "?";
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.exists(cpuinfo)) {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        }
        return String.format(Locale.ROOT, "cpu %s, %d cores; JDK %s %s; FloatVector.SPECIES_PREFERRED %d bits;"
                + " kernels %s; adjoint.threads %s", cpu, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vendor"), System.getProperty("java.version"),
                FloatVector.SPECIES_PREFERRED.vectorBitSize(), KernelProvider.get().name(),
                System.getProperty("adjoint.threads", "default"));
    }
}
