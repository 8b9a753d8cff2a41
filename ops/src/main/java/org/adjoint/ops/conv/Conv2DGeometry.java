package org.adjoint.ops.conv;

import java.util.Arrays;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Shape;

/**
 * Window geometry of NCHW convolution and pooling: kernel (kh, kw), stride (sh, sw) and symmetric
 * zero padding (ph, pw); output size {@code oh = (h + 2 ph - kh) / sh + 1} (likewise ow), or
 * rounded up in pooling's ceil mode (a last partial window that starts inside the input). Also
 * builds the gather table that im2col and col2im share, so F32 and F64 paths index
 * identically; ops build it once per plan, in {@code prepare}.
 */
final class Conv2DGeometry {

    final int kh;
    final int kw;
    final int sh;
    final int sw;
    final int ph;
    final int pw;
    /** Pooling only: the last window may run past the padded input (at least starting inside it). */
    final boolean ceil;

    Conv2DGeometry(int[] kernel, int[] stride, int[] padding) {
        this(kernel, stride, padding, false);
    }

    Conv2DGeometry(int[] kernel, int[] stride, int[] padding, boolean ceil) {
        this.kh = kernel[0];
        this.kw = kernel[1];
        this.sh = stride[0];
        this.sw = stride[1];
        this.ph = padding[0];
        this.pw = padding[1];
        this.ceil = ceil;
    }

    /** Checks the hyperparameters (kernel and stride >= 1, padding >= 0, two of each). */
    static int[] pair(OpContext ctx, String what, int[] v, int min) {
        if (v.length != 2 || v[0] < min || v[1] < min) {
            throw ctx.error(what + " must be two integers >= " + min + ", got " + Arrays.toString(v));
        }
        return v;
    }

    String describe() {
        return "kernel [" + kh + ", " + kw + "], stride [" + sh + ", " + sw + "], padding [" + ph + ", " + pw + "]"
                + (ceil ? ", ceil mode" : "");
    }

    /** Output height for input height {@code h}, or UNKNOWN; throws if the window does not fit. */
    int outH(OpContext ctx, Shape x, int h) {
        return out(ctx, x, h, kh, sh, ph, "height");
    }

    int outW(OpContext ctx, Shape x, int w) {
        return out(ctx, x, w, kw, sw, pw, "width");
    }

    private int out(OpContext ctx, Shape x, int size, int k, int s, int p, String what) {
        if (size == Shape.UNKNOWN || k == Shape.UNKNOWN) {
            return Shape.UNKNOWN;
        }
        if (size + 2 * p < k) {
            throw ctx.error("input " + what + " " + size + " (padded " + (size + 2 * p) + ") is smaller than the kernel "
                    + k + ": input " + x + ", " + describe());
        }
        if (!ceil) {
            return (size + 2 * p - k) / s + 1;
        }
        int o = (size + 2 * p - k + s - 1) / s + 1;
        // the last window must start inside the input or its left padding (as PyTorch)
        return (o - 1) * s >= size + p ? o - 1 : o;
    }

    /**
     * The im2col gather table of one image: entry {@code (ch*kh*kw + i*kw + j) * oh*ow + oy*ow + ox}
     * is the offset within the image (c, h, w) read for that column element, or -1 for padding.
     */
    int[] im2colTable(int c, int h, int w, int oh, int ow) {
        int p = oh * ow;
        int[] t = new int[c * kh * kw * p];
        int r = 0;
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    for (int oy = 0; oy < oh; oy++) {
                        int y = oy * sh - ph + i;
                        for (int ox = 0; ox < ow; ox++) {
                            int xx = ox * sw - pw + j;
                            t[r * p + oy * ow + ox] = y < 0 || y >= h || xx < 0 || xx >= w ? -1 : (ch * h + y) * w + xx;
                        }
                    }
                    r++;
                }
            }
        }
        return t;
    }

    /** {@code cols[i] = x[base + t[i]]}, 0 where {@code t[i] < 0} (im2col of one image). */
    static void gather(float[] x, int base, int[] t, float[] cols) {
        for (int i = 0; i < t.length; i++) {
            cols[i] = t[i] < 0 ? 0f : x[base + t[i]];
        }
    }

    /** Double-precision twin of {@link #gather(float[], int, int[], float[])}. */
    static void gather(double[] x, int base, int[] t, double[] cols) {
        for (int i = 0; i < t.length; i++) {
            cols[i] = t[i] < 0 ? 0.0 : x[base + t[i]];
        }
    }

    /** {@code dx[base + t[i]] += cols[i]} where {@code t[i] >= 0} (col2im of one image, accumulating). */
    static void scatterAdd(float[] cols, int[] t, float[] dx, int base) {
        for (int i = 0; i < t.length; i++) {
            if (t[i] >= 0) {
                dx[base + t[i]] += cols[i];
            }
        }
    }

    /** Double-precision twin of {@link #scatterAdd(float[], int[], float[], int)}. */
    static void scatterAdd(double[] cols, int[] t, double[] dx, int base) {
        for (int i = 0; i < t.length; i++) {
            if (t[i] >= 0) {
                dx[base + t[i]] += cols[i];
            }
        }
    }

    /** Throws unless {@code s} is rank 4 (NCHW), naming {@code what}. */
    static void requireNchw(OpContext ctx, String what, Shape s, String layout) {
        if (s.rank() != 4) {
            throw ctx.error(what + " must be rank 4 " + layout + ", got " + s);
        }
    }

    /** Whether two possibly unknown dimensions may be equal. */
    static boolean fits(int a, int b) {
        return a == b || a == Shape.UNKNOWN || b == Shape.UNKNOWN;
    }
}
