package org.adjoint.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Init;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.Ops;
import org.junit.jupiter.api.Test;

class GradCheckTest {

    @Test
    void projectionModeChecksLargeInputsAndF32ModelsAtF64() {
        Graph g = new Graph();
        Ops o = Ops.on(g);
        Node x = o.placeholder("x", DType.F32, Shape.of(-1, 40));
        Node w = o.variable("w", Init.xavier(3), Shape.of(40, 60));
        Tensor before = w.value().copy();
        Node y = o.tanh(o.matmul(x, w));  // non-scalar: checked through a random cotangent
        Tensor xs = Init.normal(0, 1, 9).create(DType.F32, Shape.of(5, 40));
        GradCheck.Report r = GradCheck.of(y).wrt(w).feed(x, xs).run();
        assertEquals(GradCheck.Mode.PROJECTION, r.mode());
        assertEquals(3, r.checked());
        r.assertPassed();
        assertTrue(before.bitwiseEquals(w.value()), "GradCheck must not modify the user's variables");
        GradCheck.Report full = GradCheck.of(y).wrt(x).feed(x, xs).mode(GradCheck.Mode.FULL).run();
        assertEquals(200, full.checked());
        full.assertPassed();
    }

    @Test
    void reportNamesTheWorstElement() {
        Graph g = new Graph();
        Ops o = Ops.on(g);
        Node w = o.variable("w", Tensor.of(new double[] {1, 2, 3, 4}, 2, 2));
        // wrong only where the element is 4 (index [1, 1])
        Node y = o.sum(o.apply(new WrongAtFour(), w));
        GradCheck.Report r = GradCheck.of(y).wrt(w).run();
        assertFalse(r.passed());
        assertEquals(1, r.failed());
        assertEquals("w", r.worst().input());
        assertArrayEquals(new int[] {1, 1}, r.worst().index());
        assertEquals(0.0, r.worst().analytic(), 1e-12);
        assertEquals(1.0, r.worst().numeric(), 1e-6);
        assertTrue(r.toString().startsWith("GradCheck FAILED for 'sum': 1 of 4 values outside tolerance"),
                r.toString());
        assertTrue(r.toString().contains("worst: 'w'[1, 1]: analytic 0.0, numeric"), r.toString());
    }

    @Test
    void projectionModeCatchesAWrongRuleToo() {
        Graph g = new Graph();
        Ops o = Ops.on(g);
        Node w = o.variable("w", Init.normal(0, 1, 4), Shape.of(50, 50));
        Node y = o.sum(o.apply(new WrongCube(), w));
        GradCheck.Report r = GradCheck.of(y).wrt(w).mode(GradCheck.Mode.PROJECTION).run();
        assertFalse(r.passed());
        assertTrue(r.worst().location().startsWith("'w' along random direction"), r.worst().location());
    }

    @Test
    void badArgumentsAreRejected() {
        Graph g = new Graph();
        Ops o = Ops.on(g);
        Node x = o.placeholder("x", DType.F64, Shape.of(2));
        Node h = o.named("h").exp(x);
        Node y = o.named("y").sum(h);
        IllegalArgumentException notLeaf = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.of(y).wrt(h).run());
        assertEquals("GradCheck of 'y': 'h' is computed by exp; only variables and placeholders can be perturbed",
                notLeaf.getMessage());
        IllegalArgumentException notFed = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.of(y).wrt(x).run());
        assertEquals("GradCheck of 'y': placeholder 'x' is checked but not fed", notFed.getMessage());
        IllegalArgumentException eps = assertThrows(IllegalArgumentException.class, () -> GradCheck.of(y).eps(0));
        assertEquals("GradCheck: eps must be > 0, got 0.0", eps.getMessage());
    }

    /** y = x, but the gradient is dropped where x == 4. */
    private static final class WrongAtFour implements Op {
        @Override
        public String name() {
            return "wrong_at_four";
        }

        @Override
        public int arity() {
            return 1;
        }

        @Override
        public TensorType infer(TensorType[] in, OpContext ctx) {
            return in[0];
        }

        @Override
        public void forward(Tensor[] in, Tensor out) {
            out.copyFrom(in[0]);
        }

        @Override
        public List<Grad> backward(Node node, Node g) {
            Ops o = Ops.on(node.graph());
            Node x = node.input(0);
            Node four = o.scalarLike(4, x);
            // mask = 1 - (x == 4)
            return List.of(Grad.of(o.mul(g, o.rsub(1.0, o.equal(x, four)))));
        }
    }
}
