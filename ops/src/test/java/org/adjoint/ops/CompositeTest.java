package org.adjoint.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.adjoint.graph.DType;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.graph.ShapeException;
import org.junit.jupiter.api.Test;

/** Composites read like one op: their final node, inner nodes and errors carry the user's name. */
class CompositeTest {

    private final Graph g = new Graph();
    private final Ops o = Ops.on(g);
    private final Node x = o.placeholder("x", DType.F64, Shape.of(-1, 3));

    @Test
    void theFinalNodeIsNamedAfterTheCompositeAndInnerNodesAreScopedUnderIt() {
        Node m = o.mean(x);
        assertEquals("mean", m.name());
        assertEquals("div", m.op().name());
        assertEquals("mean/sum", m.input(0).name());
        assertEquals("mean/reduced_size", m.input(1).name());
        Node second = o.mean(x, 1);
        assertEquals("mean_1", second.name());
        assertEquals("mean_1/sum", second.input(0).name());
        Node named = o.named("loss").mean(x);
        assertEquals("loss", named.name());
        assertEquals("loss/sum", named.input(0).name());
    }

    @Test
    void nestedCompositesNestTheirScopes() {
        Node v = o.named("spread").variance(x, 0);
        assertEquals("spread", v.name());
        assertTrue(g.nodes().stream().anyMatch(n -> n.name().equals("spread/mean/sum")), g.nodes().toString());
    }

    @Test
    void anInnerNodesBuildErrorIsReportedAsTheComposites() {
        ShapeException e = assertThrows(ShapeException.class, () -> o.named("acc").mean(x, 2));
        assertEquals("mean 'acc': axis 2 is out of range for rank 2", e.getMessage());
        e = assertThrows(ShapeException.class, () -> o.variance(x, 0, -2));
        assertEquals("variance 'variance': axis 0 is repeated in [0, -2]", e.getMessage());
        Node gamma = o.constant(org.adjoint.graph.Tensor.zeros(DType.F64, Shape.of(3)));
        Node beta = o.constant(org.adjoint.graph.Tensor.zeros(DType.F64, Shape.of(1, 5)));
        e = assertThrows(ShapeException.class, () -> o.named("ln").layerNorm(x, gamma, beta, 1e-5));
        assertEquals("layer_norm 'ln': gamma and beta must be [3] for input [?, 3], got 'constant_1' [1, 5]",
                e.getMessage());
    }

    @Test
    void scopedBuildersNameUnnamedNodes() {
        Ops layer = o.scoped("dense1");
        Node h = layer.relu(layer.add(x, 1.0));
        assertEquals("dense1/relu", h.name());
        assertEquals("dense1/add", h.input(0).name());
        assertEquals("dense1/constant", h.input(0).input(1).name());
    }

    @Test
    void aFeedThatBreaksAnInnerNodeNamesItUnderTheComposite() {
        Node p = o.placeholder("p", DType.F64, Shape.of(-1, 1));
        Node t = o.placeholder("t", DType.F64, Shape.of(-1, 1));
        Node loss = o.named("mse").meanSquaredError(p, t);
        ShapeException e = assertThrows(ShapeException.class, () -> new org.adjoint.graph.Session(g).eval(
                org.adjoint.graph.Feeds.of(p, org.adjoint.graph.Tensor.zeros(DType.F64, Shape.of(4, 1)), t,
                        org.adjoint.graph.Tensor.zeros(DType.F64, Shape.of(5, 1))), loss));
        assertEquals("sub 'mse/sub': shapes [4, 1] and [5, 1] cannot be broadcast (dimension -2: 4 != 5)",
                e.getMessage());
    }
}
