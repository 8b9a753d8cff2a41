package org.adjoint.ops.internal;

import java.util.Arrays;
import org.adjoint.graph.DType;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.kernels.ReduceOp;
import org.adjoint.kernels.ReductionKernels;

/** Axis handling and the forward pass shared by reduction ops. */
public final class Reduce {

    private Reduce() {
    }

    /**
     * Normalized, sorted, distinct axes; {@code null} or empty {@code axes} means all axes.
     *
     * @throws org.adjoint.graph.ShapeException for an axis out of range or repeated
     */
    public static int[] normalize(OpContext ctx, int[] axes, int rank) {
        if (axes == null || axes.length == 0) {
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = ctx.axis(axes[i], rank);
        }
        Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) {
                throw ctx.error("axis " + out[i] + " is repeated in " + Arrays.toString(axes));
            }
        }
        return out;
    }

    /** The reduced shape: axes removed, or kept as 1 with {@code keepDims}. */
    public static Shape reducedShape(Shape in, int[] axes, boolean keepDims) {
        int rank = in.rank();
        boolean[] reduced = new boolean[rank];
        for (int a : axes) {
            reduced[a] = true;
        }
        int[] dims = new int[keepDims ? rank : rank - axes.length];
        int j = 0;
        for (int d = 0; d < rank; d++) {
            if (!reduced[d]) {
                dims[j++] = in.dim(d);
            } else if (keepDims) {
                dims[j++] = 1;
            }
        }
        return Shape.of(dims);
    }

    /**
     * Reduces {@code x} over the sorted {@code axes} into {@code out} (any shape of the right size).
     * A contiguous run of axes is one kernel call; otherwise runs are reduced one at a time,
     * last first, through temporaries.
     */
    public static void apply(ReduceOp op, Tensor x, int[] axes, Tensor out) {
        int[] dims = x.shape().dims();
        if (axes.length == 0) {
            out.copyFrom(x.reshape(out.shape()));
            return;
        }
        Tensor cur = x;
        int end = axes.length;
        while (end > 0) {
            int start = end - 1;
            while (start > 0 && axes[start - 1] == axes[start] - 1) {
                start--;
            }
            int lo = axes[start];
            int hi = axes[end - 1];
            int outer = 1;
            int n = 1;
            int inner = 1;
            for (int d = 0; d < dims.length; d++) {
                if (d < lo) {
                    outer *= dims[d];
                } else if (d <= hi) {
                    n *= dims[d];
                } else {
                    inner *= dims[d];
                }
            }
            for (int d = lo; d <= hi; d++) {
                dims[d] = 1;
            }
            Tensor target = start == 0 ? out : Tensor.zeros(x.dtype(), Shape.of(outer * inner));
            kernel(op, cur, outer, n, inner, target);
            cur = target;
            end = start;
        }
    }

    private static void kernel(ReduceOp op, Tensor x, int outer, int n, int inner, Tensor out) {
        ReductionKernels k = KernelProvider.get().reductions();
        if (x.dtype() == DType.F32) {
            k.reduce(op, x.floats(), 0, outer, n, inner, out.floats(), 0);
        } else {
            k.reduce(op, x.doubles(), 0, outer, n, inner, out.doubles(), 0);
        }
    }
}
