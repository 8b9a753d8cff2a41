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
import org.adjoint.ops.elementwise.Elu;
import org.adjoint.ops.elementwise.LeakyRelu;
import org.adjoint.ops.elementwise.Minimum;
import org.junit.jupiter.api.Test;

class ElementwiseOpsTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void unaryFunctionsMatchTheirDefinitions() {
        OpTesting t = new OpTesting();
        Ops o = t.o;
        Node x = t.c(new double[] {-2.5, -0.5, 0.0, 0.25, 3.0}, 5);
        assertValues(new double[] {2.5, 0.5, 0.0, 0.25, 3.0}, t.eval(o.abs(x)), 0);
        assertValues(new double[] {-1, -1, 0, 1, 1}, t.eval(o.sign(x)), 0);
        assertValues(new double[] {-0.25, -0.05, 0.0, 0.25, 3.0}, t.eval(o.leakyRelu(x, 0.1)), 1e-15);
        assertValues(new double[] {2 * Math.expm1(-2.5), 2 * Math.expm1(-0.5), 0, 0.25, 3.0}, t.eval(o.elu(x, 2.0)),
                1e-15);
        Node p = t.c(new double[] {1e-10, 0.25, 4.0}, 3);
        assertValues(new double[] {1e-5, 0.5, 2.0}, t.eval(o.sqrt(p)), 1e-15);
        assertValues(new double[] {1e5, 2.0, 0.5}, t.eval(o.rsqrt(p)), 1e-9);
        // log1p/expm1 keep full relative precision where 1 + x rounds to 1
        assertEquals(1e-10 - 5e-21, t.eval(o.log1p(p)).getDouble(0), 1e-25);
        assertEquals(1e-10 + 5e-21, t.eval(o.expm1(p)).getDouble(0), 1e-25);
        assertValues(new double[] {Math.log1p(0.25), Math.log1p(4.0)},
                t.eval(o.sliceRange(o.log1p(p), new int[] {1}, new int[] {3})), 1e-15);
    }

    @Test
    void softplusNeitherOverflowsNorUnderflowsToZeroTooEarly() {
        OpTesting t = new OpTesting();
        Tensor y = t.eval(t.o.softplus(t.c(new float[] {1000f, -1000f, 0f, -20f}, 4)));
        assertEquals(1000f, y.floats()[0], 0);
        assertEquals(0f, y.floats()[1], 0);
        assertEquals((float) Math.log(2), y.floats()[2], 1e-7);
        assertEquals(2.0611537e-9f, y.floats()[3], 1e-15);
    }

    @Test
    void powWithScalarAndTensorExponent() {
        OpTesting t = new OpTesting();
        Node a = t.c(new double[] {2, 3, 4}, 3);
        assertValues(new double[] {8, 27, 64}, t.eval(t.o.pow(a, 3.0)), 0);
        Node b = t.c(new double[] {0.5, -1}, 2, 1);
        assertValues(new double[] {Math.sqrt(2), Math.sqrt(3), 2, 0.5, 1.0 / 3, 0.25}, t.eval(t.o.pow(a, b)), 1e-15);
    }

    @Test
    void powGradientAtZeroBaseIsFinite() {
        OpTesting t = new OpTesting();
        Node a = t.c(new double[] {0.0, 2.0}, 2);
        Node y = t.o.pow(a, 2.0);
        assertValues(new double[] {0.0, 4.0}, t.grad(y, t.o.onesLike(y), 0), 0);
    }

    @Test
    void maximumAndMinimumBroadcastAndSendTiesToTheFirstInput() {
        OpTesting t = new OpTesting();
        Ops o = t.o;
        Node a = t.c(new double[] {1, 5, 3}, 3);
        Node b = t.c(new double[] {3, 3, 3}, 3);
        Node mx = o.maximum(a, b);
        Node mn = o.minimum(a, b);
        assertValues(new double[] {3, 5, 3}, t.eval(mx), 0);
        assertValues(new double[] {1, 3, 3}, t.eval(mn), 0);
        Node g = t.c(new double[] {10, 20, 30}, 3);
        assertValues(new double[] {0, 20, 30}, t.grad(mx, g, 0), 0);
        assertValues(new double[] {10, 0, 0}, t.grad(mx, g, 1), 0);
        assertValues(new double[] {10, 0, 30}, t.grad(mn, g, 0), 0);
        assertValues(new double[] {0, 20, 0}, t.grad(mn, g, 1), 0);
        assertValues(new double[] {2, 5, 3}, t.eval(o.maximum(a, 2.0)), 0);
        Node inf = t.c(new double[] {Double.POSITIVE_INFINITY, 1, 1}, 3);
        assertValues(new double[] {0, 1, 1}, t.grad(mx, inf, 0), 0);
        assertValues(new double[] {Double.POSITIVE_INFINITY, 0, 0}, t.grad(mx, inf, 1), 0);
    }

    @Test
    void clampIsMinOfMaxAndPassesGradientInside() {
        OpTesting t = new OpTesting();
        Node x = t.c(new double[] {-3, -1, 0.5, 1, 7}, 5);
        Node y = t.o.clamp(x, -1, 1);
        assertValues(new double[] {-1, -1, 0.5, 1, 1}, t.eval(y), 0);
        assertTrue(y.op() instanceof Minimum);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.o.clamp(x, 2, 1));
        assertEquals("clamp: lo must be <= hi, got [2.0, 1.0]", e.getMessage());
    }

    @Test
    void whereSelectsWithoutTouchingTheOtherBranch() {
        OpTesting t = new OpTesting();
        Ops o = t.o;
        Node x = t.c(new double[] {-1, 0, 4}, 3);
        Node mask = o.greater(x, 0.0);
        Node logx = o.log(x); // NaN and -inf where not selected
        Node y = o.where(mask, logx, o.zerosLike(x));
        // the composite mask * a + (1 - mask) * b would give 0 * NaN and 0 * -inf = NaN here
        assertValues(new double[] {0, 0, Math.log(4)}, t.eval(y), 1e-15);
        Node g = t.c(new double[] {1, 1, 1}, 3);
        // where's own rule sends exact zeros to the unselected side
        assertValues(new double[] {0, 0, 1}, t.grad(y, g, 1), 0);
        assertValues(new double[] {1, 1, 0}, t.grad(y, g, 2), 0);
        assertTrue(y.op().backward(y, g).get(0).isNone());
        Node inf = t.c(new double[] {INF, INF, INF}, 3);
        assertValues(new double[] {-1, 0, INF}, t.eval(o.where(mask, inf, x)), 0);
    }

    @Test
    void whereBroadcastsAllThreeInputs() {
        OpTesting t = new OpTesting();
        Node mask = t.ci(new int[] {1, 0}, 2, 1);
        Node a = t.c(new double[] {1, 2, 3}, 3);
        Node b = t.c(new double[] {-7}, 1);
        Tensor y = t.eval(t.o.where(mask, a, b));
        assertEquals(Shape.of(2, 3), y.shape());
        assertValues(new double[] {1, 2, 3, -7, -7, -7}, y, 0);
    }

    @Test
    void whereRejectsMismatchedBranches() {
        OpTesting t = new OpTesting();
        Node m = t.c(new double[] {1, 0}, 2);
        ShapeException e = assertThrows(ShapeException.class,
                () -> t.o.named("w").where(m, t.c(new double[] {1, 2}, 2), t.c(new float[] {1, 2}, 2)));
        assertEquals("where 'w': branches must have one dtype: input 1 is f64[2], input 2 is f32[2]", e.getMessage());
        e = assertThrows(ShapeException.class,
                () -> t.o.named("w").where(t.c(new double[] {1, 0, 1}, 3), t.c(new double[] {1, 2}, 2),
                        t.c(new double[] {1, 2}, 2)));
        assertEquals("where 'w': mask shape [3] cannot be broadcast with branch shapes [2] and [2]", e.getMessage());
    }

    @Test
    void castConvertsAndCastsTheGradientBack() {
        OpTesting t = new OpTesting();
        Node x = t.c(new double[] {1.0 / 3, 1e40}, 2);
        Node y = t.o.cast(x, DType.F32);
        Tensor v = t.eval(y);
        assertEquals(DType.F32, v.dtype());
        assertEquals((float) (1.0 / 3), v.floats()[0], 0);
        assertEquals(Float.POSITIVE_INFINITY, v.floats()[1], 0);
        Tensor g = t.grad(y, t.c(new float[] {2f, 3f}, 2), 0);
        assertEquals(DType.F64, g.dtype());
        Node i = t.o.cast(t.ci(new int[] {-3, 16777217}, 2), DType.F64);
        assertValues(new double[] {-3, 16777217}, t.eval(i), 0);
        assertTrue(i.op().backward(i, t.c(new double[] {1, 1}, 2)).get(0).isNone());
        ShapeException e = assertThrows(ShapeException.class, () -> t.o.named("c").cast(x, DType.I32));
        assertEquals("cast 'c': cannot cast f64[2] to i32 (float to int is not supported)", e.getMessage());
    }

    @Test
    void scalarComparisonsProduceMasks() {
        OpTesting t = new OpTesting();
        Node x = t.c(new double[] {1, 2, 3}, 3);
        assertValues(new double[] {0, 0, 1}, t.eval(t.o.greater(x, 2)), 0);
        assertValues(new double[] {0, 1, 1}, t.eval(t.o.greaterEqual(x, 2)), 0);
        assertValues(new double[] {1, 0, 0}, t.eval(t.o.less(x, 2)), 0);
        assertValues(new double[] {1, 1, 0}, t.eval(t.o.lessEqual(x, 2)), 0);
        assertValues(new double[] {0, 1, 0}, t.eval(t.o.equal(x, 2)), 0);
        assertValues(new double[] {1, 0, 1}, t.eval(t.o.notEqual(x, 2)), 0);
    }

    @Test
    void activationParametersAreValidated() {
        assertEquals("elu: alpha must be finite and > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new Elu(0)).getMessage());
        assertEquals("leaky_relu: slope must be finite, got NaN",
                assertThrows(IllegalArgumentException.class, () -> new LeakyRelu(Double.NaN)).getMessage());
    }

    @Test
    void unaryOpsRejectIntegers() {
        OpTesting t = new OpTesting();
        ShapeException e = assertThrows(ShapeException.class, () -> t.o.named("s").sqrt(t.ci(new int[] {4}, 1)));
        assertEquals("sqrt 's': input 0 must be f32 or f64, got i32[1]", e.getMessage());
    }
}
