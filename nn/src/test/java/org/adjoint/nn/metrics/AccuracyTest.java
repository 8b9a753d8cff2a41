package org.adjoint.nn.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.adjoint.graph.Tensor;
import org.junit.jupiter.api.Test;

class AccuracyTest {

    @Test
    void classIndicesOneHotAndBinary() {
        Tensor p = Tensor.of(new float[] {0.1f, 0.7f, 0.2f, 0.5f, 0.3f, 0.2f, 0.2f, 0.2f, 0.6f}, 3, 3);
        Metric.Accumulator a = Metrics.accuracy().start();
        assertTrue(Double.isNaN(a.result()));
        a.update(p, Tensor.of(new int[] {1, 0, 0}, 3));
        assertEquals(2 / 3.0, a.result(), 1e-15);
        a.update(p, Tensor.of(new float[] {0, 1, 0, 0, 1, 0, 0, 0, 1}, 3, 3));   // one-hot: rows 0 and 2 right
        assertEquals(4 / 6.0, a.result(), 1e-15);
        Metric.Accumulator b = Metrics.accuracy().start();
        b.update(Tensor.of(new float[] {0.9f, 0.4f, 0.5f, 0.1f}, 4, 1), Tensor.of(new float[] {1, 1, 1, 0}, 4, 1));
        assertEquals(0.75, b.result(), 1e-15);
    }
}
