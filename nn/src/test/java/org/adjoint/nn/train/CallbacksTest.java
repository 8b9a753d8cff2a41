package org.adjoint.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.adjoint.graph.DType;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Model;
import org.adjoint.nn.Parameter;
import org.adjoint.nn.Sequential;
import org.adjoint.nn.TestData;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.io.Checkpoint;
import org.adjoint.nn.layers.Activation;
import org.adjoint.nn.layers.BatchNorm;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.losses.Losses;
import org.adjoint.nn.metrics.Metric;
import org.adjoint.nn.metrics.Metrics;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.optim.LearningRateSchedule;
import org.adjoint.nn.optim.NonFiniteException;
import org.adjoint.nn.optim.Sgd;
import org.adjoint.ops.Ops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallbacksTest {

    @TempDir
    Path dir;

    private static Trainer classifier(long seed, double lr) {
        Sequential model = Sequential.builder(Shape.of(4)).seed(seed)
                .add(new Dense(16, Activation.relu()), new Dense(3)).build();
        return Trainer.builder(model).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(lr))
                .metrics(Metrics.accuracy()).build();
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresTheBestVariables() {
        // a tiny training set that the model overfits while the dev loss rises
        Dataset train = TestData.blobs(6, 4, 3, 1);
        Dataset dev = TestData.blobs(30, 4, 3, 2).with(Dataset.LABELS, Tensor.of(shifted(30), 30));
        Trainer t = classifier(1, 0.05);
        List<Map<String, Tensor>> perEpoch = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onEpochEnd(Trainer trainer, int epoch, Map<String, Double> logs) {
                perEpoch.add(trainer.model().variables().snapshot());
            }
        };
        EarlyStopping stop = EarlyStopping.on("dev_loss").patience(2);
        History h = t.fit(train, FitOptions.epochs(40).batchSize(6).dev(dev).callbacks(recorder, stop));
        int best = h.bestEpoch("dev_loss", false);
        assertEquals(best, stop.bestEpoch());
        assertEquals(best + 2, h.size(), "stops two epochs after the best: " + h);
        assertTrue(h.size() < 40);
        assertTrue(h.stopReason().startsWith("early stopping: dev_loss did not improve for 2 epochs"), h.stopReason());
        for (Parameter p : t.model().variables()) {
            assertTrue(perEpoch.get(best - 1).get(p.name()).bitwiseEquals(p.value()), p.name() + " restored");
        }
        assertEquals(h.epochLogs(best - 1).get("dev_loss"), t.evaluate(dev).get("loss"), 1e-12);
    }

    /** Labels that disagree with the blob classes, so fitting the training set hurts on dev. */
    private static int[] shifted(int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = (i + 1) % 3;
        }
        return y;
    }

    @Test
    void earlyStoppingNeedsADevSetForADevMetric() {
        Trainer t = classifier(1, 0.05);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(TestData.blobs(6, 4, 3, 1),
                FitOptions.epochs(3).callbacks(EarlyStopping.on("dev_accuracy"))));
        assertEquals("early stopping monitors 'dev_accuracy' but fit has no dev set", e.getMessage());
        assertEquals(0, t.optimizer().iterations());
    }

    @Test
    void nanGuardStopsBeforeTheUpdateAndNamesEpochStepAndNode() {
        Graph g = new Graph();
        Ops o = Ops.on(g);
        Node x = g.placeholder("x", DType.F32, Shape.of(-1, 2));
        Node h = new BatchNorm().call(new Dense(2).call(x));
        Node out = o.named("log_out").log(o.add(h, 3.0));     // finite while h > -3
        Model m = Model.of(x, out);
        Trainer t = Trainer.builder(m).loss(Losses.meanSquaredError()).optimizer(new Sgd(0.01)).build();
        float[] xs = {1, 2, 3, 4, 5, 6, 7, 8};
        Dataset ok = Dataset.of(Tensor.of(xs, 4, 2), Tensor.zeros(DType.F32, Shape.of(4, 2)));
        t.fit(ok, FitOptions.epochs(2).batchSize(2).shuffle(false));
        // a batch whose normalized values reach below -3: 1 outlier among 15 equal values
        float[] bad = new float[16 * 2];
        bad[0] = -1000;
        bad[1] = -1000;
        Dataset poison = Dataset.of(Tensor.of(bad, 16, 2), Tensor.zeros(DType.F32, Shape.of(16, 2)));
        Map<String, Tensor> before = m.variables().snapshot();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProgressBarCallback progress = new ProgressBarCallback(new PrintStream(buf, true, StandardCharsets.UTF_8), true);
        NonFiniteException e = assertThrows(NonFiniteException.class,
                () -> t.fit(poison, FitOptions.epochs(1).batchSize(16).callbacks(progress)));
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("failed: non-finite value at epoch 3, step 5"));
        assertEquals(3, e.epoch());
        assertEquals(5, e.step());
        assertTrue(e.getMessage().startsWith("non-finite value at epoch 3, step 5: the loss 'loss' is NaN; first"
                + " non-finite value produced by log 'log_out' f32[16, 2]"), e.getMessage());
        assertTrue(e.getMessage().endsWith("the update was not applied"));
        for (Parameter p : m.variables()) {
            assertTrue(before.get(p.name()).bitwiseEquals(p.value()), p.name() + " (incl. running statistics) unchanged");
        }
        assertEquals(4, t.optimizer().iterations());
        assertNotNull(t.history());
    }

    @Test
    void plainProgressLinesWhenNotATerminal() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Trainer t = classifier(2, 0.05);
        t.fit(TestData.blobs(30, 4, 3, 1), FitOptions.epochs(2).batchSize(10).dev(TestData.blobs(9, 4, 3, 2))
                .callbacks(new ProgressBarCallback(new PrintStream(buf, true, StandardCharsets.UTF_8), false)));
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].matches("epoch 1/2  loss \\d\\.\\d{4}  accuracy \\d\\.\\d{4}  dev_loss \\d\\.\\d{4}"
                + "  dev_accuracy \\d\\.\\d{4}  lr 0\\.0500  \\d+ ex/s  \\d+\\.\\d s  eta \\d+:\\d\\d"), lines[0]);
        assertTrue(lines[1].startsWith("epoch 2/2  loss "), lines[1]);
        assertTrue(lines[1].endsWith("eta 0:00"), lines[1]);
        assertEquals("1:01:05", ProgressBarCallback.eta(3665));
        assertEquals("2:05", ProgressBarCallback.eta(125.4));
    }

    @Test
    void theInteractiveBarRendersWithTheLibrary() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Trainer t = classifier(2, 0.05);
        t.fit(TestData.blobs(30, 4, 3, 1), FitOptions.epochs(1).batchSize(10)
                .callbacks(new ProgressBarCallback(new PrintStream(buf, true, StandardCharsets.UTF_8), true)));
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("epoch 1/1") && text.contains("3/3") && text.contains("accuracy"), text);
    }

    @Test
    void scheduleSteppingIsRecordedAndCheckpointsAreWrittenEveryNEpochs() {
        Trainer t = classifier(3, 0.1);
        t.optimizer().schedule(LearningRateSchedule.exponential(0.1, 0.5));
        CheckpointCallback ckpt = new CheckpointCallback(dir, 2);
        History h = t.fit(TestData.blobs(12, 4, 3, 1), FitOptions.epochs(5).batchSize(4).callbacks(ckpt));
        double[] lr = h.series("lr");
        assertEquals(0.1, lr[0], 1e-15);
        assertEquals(0.05, lr[1], 1e-15);
        assertEquals(0.1 / 16, lr[4], 1e-15);
        assertTrue(Files.exists(dir.resolve("epoch-0002.safetensors")));
        assertTrue(Files.exists(dir.resolve("epoch-0004.safetensors")));
        assertTrue(!Files.exists(dir.resolve("epoch-0005.safetensors")));
        assertEquals(dir.resolve("epoch-0004.safetensors"), ckpt.last());
        Trainer fresh = classifier(4, 0.1);
        Checkpoint.load(ckpt.last(), fresh.model(), fresh.optimizer());
        assertEquals(4, fresh.epochsDone());
        assertEquals(12, fresh.optimizer().iterations());
    }

    @Test
    void userMetricsAndOneHotAccuracy() {
        Sequential model = Sequential.builder(Shape.of(4)).seed(1).add(new Dense(3)).build();
        Metric count = Metric.of("examples", () -> new Metric.Accumulator() {
            private int n;

            @Override
            public void update(Tensor predictions, Tensor labels) {
                n += predictions.shape().dim(0);
            }

            @Override
            public double result() {
                return n;
            }
        });
        Trainer t = Trainer.builder(model).loss(Losses.softmaxCrossEntropyDense()).optimizer(new Adam(0.05))
                .metrics(Metrics.accuracy(), count).build();
        Dataset blobs = TestData.blobs(30, 4, 3, 1);
        float[] oneHot = new float[30 * 3];
        for (int i = 0; i < 30; i++) {
            oneHot[i * 3 + blobs.labels().ints()[i]] = 1;
        }
        Dataset d = blobs.with(Dataset.LABELS, Tensor.of(oneHot, 30, 3));
        History h = t.fit(d, FitOptions.epochs(10).batchSize(7));
        assertEquals(30, h.last("examples"), 0);
        assertTrue(h.last("accuracy") > 0.9, h.toString());
        assertEquals(30, t.evaluate(d).get("examples"), 0);
    }

    @Test
    void augmentTransformsTrainingBatchesOnly() {
        Trainer t = classifier(5, 0.05);
        List<String> seen = new ArrayList<>();
        Dataset data = TestData.blobs(10, 4, 3, 1);
        t.fit(data, FitOptions.epochs(2).batchSize(4).dev(data).augment((batch, epoch, index) -> {
            seen.add(epoch + ":" + index + ":" + batch.size());
            Tensor x = batch.features().copy();
            for (int i = 0; i < x.size(); i++) {
                x.setDouble(i, x.getDouble(i) + 100);      // a shift the dev metrics must not see
            }
            return batch.with(Dataset.FEATURES, x);
        }));
        assertEquals(List.of("0:0:4", "0:1:4", "0:2:2", "1:0:4", "1:1:4", "1:2:2"), seen);
        Map<String, Double> logs = t.history().epochLogs(1);
        assertTrue(Math.abs(logs.get("loss") - logs.get("dev_loss")) > 0.1, logs.toString());
    }
}
