package org.adjoint.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Tensor;
import org.junit.jupiter.api.Test;

class AdamTest {

    @Test
    void firstStepMovesEachWeightByAboutTheLearningRate() {
        // with bias correction, step 1 is lr * g / (|g| + eps): a sign step of size lr
        Graph g = new Graph();
        Node w = g.variable("w", Tensor.of(new double[] {1, 1, 1}, 3));
        new Adam(List.of(w), 0.01).step(List.of(Tensor.of(new double[] {5, -0.2, 0}, 3)));
        assertEquals(0.99, w.value().getDouble(0), 1e-9);
        assertEquals(1.01, w.value().getDouble(1), 1e-9);
        assertEquals(1.0, w.value().getDouble(2), 0);
    }

    @Test
    void minimizesAQuadratic() {
        Graph g = new Graph();
        Node w = g.variable("w", Tensor.of(new double[] {3, -2}, 2));
        Adam adam = new Adam(List.of(w), 0.1);
        for (int i = 0; i < 500; i++) {
            double[] x = w.value().doubles();
            adam.step(List.of(Tensor.of(new double[] {2 * x[0], 2 * x[1]}, 2))); // grad of |w|^2
        }
        assertEquals(0, w.value().getDouble(0), 1e-2);
        assertEquals(0, w.value().getDouble(1), 1e-2);
    }

    @Test
    void rejectsBadHyperparameters() {
        Graph g = new Graph();
        Node w = g.variable("w", Tensor.of(new double[] {1}, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Adam(List.of(w), 0.1, 1.0, 0.999, 1e-8));
        assertEquals("Adam: beta1 must be in [0, 1), got 1.0", e.getMessage());
    }
}
