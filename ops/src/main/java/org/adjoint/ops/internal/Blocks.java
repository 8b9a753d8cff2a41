package org.adjoint.ops.internal;

import org.adjoint.graph.DType;
import org.adjoint.graph.Tensor;

/** Copies of rectangular blocks between row-major tensors of equal rank (slice, pad, concat). */
public final class Blocks {

    private Blocks() {
    }

    /** The backing array of {@code t} (float[], double[] or int[]), for {@link System#arraycopy}. */
    public static Object array(Tensor t) {
        if (t.dtype() == DType.F32) {
            return t.floats();
        }
        return t.dtype() == DType.F64 ? t.doubles() : t.ints();
    }

    /**
     * Copies the block of extent {@code size} starting at {@code srcStart} in {@code src} to the
     * block starting at {@code dstStart} in {@code dst} (same dtype and rank; the caller checked
     * the bounds). Rank 0 copies the single element.
     */
    public static void copy(Tensor src, int[] srcStart, Tensor dst, int[] dstStart, int[] size) {
        int rank = size.length;
        long total = 1;
        for (int s : size) {
            total *= s;
        }
        if (total == 0) {
            return;
        }
        Object from = array(src);
        Object to = array(dst);
        if (rank == 0) {
            System.arraycopy(from, 0, to, 0, 1);
            return;
        }
        int[] ss = src.shape().strides();
        int[] ds = dst.shape().strides();
        int s0 = 0;
        int d0 = 0;
        for (int d = 0; d < rank; d++) {
            s0 += srcStart[d] * ss[d];
            d0 += dstStart[d] * ds[d];
        }
        int inner = size[rank - 1];
        int[] idx = new int[rank];
        int s = s0;
        int t = d0;
        while (true) {
            System.arraycopy(from, s, to, t, inner);
            int d = rank - 2;
            for (; d >= 0; d--) {
                idx[d]++;
                s += ss[d];
                t += ds[d];
                if (idx[d] < size[d]) {
                    break;
                }
                s -= ss[d] * size[d];
                t -= ds[d] * size[d];
                idx[d] = 0;
            }
            if (d < 0) {
                return;
            }
        }
    }
}
