package org.adjoint.ops.internal;

import org.adjoint.graph.DType;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.RunContext;
import org.adjoint.graph.Scratch;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;

/**
 * Copies of a rectangular block between row-major tensors of equal rank (slice, pad, concat,
 * split): prepared once for the shapes and positions, then run with {@link System#arraycopy} per
 * innermost row. Not API: shared by the op families.
 */
public final class Blocks {

    private final int rank;
    private final int[] size;
    private final int[] srcStrides;
    private final int[] dstStrides;
    private final int srcBase;
    private final int dstBase;
    private final int total;
    private final Scratch index;

    /**
     * A copy of the block of extent {@code size} starting at {@code srcStart} in a tensor of shape
     * {@code src} to the block starting at {@code dstStart} in one of shape {@code dst} (the
     * caller checked the bounds).
     */
    public Blocks(PrepareContext ctx, Shape src, int[] srcStart, Shape dst, int[] dstStart, int[] size) {
        this.rank = size.length;
        this.size = size.clone();
        this.srcStrides = src.strides();
        this.dstStrides = dst.strides();
        int s0 = 0;
        int d0 = 0;
        long n = 1;
        for (int d = 0; d < rank; d++) {
            s0 += srcStart[d] * srcStrides[d];
            d0 += dstStart[d] * dstStrides[d];
            n *= size[d];
        }
        this.srcBase = s0;
        this.dstBase = d0;
        this.total = (int) n;
        this.index = rank > 1 ? ctx.scratch(DType.I32, rank) : null;
    }

    /** Copies the block from {@code src} to {@code dst} (same dtype). */
    public void copy(Tensor src, Tensor dst, RunContext run) {
        if (total == 0) {
            return;
        }
        Object from = array(src);
        Object to = array(dst);
        if (rank == 0) {
            System.arraycopy(from, 0, to, 0, 1);
            return;
        }
        int inner = size[rank - 1];
        if (rank == 1) {
            System.arraycopy(from, srcBase, to, dstBase, inner);
            return;
        }
        int[] idx = index.ints(run);
        java.util.Arrays.fill(idx, 0, rank, 0);
        int s = srcBase;
        int t = dstBase;
        while (true) {
            System.arraycopy(from, s, to, t, inner);
            int d = rank - 2;
            for (; d >= 0; d--) {
                idx[d]++;
                s += srcStrides[d];
                t += dstStrides[d];
                if (idx[d] < size[d]) {
                    break;
                }
                s -= srcStrides[d] * size[d];
                t -= dstStrides[d] * size[d];
                idx[d] = 0;
            }
            if (d < 0) {
                return;
            }
        }
    }

    /** The backing array of {@code t} (float[], double[], int[] or long[]), for {@link System#arraycopy}. */
    public static Object array(Tensor t) {
        return t.array();
    }

    /** Copies all of {@code src} into {@code dst} (same dtype and size; shapes may differ). */
    public static void copyAll(Tensor src, Tensor dst) {
        System.arraycopy(array(src), 0, array(dst), 0, dst.size());
    }
}
