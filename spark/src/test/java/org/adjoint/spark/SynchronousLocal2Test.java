package org.adjoint.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.adjoint.graph.DType;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.io.Checkpoint;
import org.adjoint.nn.optim.NonFiniteException;
import org.adjoint.nn.train.Callback;
import org.adjoint.nn.train.CheckpointCallback;
import org.adjoint.nn.train.EarlyStopping;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.History;
import org.adjoint.nn.train.ProgressBarCallback;
import org.adjoint.nn.train.Trainer;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

/**
 * Synchronous data parallelism on local[2] against single-machine {@code Trainer.fit} with the
 * same seeds and global batches; the callbacks, evaluation and prediction; data that do not fit.
 */
class SynchronousLocal2Test {

    private static SparkSession spark;
    private static Dataset data;
    private static SparkData distributed;      // 150 examples in 3 partitions: 50 / 50 / 50

    @BeforeAll
    static void start() {
        spark = SharedSpark.session("local[2]");
        data = Models.clusters(150, 11, DType.F32);
        distributed = SparkData.parallelize(spark, data, 3);
    }

    @Test
    void sameParametersAndHistoryAsSingleMachineFitInF32() {
        // 150 = 4 batches of 32 + one of 22: the partial batch is a mean over 22 on both sides
        Trainer local = Models.mlp();
        History expected = local.fit(data, FitOptions.epochs(3).batchSize(32).seed(5));

        SparkTrainer st = SparkTrainer.of(spark, Models::mlp);
        long replicas = ReplicaPool.built();
        History actual = st.fit(distributed, SparkFitOptions.epochs(3).batchSize(32).seed(5));
        // 1 label-check job and 15 steps of 3 tasks each on 2 task threads: the graphs are built
        // once per task slot of the JVM and then reused
        assertTrue(ReplicaPool.built() - replicas <= 2, (ReplicaPool.built() - replicas) + " replicas built");

        double worst = Compare.assertClose(local.model().parameters().snapshot(),
                st.trainer().model().parameters().snapshot(), 1e-6);
        System.out.println("local[2], 3 partitions, F32 Adam + L2: worst relative parameter difference " + worst);
        assertEquals(15, st.trainer().optimizer().iterations());
        assertEquals(local.optimizer().iterations(), st.trainer().optimizer().iterations());
        assertEquals(expected.names(), actual.names());
        for (int e = 0; e < 3; e++) {
            assertEquals(expected.epochLogs(e).get("loss"), actual.epochLogs(e).get("loss"), 1e-6);
            assertEquals(expected.epochLogs(e).get("accuracy"), actual.epochLogs(e).get("accuracy"));
        }
        // the test can tell: another shuffling seed gives other parameters
        Trainer other = Models.mlp();
        other.fit(data, FitOptions.epochs(3).batchSize(32).seed(6));
        assertTrue(Compare.anyDifferent(other.model().parameters().snapshot(),
                st.trainer().model().parameters().snapshot()));
    }

    @Test
    void bitwiseInF64WithOnePartitionAndCloseWithThree() {
        Dataset d64 = Models.clusters(96, 12, DType.F64);
        Trainer local = Models.mlp64();
        local.fit(d64, FitOptions.epochs(2).batchSize(32).seed(1));     // 32: dividing by it is exact

        SparkData one = SparkData.parallelize(spark, d64, 1);
        SparkTrainer st1 = SparkTrainer.of(spark, Models::mlp64);
        st1.fit(one, SparkFitOptions.epochs(2).batchSize(32).seed(1));
        Compare.assertBitwise(local.model().parameters().snapshot(), st1.trainer().model().parameters().snapshot());

        SparkData three = SparkData.parallelize(spark, d64, 3);
        SparkTrainer st3 = SparkTrainer.of(spark, Models::mlp64);
        st3.fit(three, SparkFitOptions.epochs(2).batchSize(32).seed(1));
        double worst = Compare.assertClose(local.model().parameters().snapshot(),
                st3.trainer().model().parameters().snapshot(), 1e-12);
        System.out.println("local[2], 3 partitions, F64: worst relative parameter difference " + worst);
        one.unpersist();
        three.unpersist();
    }

    @Test
    void twoRunsGiveTheSameBits() {
        SparkTrainer a = SparkTrainer.of(spark, Models::mlp);
        a.fit(distributed, SparkFitOptions.epochs(1).batchSize(20).seed(9));
        SparkTrainer b = SparkTrainer.of(spark, Models::mlp);
        b.fit(distributed, SparkFitOptions.epochs(1).batchSize(20).seed(9));
        Compare.assertBitwise(a.trainer().model().parameters().snapshot(), b.trainer().model().parameters().snapshot());
    }

    @Test
    void dropoutAndBatchNormMatchFitWithOnePartitionAndTrainWithSeveral() {
        Dataset d128 = data.slice(0, 128);                  // whole batches of 32: every division is exact
        Trainer local = Models.regularized();
        local.fit(d128, FitOptions.epochs(2).batchSize(32).seed(4));

        SparkData one = SparkData.parallelize(spark, d128, 1);
        SparkTrainer st = SparkTrainer.of(spark, Models::regularized);
        st.fit(one, SparkFitOptions.epochs(2).batchSize(32).seed(4));
        // same masks (random step = the global step), same batch statistics, same running statistics
        Compare.assertBitwise(local.model().variables().snapshot(), st.trainer().model().variables().snapshot());
        one.unpersist();

        SparkTrainer three = SparkTrainer.of(spark, Models::regularized);
        History h = three.fit(distributed, SparkFitOptions.epochs(8).batchSize(32).seed(4));
        double first = h.epochLogs(0).get("loss");
        double last = h.last("loss");
        assertTrue(last < 0.7 * first, "loss " + first + " -> " + last);
        Map<String, Double> eval = three.evaluate(distributed);
        assertTrue(eval.get("accuracy") > 0.9, eval.toString());
    }

    @Test
    void regressionTargetsMatchFit() {
        Dataset reg = Models.targets(64, 3);
        Trainer local = Models.regression();
        local.fit(reg, FitOptions.epochs(2).batchSize(16).seed(2));
        SparkData d = SparkData.parallelize(spark, reg, 2);
        SparkTrainer st = SparkTrainer.of(spark, Models::regression);
        st.fit(d, SparkFitOptions.epochs(2).batchSize(16).seed(2));
        Compare.assertClose(local.model().parameters().snapshot(), st.trainer().model().parameters().snapshot(), 1e-6);
        d.unpersist();
    }

    @Test
    void devSetEarlyStoppingCheckpointsAndProgressAsInFit(@TempDir Path dir) throws Exception {
        Dataset dev = Models.clusters(40, 99, DType.F32);
        SparkData devData = SparkData.parallelize(spark, dev, 2);

        Trainer local = Models.mlp();
        History expected = local.fit(data, FitOptions.epochs(12).batchSize(32).seed(5).dev(dev)
                .callbacks(EarlyStopping.on("dev_accuracy").patience(2)));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<int[]> batchEnds = new java.util.ArrayList<>();
        Callback steps = new Callback() {
            @Override
            public void onBatchEnd(Trainer trainer, int epoch, int batch, int batchSize, double loss) {
                batchEnds.add(new int[] {epoch, batch, batchSize});
            }
        };
        CheckpointCallback checkpoints = new CheckpointCallback(dir, 1);
        SparkTrainer st = SparkTrainer.of(spark, Models::mlp);
        History actual = st.fit(distributed, SparkFitOptions.epochs(12).batchSize(32).seed(5).dev(devData)
                .callbacks(new ProgressBarCallback(new PrintStream(out, true, StandardCharsets.UTF_8), false),
                        EarlyStopping.on("dev_accuracy").patience(2), checkpoints, steps));

        assertEquals(expected.size(), actual.size(), "stopped after the same epoch");
        assertTrue(actual.size() < 12, "early stopping should stop this run, it ran " + actual.size() + " epochs");
        assertEquals(expected.stopReason(), actual.stopReason());
        for (int e = 0; e < expected.size(); e++) {
            assertEquals(expected.epochLogs(e).get("dev_loss"), actual.epochLogs(e).get("dev_loss"), 1e-6);
            assertEquals(expected.epochLogs(e).get("dev_accuracy"), actual.epochLogs(e).get("dev_accuracy"));
        }
        // the best epoch's weights were restored on the driver, as fit restores them
        Compare.assertClose(local.model().parameters().snapshot(), st.trainer().model().parameters().snapshot(), 1e-6);

        // one progress line per epoch, one batch end per step (5 per epoch: 32, 32, 32, 32, 22)
        String progress = out.toString(StandardCharsets.UTF_8);
        assertEquals(actual.size(), progress.lines().filter(l -> l.startsWith("epoch ")).count(), progress);
        assertTrue(progress.contains("dev_accuracy"), progress);
        assertEquals(5 * actual.size(), batchEnds.size());
        assertArrayEquals(new int[] {1, 5, 22}, batchEnds.get(4));

        // checkpoints written by the driver: the last one holds the last epoch's weights
        Path last = checkpoints.fileOf(actual.size());
        assertTrue(Files.exists(last), last.toString());
        Trainer restored = Models.mlp();
        Checkpoint.load(last, restored.model(), restored.optimizer());
        assertEquals(5L * actual.size(), restored.optimizer().iterations());
        devData.unpersist();
    }

    @Test
    void distributedEvaluateAndPredictMatchTheLocalOnes() {
        SparkTrainer st = SparkTrainer.of(spark, Models::mlp);
        st.fit(distributed, SparkFitOptions.epochs(1).batchSize(50).seed(2));
        Trainer local = Models.mlp();
        local.model().variables().restore(st.trainer().model().variables().snapshot());

        Map<String, Double> expected = local.evaluate(data);
        Map<String, Double> actual = st.evaluate(distributed, 7);
        assertEquals(expected.keySet(), actual.keySet());
        assertEquals(expected.get("loss"), actual.get("loss"), 1e-6);
        assertEquals(expected.get("accuracy"), actual.get("accuracy"));

        Tensor outputs = local.predict(data.features());
        Tensor collected = st.predictLocal(distributed);
        assertEquals(outputs.type(), collected.type());
        assertTrue(Compare.relative(outputs, collected) < 1e-6);

        Map<Long, double[]> rows = new HashMap<>();
        for (Tuple2<Long, double[]> t : st.predict(distributed).collect()) {
            rows.put(t._1(), t._2());
        }
        assertEquals(150, rows.size());
        for (long i = 0; i < 150; i += 37) {
            for (int j = 0; j < Models.CLASSES; j++) {
                assertEquals(collected.getDouble((int) i * Models.CLASSES + j), rows.get(i)[j], 0.0);
            }
        }
    }

    @Test
    void aModelThatDoesNotFitTheFeaturesIsRejectedBeforeAnyJob() throws Exception {
        SparkTrainer st = SparkTrainer.of(spark, Models::nineFeatures);
        SparkEvents events = SparkEvents.start(spark);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> st.fit(distributed, SparkFitOptions.epochs(1)));
        assertEquals(0, events.stop().jobs(), "jobs started");
        assertEquals("train data has 8 features per example, but the model's input 'x' f32[?, 9] takes 9 (its first"
                + " layer's parameters are sized for that); no Spark job was started", e.getMessage());
        assertEquals(0, st.trainer().optimizer().iterations());

        SparkData f64 = SparkData.parallelize(spark, Models.clusters(10, 1, DType.F64), 2);
        IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class,
                () -> SparkTrainer.of(spark, Models::mlp).evaluate(f64));
        assertEquals("evaluate data has f64 features, but the model's input 'x' is f32[?, 8]; build the data with"
                + " dtype f32", dtype.getMessage());
        f64.unpersist();

        SparkData unlabeled = SparkData.parallelize(spark, Dataset.ofFeatures(data.features()), 2);
        IllegalArgumentException noLabels = assertThrows(IllegalArgumentException.class,
                () -> SparkTrainer.of(spark, Models::mlp).fit(unlabeled, SparkFitOptions.epochs(1)));
        assertEquals("train data has no labels; the loss softmax_cross_entropy needs labels i32[?]",
                noLabels.getMessage());
        assertEquals(150, SparkTrainer.of(spark, Models::mlp).predictLocal(unlabeled).shape().dim(0));
        unlabeled.unpersist();
    }

    /** Builds the test MLP on the driver and a smaller one inside Spark tasks. */
    static Trainer differentInTasks() {
        return org.apache.spark.TaskContext.get() == null ? Models.mlp() : Models.regression();
    }

    @Test
    void aFactoryThatBuildsAnotherModelOnExecutorsIsNamed() {
        SparkTrainer st = SparkTrainer.of(spark, SynchronousLocal2Test::differentInTasks);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> st.fit(distributed, SparkFitOptions.epochs(1)));
        assertEquals("train data: the trainer factory built a different model on an executor: parameter 0:"
                + " dense/w f32[8, 4] on the executor vs dense/w f32[8, 16] on the driver (the factory must build the"
                + " same structure every time)", e.getMessage());
    }

    @Test
    void labelsTheLossRejectsAreNamedBeforeTheFirstStep() {
        Tensor y = data.labels().copy();
        y.ints()[120] = 7;                                  // partition 2 holds examples 100..149
        SparkData bad = SparkData.parallelize(spark, Dataset.of(data.features(), y), 3);
        SparkTrainer st = SparkTrainer.of(spark, Models::mlp);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> st.fit(bad, SparkFitOptions.epochs(1)));
        assertEquals("train data: examples 100..149 (partition 2; rows counted from the partition's first example):"
                + " softmax_cross_entropy: label 7 at row 20 is out of range [0, 3)", e.getMessage());
        assertEquals(0, st.trainer().optimizer().iterations());
        bad.unpersist();
    }

    @Test
    void aNonFiniteGradientStopsBeforeTheUpdateNamingStepAndPartition() {
        Tensor x = data.features().copy();
        x.setDouble(70 * Models.FEATURES + 3, Double.NaN);  // example 70: partition 1, step 3 without shuffling
        SparkData bad = SparkData.parallelize(spark, Dataset.of(x, data.labels()), 3);
        SparkTrainer st = SparkTrainer.of(spark, Models::mlp);
        Map<String, Map<String, Tensor>> afterStep = new HashMap<>();
        Callback snapshots = new Callback() {
            @Override
            public void onBatchEnd(Trainer trainer, int epoch, int batch, int batchSize, double loss) {
                afterStep.put("step " + batch, trainer.model().variables().snapshot());
            }
        };
        NonFiniteException e = assertThrows(NonFiniteException.class,
                () -> st.fit(bad, SparkFitOptions.epochs(1).batchSize(32).shuffle(false).callbacks(snapshots)));
        // relu maps the NaN pre-activations to 0, so the loss stays finite; the first layer's gradient does not
        assertEquals("non-finite value at epoch 1, step 3: partition 1 (32 examples): the gradient of 'dense/w' is not"
                + " finite; the update was not applied", e.getMessage());
        assertEquals(3, e.step());
        assertEquals(1, e.epoch());
        assertEquals(2, st.trainer().optimizer().iterations());
        Compare.assertBitwise(afterStep.get("step 2"), st.trainer().model().variables().snapshot());
        bad.unpersist();
    }
}
