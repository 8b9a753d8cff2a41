package org.adjoint.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.ShapeException;
import org.adjoint.graph.Tensor;
import org.adjoint.ops.conv.AvgPool2DGrad;
import org.adjoint.ops.conv.Conv2DBackpropFilter;
import org.adjoint.ops.conv.Conv2DBackpropInput;
import org.adjoint.ops.conv.MaxPool2DGrad;
import org.junit.jupiter.api.Test;

class ConvPoolTest {

    private final Graph g = new Graph();
    private final Ops o = Ops.on(g);

    private Tensor eval(Node n) {
        return new Session(g).eval(Feeds.empty(), n);
    }

    private static Tensor random(SplittableRandom rnd, int... dims) {
        Tensor t = Tensor.zeros(DType.F64, Shape.of(dims));
        for (int i = 0; i < t.size(); i++) {
            t.setDouble(i, rnd.nextDouble() * 2 - 1);
        }
        return t;
    }

    /** The definition, by nested loops. */
    static double[] naiveConv(Tensor x, Tensor w, int sh, int sw, int ph, int pw) {
        int n = x.shape().dim(0), c = x.shape().dim(1), h = x.shape().dim(2), wd = x.shape().dim(3);
        int f = w.shape().dim(0), kh = w.shape().dim(2), kw = w.shape().dim(3);
        int oh = (h + 2 * ph - kh) / sh + 1, ow = (wd + 2 * pw - kw) / sw + 1;
        double[] y = new double[n * f * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int ff = 0; ff < f; ff++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double acc = 0;
                        for (int cc = 0; cc < c; cc++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int yy = oy * sh - ph + i, xx = ox * sw - pw + j;
                                    if (yy >= 0 && yy < h && xx >= 0 && xx < wd) {
                                        acc += w.get(ff, cc, i, j) * x.get(b, cc, yy, xx);
                                    }
                                }
                            }
                        }
                        y[((b * f + ff) * oh + oy) * ow + ox] = acc;
                    }
                }
            }
        }
        return y;
    }

    @Test
    void convWithPaddingAndStrideMatchesNaiveLoops() {
        SplittableRandom rnd = new SplittableRandom(1);
        Tensor x = random(rnd, 2, 3, 7, 6);
        Tensor w = random(rnd, 4, 3, 3, 2);
        Tensor y = eval(o.conv2d(o.constant(x), o.constant(w), new int[] {2, 1}, new int[] {1, 2}));
        assertEquals(Shape.of(2, 4, 4, 9), y.shape());
        assertArrayEquals(naiveConv(x, w, 2, 1, 1, 2), y.toDoubleArray(), 1e-13);

        Tensor y32 = eval(o.conv2d(o.constant(x.cast(DType.F32)), o.constant(w.cast(DType.F32)), 1, 0));
        assertArrayEquals(naiveConv(x, w, 1, 1, 0, 0), y32.toDoubleArray(), 1e-5);
    }

    private static double dot(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += a.getDouble(i) * b.getDouble(i);
        }
        return s;
    }

    @Test
    void backpropOpsAreTheAdjointsOfConv() {
        // <conv(x, w), gy> = <x, backprop_input(gy, w)> = <w, backprop_filter(x, gy)>
        SplittableRandom rnd = new SplittableRandom(2);
        int[] stride = {2, 3};
        int[] pad = {1, 0};
        Tensor x = random(rnd, 2, 3, 8, 9);
        Tensor w = random(rnd, 5, 3, 3, 3);
        Node xn = o.constant(x);
        Node wn = o.constant(w);
        Node y = o.conv2d(xn, wn, stride, pad);
        Tensor gy = random(rnd, y.shape().dims());
        Node gn = o.constant(gy);
        Tensor dx = eval(o.apply(new Conv2DBackpropInput(stride, pad), gn, wn, xn));
        Tensor dw = eval(o.apply(new Conv2DBackpropFilter(stride, pad), xn, gn, wn));
        assertEquals(x.shape(), dx.shape());
        assertEquals(w.shape(), dw.shape());
        double lhs = dot(eval(y), gy);
        assertEquals(lhs, dot(x, dx), 1e-11);
        assertEquals(lhs, dot(w, dw), 1e-11);
        // and element-wise against the definition: dw[f, c, i, j] = sum gy * x at the shifted position
        double expected = 0;
        int oh = y.shape().dim(2), ow = y.shape().dim(3);
        for (int b = 0; b < 2; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int yy = oy * 2 - 1 + 2, xx = ox * 3 + 1;
                    if (yy >= 0 && yy < 8 && xx < 9) {
                        expected += gy.get(b, 4, oy, ox) * x.get(b, 1, yy, xx);
                    }
                }
            }
        }
        assertEquals(expected, dw.get(4, 1, 2, 1), 1e-13);
    }

    @Test
    void convErrorsNameTheShapes() {
        Node x = o.constant(Tensor.zeros(DType.F64, Shape.of(1, 3, 5, 5)));
        ShapeException e = assertThrows(ShapeException.class,
                () -> o.named("c1").conv2d(x, o.constant(Tensor.zeros(DType.F64, Shape.of(2, 4, 3, 3))), 1, 0));
        assertEquals("conv2d 'c1': input has 3 channels but the filter expects 4 (input [1, 3, 5, 5], filter "
                + "[2, 4, 3, 3])", e.getMessage());
        e = assertThrows(ShapeException.class,
                () -> o.conv2d(x, o.constant(Tensor.zeros(DType.F64, Shape.of(2, 3, 7, 3))), 1, 0));
        assertEquals("conv2d 'conv2d': input height 5 (padded 5) is smaller than the kernel 7: input [1, 3, 5, 5], "
                + "kernel [7, 3], stride [1, 1], padding [0, 0]", e.getMessage());
        e = assertThrows(ShapeException.class,
                () -> o.conv2d(x, o.constant(Tensor.zeros(DType.F64, Shape.of(2, 3, 3, 3))), 0, 0));
        assertEquals("conv2d 'conv2d': stride must be two integers >= 1, got [0, 0]", e.getMessage());
        e = assertThrows(ShapeException.class,
                () -> o.conv2d(o.constant(Tensor.zeros(DType.F64, Shape.of(3, 5, 5))),
                        o.constant(Tensor.zeros(DType.F64, Shape.of(2, 3, 3, 3))), 1, 0));
        assertEquals("conv2d 'conv2d': input must be rank 4 [batch, channels, height, width], got [3, 5, 5]",
                e.getMessage());
    }

    @Test
    void convWithUnknownBatchRunsPerFeed() {
        Node x = o.placeholder("x", DType.F64, Shape.of(-1, 1, 4, 4));
        Tensor w = random(new SplittableRandom(3), 2, 1, 2, 2);
        Node y = o.conv2d(x, o.constant(w), 2, 0);
        assertEquals(Shape.of(-1, 2, 2, 2), y.shape());
        Tensor xv = random(new SplittableRandom(4), 3, 1, 4, 4);
        Tensor out = new Session(g).eval(Feeds.of(x, xv), y);
        assertArrayEquals(naiveConv(xv, w, 2, 2, 0, 0), out.toDoubleArray(), 1e-14);
    }

    @Test
    void maxPoolPicksWindowMaximaAndItsGradientGoesToTheFirstTie() {
        double[] v = {
            1, 5, 2, 0,
            3, 4, 9, 9,
            0, 0, 1, 2,
            7, 7, 3, 1};
        Node x = o.constant(Tensor.of(v, 1, 1, 4, 4));
        Tensor y = eval(o.maxPool2d(x, 2, 2));
        assertArrayEquals(new double[] {5, 9, 7, 3}, y.toDoubleArray());
        Node gy = o.constant(Tensor.of(new double[] {10, 20, 30, 40}, 1, 1, 2, 2));
        Tensor dx = eval(o.apply(new MaxPool2DGrad(new int[] {2, 2}, new int[] {2, 2}), x, gy));
        double[] expected = new double[16];
        expected[1] = 10;
        expected[6] = 20;   // 9 at (1, 2) and (1, 3): the first wins
        expected[12] = 30;  // 7 at (3, 0) and (3, 1)
        expected[14] = 40;
        assertArrayEquals(expected, dx.toDoubleArray());
    }

    @Test
    void overlappingMaxPoolAccumulatesGradient() {
        Node x = o.constant(Tensor.of(new double[] {0, 9, 1, 2, 3, 4}, 1, 1, 2, 3));
        Tensor y = eval(o.maxPool2d(x, new int[] {2, 2}, new int[] {1, 1}));
        assertArrayEquals(new double[] {9, 9}, y.toDoubleArray());
        Node gy = o.constant(Tensor.of(new double[] {1, 2}, 1, 1, 1, 2));
        Tensor dx = eval(o.apply(new MaxPool2DGrad(new int[] {2, 2}, new int[] {1, 1}), x, gy));
        assertArrayEquals(new double[] {0, 3, 0, 0, 0, 0}, dx.toDoubleArray());
    }

    @Test
    void avgPoolAveragesAndSpreadsItsGradient() {
        double[] v = new double[2 * 3 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        Node x = o.constant(Tensor.of(v, 1, 2, 3, 3));
        Tensor y = eval(o.avgPool2d(x, new int[] {2, 3}, new int[] {1, 1}));
        assertEquals(Shape.of(1, 2, 2, 1), y.shape());
        assertArrayEquals(new double[] {2.5, 5.5, 11.5, 14.5}, y.toDoubleArray(), 1e-15);
        Node gy = o.constant(Tensor.of(new double[] {6, 12, 0, 0}, 1, 2, 2, 1));
        Tensor dx = eval(o.apply(new AvgPool2DGrad(new int[] {2, 3}, new int[] {1, 1}), gy, x));
        assertArrayEquals(new double[] {1, 1, 1, 3, 3, 3, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0}, dx.toDoubleArray(),
                1e-15);
    }

    @Test
    void poolingErrors() {
        Node x = o.constant(Tensor.zeros(DType.F64, Shape.of(1, 1, 3, 3)));
        ShapeException e = assertThrows(ShapeException.class, () -> o.named("mp").maxPool2d(x, 4, 1));
        assertEquals("max_pool2d 'mp': input height 3 (padded 3) is smaller than the kernel 4: input [1, 1, 3, 3], "
                + "kernel [4, 4], stride [1, 1], padding [0, 0]", e.getMessage());
        e = assertThrows(ShapeException.class, () -> o.named("ap").avgPool2d(x, new int[] {2}, new int[] {1, 1}));
        assertEquals("avg_pool2d 'ap': kernel must be two integers >= 1, got [2]", e.getMessage());
    }
}
