package org.adjoint.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Sequential;
import org.adjoint.nn.TestData;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.layers.Activation;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.losses.Losses;
import org.adjoint.nn.metrics.Metrics;
import org.adjoint.nn.optim.Adam;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static Trainer trainer(long seed) {
        Sequential model = Sequential.builder(Shape.of(4)).seed(seed)
                .add(new Dense(8, Activation.relu()), new Dense(3)).build();
        return Trainer.builder(model).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.05))
                .metrics(Metrics.accuracy()).build();
    }

    @Test
    void fitLearnsSeparableClassesAndRecordsHistory() {
        Dataset train = TestData.blobs(120, 4, 3, 1);
        Dataset dev = TestData.blobs(60, 4, 3, 2);
        Trainer t = trainer(3);
        History h = t.fit(train, FitOptions.epochs(8).batchSize(16).dev(dev).seed(4));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), h.epochs());
        assertEquals(List.of("loss", "accuracy", "dev_loss", "dev_accuracy", "lr"), List.copyOf(h.names()));
        double[] loss = h.series("loss");
        assertTrue(loss[7] < 0.5 * loss[0], "loss should fall: " + h);
        assertTrue(h.last("dev_accuracy") > 0.95, h.toString());
        Map<String, Double> eval = t.evaluate(dev);
        assertEquals(h.last("dev_loss"), eval.get("loss"), 1e-12);
        assertEquals(8 * 8, t.optimizer().iterations());     // 120 / 16 -> 8 batches (last partial kept)
        Tensor p = t.predict(dev.features());
        assertEquals(Shape.of(60, 3), p.shape());
        Tensor prob = t.probabilities(dev.features());
        double z = Math.exp(p.get(7, 0)) + Math.exp(p.get(7, 1)) + Math.exp(p.get(7, 2));
        assertEquals(Math.exp(p.get(7, 2)) / z, prob.get(7, 2), 1e-6);
    }

    @Test
    void sameSeedsGiveTheSameBits() {
        Dataset train = TestData.blobs(50, 4, 3, 1);
        Trainer a = trainer(9);
        Trainer b = trainer(9);
        a.fit(train, FitOptions.epochs(3).batchSize(8).seed(2));
        b.fit(train, FitOptions.epochs(3).batchSize(8).seed(2));
        assertTrue(a.model().parameters().get("dense/w").value()
                .bitwiseEquals(b.model().parameters().get("dense/w").value()));
    }

    @Test
    void badDataIsRejectedBeforeAnyStep() {
        Trainer t = trainer(1);
        Dataset wrongFeatures = Dataset.of(Tensor.zeros(DType.F32, Shape.of(10, 5)), Tensor.of(new int[10], 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.fit(wrongFeatures, FitOptions.epochs(1)));
        assertEquals("train data: input 'x' expects f32[?, 4], got f32[10, 5] (5 features, the model expects 4)",
                e.getMessage());
        int[] labels = new int[10];
        labels[7] = 3;
        Dataset badLabel = Dataset.of(Tensor.zeros(DType.F32, Shape.of(10, 4)), Tensor.of(labels, 10));
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> t.fit(badLabel, FitOptions.epochs(1)));
        assertEquals("train data: softmax_cross_entropy: label 3 at row 7 is out of range [0, 3)", e2.getMessage());
        Dataset small = TestData.blobs(5, 4, 3, 1);
        assertEquals("fit: batch size 8 with dropLast leaves no batch of the 5 training examples",
                assertThrows(IllegalArgumentException.class,
                        () -> t.fit(small, FitOptions.epochs(1).batchSize(8).dropLast(true))).getMessage());
        assertEquals(0, t.optimizer().iterations());
        assertEquals("fit: batch size must be >= 1, got batchSize=0",
                assertThrows(IllegalArgumentException.class, () -> FitOptions.epochs(1).batchSize(0)).getMessage());
        assertEquals("fit: epochs must be >= 1, got epochs=0",
                assertThrows(IllegalArgumentException.class, () -> FitOptions.epochs(0)).getMessage());
        assertEquals("dataset: empty data set (column 'features' has shape [0, 4])",
                assertThrows(IllegalArgumentException.class, () -> Dataset.of(Tensor.zeros(DType.F32, Shape.of(0, 4)),
                        Tensor.of(new int[0], 0))).getMessage());
    }
}
