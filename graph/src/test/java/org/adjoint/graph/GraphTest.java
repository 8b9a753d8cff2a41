package org.adjoint.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class GraphTest {

    /** A minimal op for graph-level tests: elementwise doubling of one input. */
    static final class Twice implements Op {
        @Override
        public String name() {
            return "twice";
        }

        @Override
        public int arity() {
            return 1;
        }

        @Override
        public TensorType infer(TensorType[] in, OpContext ctx) {
            if (!in[0].dtype().isFloating()) {
                throw ctx.error("input 0 must be f32 or f64, got " + in[0]);
            }
            return in[0];
        }

        @Override
        public void forward(Tensor[] in, Tensor out) {
            for (int i = 0; i < out.size(); i++) {
                out.setDouble(i, 2 * in[0].getDouble(i));
            }
        }

        @Override
        public List<Grad> backward(Node node, Node g) {
            return List.of(Grad.none());
        }
    }

    @Test
    void namesAreUniqueAndNodesAreOrdered() {
        Graph g = new Graph();
        Node a = g.placeholder("x", DType.F32, Shape.of(-1, 2));
        Node b = g.apply(new Twice(), null, a);
        Node c = g.apply(new Twice(), null, b);
        Node d = g.apply(new Twice(), "x", c);
        assertEquals("twice", b.name());
        assertEquals("twice_1", c.name());
        assertEquals("x_1", d.name());
        assertSame(c, g.node("twice_1"));
        assertEquals(List.of(a, b, c, d), g.nodes());
        assertEquals(Shape.of(-1, 2), d.shape());
    }

    @Test
    void typeErrorsNameOpNodeAndInput() {
        Graph g = new Graph();
        Node i = g.placeholder("idx", DType.I32, Shape.of(3));
        ShapeException e = assertThrows(ShapeException.class, () -> g.apply(new Twice(), "h", i));
        assertEquals("twice 'h': input 0 must be f32 or f64, got i32[3]", e.getMessage());
        ShapeException arity = assertThrows(ShapeException.class, () -> g.apply(new Twice(), "h", i, i));
        assertEquals("twice 'h': expects 1 input(s), got 2", arity.getMessage());
    }

    @Test
    void rejectsInputsOfAnotherGraph() {
        Graph g1 = new Graph();
        Graph g2 = new Graph();
        Node x = g1.placeholder("x", DType.F32, Shape.of(2));
        ShapeException e = assertThrows(ShapeException.class, () -> g2.apply(new Twice(), "y", x));
        assertEquals("twice 'y': input 0 ('x') belongs to a different graph", e.getMessage());
    }

    @Test
    void variablesHoldStateAndRejectRetyping() {
        Graph g = new Graph();
        Node w = g.variable("w", DType.F64, Shape.of(2, 2), Init.constant(0.5));
        assertEquals(0.5, w.value().get(1, 1));
        w.assign(Tensor.of(new double[] {1, 2, 3, 4}, 2, 2));
        assertEquals(4.0, w.value().get(1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.assign(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2)));
        assertEquals("variable 'w' is f64[2, 2], cannot assign f32[2, 2]", e.getMessage());
        ShapeException unknown = assertThrows(ShapeException.class,
                () -> g.variable("v", DType.F32, Shape.of(-1, 2), Init.zeros()));
        assertEquals("variable 'v': shape must be fully known, got [?, 2]", unknown.getMessage());
    }

    @Test
    void initializersAreSeededAndScaled() {
        Tensor a = Init.he(7).create(DType.F32, Shape.of(200, 50));
        Tensor b = Init.he(7).create(DType.F32, Shape.of(200, 50));
        Tensor c = Init.he(8).create(DType.F32, Shape.of(200, 50));
        assertEquals(true, a.bitwiseEquals(b));
        assertEquals(false, a.bitwiseEquals(c));
        double sq = 0;
        for (int i = 0; i < a.size(); i++) {
            sq += a.getDouble(i) * a.getDouble(i);
        }
        double std = Math.sqrt(sq / a.size());
        assertEquals(Math.sqrt(2.0 / 200), std, 0.01); // He: std = sqrt(2 / fanIn)
        Tensor x = Init.xavier(3).create(DType.F64, Shape.of(30, 10));
        double limit = Math.sqrt(6.0 / 40);
        for (int i = 0; i < x.size(); i++) {
            assertEquals(0, x.getDouble(i), limit);
        }
    }
}
