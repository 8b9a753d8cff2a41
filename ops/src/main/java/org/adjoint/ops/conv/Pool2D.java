package org.adjoint.ops.conv;

import java.util.Arrays;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;

/**
 * Shape rule and window walking shared by the pooling ops: NCHW input, windows of
 * {@code kernel} moved by {@code stride} over each (n, c) plane, no padding.
 */
final class Pool2D {

    final int[] kernel;
    final int[] stride;

    Pool2D(int[] kernel, int[] stride) {
        this.kernel = kernel.clone();
        this.stride = stride.clone();
    }

    String attributes() {
        return "kernel=" + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride);
    }

    private Conv2DGeometry geometry() {
        return new Conv2DGeometry(kernel, stride, new int[] {0, 0});
    }

    /** The pooled shape of the NCHW input {@code x}. */
    Shape outputShape(OpContext ctx, Shape x) {
        Conv2DGeometry.pair(ctx, "kernel", kernel, 1);
        Conv2DGeometry.pair(ctx, "stride", stride, 1);
        Conv2DGeometry.requireNchw(ctx, "input", x, "[batch, channels, height, width]");
        Conv2DGeometry geo = geometry();
        return Shape.of(x.dim(0), x.dim(1), geo.outH(ctx, x, x.dim(2)), geo.outW(ctx, x, x.dim(3)));
    }

    /** Checks that input {@code gi} is the pooled shape of input {@code xi}; returns input xi's type. */
    TensorType inferGrad(TensorType[] in, OpContext ctx, int gi, int xi) {
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

    /**
     * Window table for one (h, w) plane: entry {@code p * kh*kw + k} is the offset in the plane of
     * element k (row-major in the window) of output position p.
     */
    int[] windows(int h, int w, int oh, int ow) {
        int kk = kernel[0] * kernel[1];
        int[] t = new int[oh * ow * kk];
        int p = 0;
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                for (int i = 0; i < kernel[0]; i++) {
                    for (int j = 0; j < kernel[1]; j++) {
                        t[p++] = (oy * stride[0] + i) * w + ox * stride[1] + j;
                    }
                }
            }
        }
        return t;
    }

    /** The plane offset of the first maximum of {@code x} in window {@code p} (ties to the first). */
    static int argmax(Tensor x, int base, int[] t, int p, int kk) {
        int best = t[p * kk];
        double max = x.getDouble(base + best);
        for (int k = 1; k < kk; k++) {
            int off = t[p * kk + k];
            double v = x.getDouble(base + off);
            if (v > max) {
                max = v;
                best = off;
            }
        }
        return best;
    }
}
