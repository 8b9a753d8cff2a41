package org.adjoint.ops;

import static org.adjoint.ops.OpTesting.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.adjoint.graph.DType;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.graph.ShapeException;
import org.adjoint.graph.Tensor;
import org.junit.jupiter.api.Test;

class ReductionOpsTest {

    @Test
    void maxAndMinOverAxes() {
        OpTesting t = new OpTesting();
        Node x = t.c(new double[] {1, 9, 3, 7, 2, 8}, 2, 3);
        assertValues(new double[] {9, 8}, t.eval(t.o.max(x, 1)), 0);
        assertValues(new double[] {1, 2}, t.eval(t.o.min(x, -1)), 0);
        assertValues(new double[] {7, 9, 8}, t.eval(t.o.max(x, 0)), 0);
        assertEquals(9.0, t.eval(t.o.max(x)).item());
        Tensor kept = t.eval(t.o.min(x, true, 0));
        assertEquals(Shape.of(1, 3), kept.shape());
        assertValues(new double[] {1, 2, 3}, kept, 0);
    }

    @Test
    void maxGradientGoesToTheMaximumAndTiesShareIt() {
        OpTesting t = new OpTesting();
        Node x = t.c(new double[] {4, 1, 4, 4, 2, 3, 0, 5}, 2, 4);
        Node y = t.o.max(x, 1);
        Tensor dx = t.grad(y, t.c(new double[] {6, 10}, 2), 0);
        // row 0: three-way tie at 4 -> 2 each; row 1: unique max 5
        assertValues(new double[] {2, 0, 2, 2, 0, 0, 0, 10}, dx, 0);
        Node m = t.o.min(x);
        assertValues(new double[] {0, 0, 0, 0, 0, 0, 3, 0}, t.grad(m, t.o.scalar(3, DType.F64), 0), 0);
    }

    @Test
    void maxGradientWithKeptDims() {
        OpTesting t = new OpTesting();
        Node x = t.c(new double[] {1, 2, 7, 4}, 2, 2);
        Node y = t.o.max(x, true, 0);
        assertValues(new double[] {0, 0, 1, 1}, t.grad(y, t.o.onesLike(y), 0), 0);
    }

    @Test
    void argmaxAndArgminTakeTheFirstOfTies() {
        OpTesting t = new OpTesting();
        Node x = t.c(new double[] {3, 1, 3, 0, 0, 2}, 2, 3);
        Node ties = t.c(new double[] {5, 5, 1, 1}, 2, 2);
        assertValues(new double[] {0, 0}, t.eval(t.o.argmax(ties, 1)), 0);
        assertValues(new double[] {1, 1}, t.eval(t.o.argmin(ties, 0)), 0);
        assertValues(new double[] {0, 0}, t.eval(t.o.argmin(ties, 1)), 0);
        Tensor am = t.eval(t.o.argmax(x, 1));
        assertEquals(DType.I32, am.dtype());
        assertValues(new double[] {0, 2}, am, 0);
        assertValues(new double[] {1, 0}, t.eval(t.o.argmin(x, -1)), 0);
        assertValues(new double[] {0, 0, 0}, t.eval(t.o.argmax(x, 0)), 0);
        Tensor kept = t.eval(t.o.argmin(x, 0, true));
        assertEquals(Shape.of(1, 3), kept.shape());
        assertValues(new double[] {1, 1, 1}, kept, 0);
        Node am0 = t.o.argmax(x, 0);
        assertTrue(am0.op().backward(am0, x).get(0).isNone());
    }

    @Test
    void argmaxRejectsBadAxisAndEmptyAxis() {
        OpTesting t = new OpTesting();
        Node x = t.c(new double[6], 2, 3);
        ShapeException e = assertThrows(ShapeException.class, () -> t.o.named("a").argmax(x, 2));
        assertEquals("argmax 'a': axis 2 is out of range for rank 2", e.getMessage());
        Node empty = t.o.constant(Tensor.zeros(DType.F32, Shape.of(2, 0)));
        e = assertThrows(ShapeException.class, () -> t.o.named("b").argmin(empty, 1));
        assertEquals("argmin 'b': axis 1 of [2, 0] is empty: no argmin exists", e.getMessage());
        e = assertThrows(ShapeException.class, () -> t.o.named("m").max(empty, 1));
        assertEquals("max 'm': cannot reduce over axis 1 of size 0 in [2, 0]", e.getMessage());
    }

    @Test
    void logsumexpIsStableForLargeAndSmallValues() {
        OpTesting t = new OpTesting();
        Node big = t.c(new float[] {1000f, 1000f, -1000f, -1000f}, 2, 2);
        Tensor y = t.eval(t.o.logsumexp(big, 1));
        assertEquals(1000f + (float) Math.log(2), y.floats()[0], 1e-3);
        assertEquals(-1000f + (float) Math.log(2), y.floats()[1], 1e-3);
        Node x = t.c(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        double row0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        assertValues(new double[] {row0, row0 + 3}, t.eval(t.o.logsumexp(x, 1)), 1e-12);
        // a leading axis goes through the transpose path
        double col0 = Math.log(Math.exp(1) + Math.exp(4));
        assertValues(new double[] {col0, col0 + 1, col0 + 2}, t.eval(t.o.logsumexp(x, 0)), 1e-12);
        double all = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3) + Math.exp(4) + Math.exp(5) + Math.exp(6));
        assertEquals(all, t.eval(t.o.logsumexp(x)).item(), 1e-12);
    }

    @Test
    void logsumexpGradientIsTheSoftmax() {
        OpTesting t = new OpTesting();
        Node x = t.c(new double[] {1000, 1000, 0, 1000 + Math.log(3)}, 2, 2);
        Node y = t.o.logsumexp(x, true, 1);
        Tensor dx = t.grad(y, t.c(new double[] {1, 2}, 2, 1), 0);
        assertValues(new double[] {0.5, 0.5, 0, 2}, dx, 1e-12);
        Node z = t.c(new double[] {0, Math.log(3)}, 2);
        assertValues(new double[] {0.25, 0.75}, t.grad(t.o.logsumexp(z), t.o.scalar(1, DType.F64), 0), 1e-15);
    }

    @Test
    void varianceIsTheTwoPassComposite() {
        OpTesting t = new OpTesting();
        Node x = t.c(new double[] {1e8 + 1, 1e8 + 2, 1e8 + 3, 1e8 + 4}, 2, 2);
        assertEquals(1.25, t.eval(t.o.variance(x)).item(), 1e-9);
        assertValues(new double[] {0.25, 0.25}, t.eval(t.o.variance(x, 1)), 1e-9);
        Tensor kept = t.eval(t.o.variance(x, true, 0));
        assertEquals(Shape.of(1, 2), kept.shape());
        assertValues(new double[] {1, 1}, kept, 1e-9);
    }

    @Test
    void reductionsRejectRepeatedAxes() {
        OpTesting t = new OpTesting();
        Node x = t.c(new double[6], 2, 3);
        ShapeException e = assertThrows(ShapeException.class, () -> t.o.named("l").logsumexp(x, 1, -1));
        assertEquals("logsumexp 'l': axis 1 is repeated in [1, -1]", e.getMessage());
    }
}
