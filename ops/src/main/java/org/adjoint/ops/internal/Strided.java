package org.adjoint.ops.internal;

import org.adjoint.graph.DType;
import org.adjoint.graph.Tensor;

/** Strided gathers shared by transpose and broadcast copies. */
public final class Strided {

    private Strided() {
    }

    /**
     * Writes {@code out} (contiguous, {@code dims[0..rank)}) from {@code src} read with element
     * strides {@code strides} (0 repeats an element): the innermost dimension is a tight loop, the
     * outer ones an odometer.
     */
    public static void gather(Tensor src, int[] dims, int[] strides, int rank, Tensor out) {
        int total = out.size();
        if (total == 0) {
            return;
        }
        int inner = rank == 0 ? 1 : dims[rank - 1];
        int innerStride = rank == 0 ? 0 : strides[rank - 1];
        int[] idx = new int[Math.max(rank, 1)];
        int s0 = 0;
        DType t = out.dtype();
        for (int o = 0; o < total; o += inner) {
            if (t == DType.F32) {
                float[] xs = src.floats();
                float[] ys = out.floats();
                for (int j = 0, s = s0; j < inner; j++, s += innerStride) {
                    ys[o + j] = xs[s];
                }
            } else if (t == DType.F64) {
                double[] xs = src.doubles();
                double[] ys = out.doubles();
                for (int j = 0, s = s0; j < inner; j++, s += innerStride) {
                    ys[o + j] = xs[s];
                }
            } else {
                int[] xs = src.ints();
                int[] ys = out.ints();
                for (int j = 0, s = s0; j < inner; j++, s += innerStride) {
                    ys[o + j] = xs[s];
                }
            }
            for (int d = rank - 2; d >= 0; d--) {
                idx[d]++;
                s0 += strides[d];
                if (idx[d] < dims[d]) {
                    break;
                }
                s0 -= strides[d] * dims[d];
                idx[d] = 0;
            }
        }
    }
}
