package org.adjoint.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;

/** Small helpers for op unit tests: constants, evaluation, and a node's gradient rule called directly. */
final class OpTesting {

    final Graph g = new Graph();
    final Ops o = Ops.on(g);

    Node c(double[] values, int... dims) {
        return o.constant(Tensor.of(values, dims));
    }

    Node c(float[] values, int... dims) {
        return o.constant(Tensor.of(values, dims));
    }

    Node ci(int[] values, int... dims) {
        return o.constant(Tensor.of(values, dims));
    }

    Tensor eval(Node n) {
        return new Session(g).eval(Feeds.empty(), n);
    }

    /** The gradient rule's output for input {@code i} of {@code node}, given the cotangent {@code seed}. */
    Tensor grad(Node node, Node seed, int i) {
        List<Grad> grads = node.op().backward(node, seed);
        return eval(grads.get(i).node());
    }

    static void assertValues(double[] expected, Tensor actual, double tol) {
        assertArrayEquals(expected, actual.toDoubleArray(), tol, "values of " + actual);
    }

    static void assertShape(Shape expected, Tensor actual) {
        assertEquals(expected, actual.shape());
    }
}
