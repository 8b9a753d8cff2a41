package org.adjoint.ops.compile;

import static org.adjoint.ops.compile.Plans.OFF;
import static org.adjoint.ops.compile.Plans.ON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.ShapeException;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.compile.CompileOptions;
import org.adjoint.ops.Ops;
import org.junit.jupiter.api.Test;

/**
 * Rewriting never changes the exception a user sees for bad feeds: plans are typed with the
 * user's nodes before any rule runs, and value errors come from kernels that are neither fused
 * nor folded away. Each case is run with and without optimization; the messages are asserted.
 */
class ErrorsUnchangedTest {

    private final Graph g = new Graph();
    private final Ops o = Ops.on(g);
    private final Node x = o.placeholder("x", DType.F64, Shape.of(-1, 3));
    private final Node y = o.placeholder("y", DType.F64, Shape.of(-1, 3));
    private final Node labels = o.placeholder("labels", DType.I32, Shape.of(-1));
    // a chain the fusion pass turns into one node, whose add sees the run-time shapes
    private final Node out = o.exp(o.named("sum").add(o.tanh(x), y));
    private final Node loss = o.mean(o.sparseSoftmaxCrossEntropy(o.mul(x, 2.0), labels));

    private static Tensor zeros(int... dims) {
        return Tensor.zeros(DType.F64, Shape.of(dims));
    }

    private <T extends RuntimeException> String message(Class<T> type, CompileOptions options, Feeds f, Node n) {
        return assertThrows(type, () -> new Session(g, options).eval(f, n)).getMessage();
    }

    private <T extends RuntimeException> void same(Class<T> type, String expected, Feeds f, Node n) {
        assertEquals(expected, message(type, OFF, f, n));
        assertEquals(expected, message(type, ON, f, n));
    }

    @Test
    void aShapeErrorStillNamesTheUsersNodeInsideAFusedChain() {
        same(ShapeException.class, "add 'sum': shapes [2, 3] and [5, 3] cannot be broadcast (dimension -2: 2 != 5)",
                Feeds.of(x, zeros(2, 3), y, zeros(5, 3)), out);
    }

    @Test
    void feedErrorsAreUnchanged() {
        same(IllegalArgumentException.class, "feed for placeholder 'x' has type f64[2, 4], expected f64[?, 3]",
                Feeds.of(x, zeros(2, 4), y, zeros(2, 4)), out);
        same(IllegalArgumentException.class, "missing feed for placeholder 'y' (f64[?, 3]), needed to compute 'exp'",
                Feeds.of(x, zeros(2, 3)), out);
    }

    @Test
    void valueErrorsAreUnchanged() {
        Feeds f = Feeds.of(x, zeros(2, 3), labels, Tensor.of(new int[] {1, 7}, 2));
        String off = message(IllegalArgumentException.class, OFF, f, loss);
        assertEquals(off, message(IllegalArgumentException.class, ON, f, loss));
        assertEquals("sparse_softmax_cross_entropy 'sparse_softmax_cross_entropy': label 7 in row 1 is out of range"
                + " for 3 classes (expected 0..2)", off);
        // the same plans run with good values
        new Session(g, ON).eval(Feeds.of(x, zeros(2, 3), labels, Tensor.of(new int[] {1, 2}, 2)), loss);
    }
}
