package org.adjoint.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Tensor;
import org.junit.jupiter.api.Test;

class SgdTest {

    @Test
    void stepSubtractsScaledGradient() {
        Graph g = new Graph();
        Node w = g.variable("w", Tensor.of(new float[] {1, 2, 3}, 3));
        new Sgd(List.of(w), 0.5).step(List.of(Tensor.of(new float[] {2, -2, 0}, 3)));
        assertArrayEquals(new float[] {0, 3, 3}, w.value().floats());
    }

    @Test
    void rejectsBadArguments() {
        Graph g = new Graph();
        Node w = g.variable("w", Tensor.of(new float[] {1, 2, 3}, 3));
        IllegalArgumentException lr = assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(w), -1));
        assertEquals("Sgd: learning rate must be a positive finite number, got -1.0", lr.getMessage());
        Sgd sgd = new Sgd(List.of(w), 0.1);
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> sgd.step(List.of(Tensor.of(new double[] {1, 2, 3}, 3))));
        assertEquals("Sgd.step: gradient 0 is f64[3] but parameter 'w' is f32[3]", type.getMessage());
    }
}
