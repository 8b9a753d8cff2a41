package org.adjoint.ops.conv;

import java.util.Arrays;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.AbstractOp;

/**
 * The shared part of the pooling family (max and average pooling and their gradients): NCHW
 * input, windows of {@code kernel} moved by {@code stride} over each (n, c) plane, symmetric
 * {@code padding} (at most half the kernel, so every window holds an input element) and
 * optionally ceil mode. Window elements in the padding are ignored: max pooling never selects
 * them and average pooling divides by the number of input elements in the window. Subclasses
 * keep their loop and gradient rule; the window table is built once per plan.
 */
abstract class PoolOp extends AbstractOp {

    final int[] kernel;
    final int[] stride;
    final int[] padding;
    final boolean ceil;

    PoolOp(String name, int arity, int[] kernel, int[] stride, int[] padding, boolean ceil) {
        super(name, arity);
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.ceil = ceil;
    }

    @Override
    public final String attributes() {
        boolean plain = padding.length == 2 && padding[0] == 0 && padding[1] == 0 && !ceil;
        return "kernel=" + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride)
                + (plain ? "" : ", padding=" + Arrays.toString(padding) + (ceil ? ", ceil" : ""));
    }

    private Conv2DGeometry geometry() {
        return new Conv2DGeometry(kernel, stride, padding, ceil);
    }

    /** The pooled shape of the NCHW input {@code x}. */
    final Shape outputShape(OpContext ctx, Shape x) {
        Conv2DGeometry.pair(ctx, "kernel", kernel, 1);
        Conv2DGeometry.pair(ctx, "stride", stride, 1);
        Conv2DGeometry.pair(ctx, "padding", padding, 0);
        if (2 * padding[0] > kernel[0] || 2 * padding[1] > kernel[1]) {
            throw ctx.error("padding " + Arrays.toString(padding) + " must be at most half the kernel "
                    + Arrays.toString(kernel));
        }
        Conv2DGeometry.requireNchw(ctx, "input", x, "[batch, channels, height, width]");
        Conv2DGeometry geo = geometry();
        return Shape.of(x.dim(0), x.dim(1), geo.outH(ctx, x, x.dim(2)), geo.outW(ctx, x, x.dim(3)));
    }

    /** Checks that input {@code gi} is the pooled shape of input {@code xi}; returns input xi's type. */
    final TensorType inferGrad(TensorType[] in, OpContext ctx, int gi, int xi) {
        ctx.requireFloating(in, 0);
        ctx.requireFloating(in, 1);
        ctx.requireSameDType(in);
        Shape expected = outputShape(ctx, in[xi].shape());
        if (!expected.isCompatibleWith(in[gi].shape())) {
            throw ctx.error("gradient " + in[gi].shape() + " does not match the pooled shape " + expected + " of input "
                    + in[xi].shape());
        }
        return in[xi];
    }

    /** The number of window elements, padded ones included. */
    final int windowSize() {
        return kernel[0] * kernel[1];
    }

    /**
     * Window table for one (h, w) plane: entry {@code p * kh*kw + k} is the offset in the plane of
     * element k (row-major in the window) of output position p, or -1 where it lies in the
     * padding (or past the input in ceil mode).
     */
    final int[] windows(int h, int w, int oh, int ow) {
        int kk = windowSize();
        int[] t = new int[oh * ow * kk];
        int p = 0;
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                for (int i = 0; i < kernel[0]; i++) {
                    for (int j = 0; j < kernel[1]; j++) {
                        int y = oy * stride[0] - padding[0] + i;
                        int x = ox * stride[1] - padding[1] + j;
                        t[p++] = y < 0 || y >= h || x < 0 || x >= w ? -1 : y * w + x;
                    }
                }
            }
        }
        return t;
    }

    /** Per output position, the number of window elements inside the input (average pooling's divisor). */
    static int[] counts(int[] t, int kk) {
        int[] c = new int[t.length / kk];
        for (int q = 0; q < c.length; q++) {
            for (int k = 0; k < kk; k++) {
                c[q] += t[q * kk + k] >= 0 ? 1 : 0;
            }
        }
        return c;
    }

    /** The plane offset of the first maximum of {@code x} in window {@code p} (ties to the first). */
    static int argmax(Tensor x, int base, int[] t, int p, int kk) {
        int best = -1;
        double max = 0;
        for (int k = 0; k < kk; k++) {
            int off = t[p * kk + k];
            if (off < 0) {
                continue;
            }
            double v = x.getDouble(base + off);
            if (best < 0 || v > max) {
                max = v;
                best = off;
            }
        }
        return best;
    }
}
