package org.adjoint.nn.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.adjoint.graph.Tensor;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    @Test
    void accumulatesOverBatches() {
        // the binary example (3 TP, 1 FP, 2 FN, 4 TN) in two batches of probabilities
        Metric.Accumulator p = ClassificationMetrics.precision().start();
        Metric.Accumulator r = ClassificationMetrics.recall().start();
        Metric.Accumulator f = ClassificationMetrics.f1().start();
        Tensor p1 = Tensor.of(new float[] {0.9f, 0.8f, 0.7f, 0.2f, 0.1f}, 5, 1);
        Tensor y1 = Tensor.of(new float[] {1, 1, 1, 1, 1}, 5, 1);
        Tensor p2 = Tensor.of(new float[] {0.6f, 0.1f, 0.2f, 0.3f, 0.4f}, 5, 1);
        Tensor y2 = Tensor.of(new float[] {0, 0, 0, 0, 0}, 5, 1);
        for (Metric.Accumulator a : new Metric.Accumulator[] {p, r, f}) {
            assertTrue(Double.isNaN(a.result()));
            a.update(p1, y1);
            a.update(p2, y2);
        }
        assertEquals(0.75, p.result(), 1e-12);
        assertEquals(0.6, r.result(), 1e-12);
        assertEquals(2.0 / 3, f.result(), 1e-12);
    }

    @Test
    void perClassAndMacroNames() {
        assertEquals("macro_f1", ClassificationMetrics.macroF1(3).name());
        assertEquals("recall_2", ClassificationMetrics.recall(2, 3).name());
        Metric.Accumulator a = ClassificationMetrics.macroF1(3).start();
        // same 3-class example as ConfusionMatrixTest: macro F1 = 7/12
        int[] actual = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2};
        int[] predicted = {0, 0, 0, 1, 0, 1, 1, 2, 1, 2};
        float[] rows = new float[30];
        for (int i = 0; i < 10; i++) {
            rows[3 * i + predicted[i]] = 1;
        }
        a.update(Tensor.of(rows, 10, 3), Tensor.of(actual, 10));
        assertEquals(7.0 / 12, a.result(), 1e-12);
    }

    @Test
    void badClassIndexIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.f1(3, 3));
        assertEquals("classification metric: class index 3 is not in [0, 3) (classes=3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.macroF1(1));
        assertEquals("confusion matrix: classes must be >= 2, got classes=1", e.getMessage());
        Metric.Accumulator a = ClassificationMetrics.macroF1(3).start();
        e = assertThrows(IllegalArgumentException.class,
                () -> a.update(Tensor.of(new float[] {0.9f}, 1, 1), Tensor.of(new float[] {1}, 1, 1)));
        assertEquals("confusion matrix: binary predictions f32[1, 1] but classes=3", e.getMessage());
    }
}
