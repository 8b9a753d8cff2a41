package org.adjoint.ops.internal;

import org.adjoint.graph.DType;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.RunContext;
import org.adjoint.graph.Scratch;
import org.adjoint.graph.Tensor;

/**
 * A strided gather prepared for fixed dims and strides (transpose, broadcast copies): writes a
 * contiguous output of {@code dims} from a source read with element strides (0 repeats an
 * element); the innermost dimension is a tight loop, the outer ones an odometer. Not API.
 */
public final class Strided {

    private final int[] dims;
    private final int[] strides;
    private final int rank;
    private final int total;
    private final int base;
    private final Scratch index;

    /** @param rank how many entries of {@code dims} and {@code strides} are used */
    public Strided(PrepareContext ctx, int[] dims, int[] strides, int rank) {
        this(ctx, dims, strides, rank, 0);
    }

    /**
     * A layout reading from {@code base} with element strides that may be negative (a strided
     * slice walking an axis backwards).
     */
    public Strided(PrepareContext ctx, int[] dims, int[] strides, int rank, int base) {
        this.base = base;
        this.dims = java.util.Arrays.copyOf(dims, rank);
        this.strides = java.util.Arrays.copyOf(strides, rank);
        this.rank = rank;
        long n = 1;
        for (int d = 0; d < rank; d++) {
            n *= dims[d];
        }
        this.total = (int) n;
        this.index = rank > 1 ? ctx.scratch(DType.I32, rank) : null;
    }

    /**
     * The reverse: {@code out[s(o)] = src[o]} for a contiguous {@code src} of the layout's size;
     * the other elements of {@code out} are left as they are.
     */
    public void scatter(Tensor src, Tensor out, RunContext run) {
        if (total == 0) {
            return;
        }
        int inner = rank == 0 ? 1 : dims[rank - 1];
        int innerStride = rank == 0 ? 0 : strides[rank - 1];
        int[] idx = index == null ? null : index.ints(run);
        if (idx != null) {
            java.util.Arrays.fill(idx, 0, rank, 0);
        }
        int s0 = base;
        for (int o = 0; o < total; o += inner) {
            for (int j = 0, s = s0; j < inner; j++, s += innerStride) {
                out.setDouble(s, src.getDouble(o + j));
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

    /** {@code out[o] = src[s(o)]} over the prepared layout. */
    public void gather(Tensor src, Tensor out, RunContext run) {
        gather(Blocks.array(src), out.dtype(), Blocks.array(out), run);
    }

    /** The same on raw arrays of {@code dtype} (the output written from index 0). */
    public void gather(Object src, DType dtype, Object out, RunContext run) {
        if (total == 0) {
            return;
        }
        int inner = rank == 0 ? 1 : dims[rank - 1];
        int innerStride = rank == 0 ? 0 : strides[rank - 1];
        int[] idx = index == null ? null : index.ints(run);
        if (idx != null) {
            java.util.Arrays.fill(idx, 0, rank, 0);
        }
        int s0 = base;
        for (int o = 0; o < total; o += inner) {
            if (dtype == DType.F32) {
                float[] xs = (float[]) src;
                float[] ys = (float[]) out;
                for (int j = 0, s = s0; j < inner; j++, s += innerStride) {
                    ys[o + j] = xs[s];
                }
            } else if (dtype == DType.F64) {
                double[] xs = (double[]) src;
                double[] ys = (double[]) out;
                for (int j = 0, s = s0; j < inner; j++, s += innerStride) {
                    ys[o + j] = xs[s];
                }
            } else if (dtype == DType.I32) {
                int[] xs = (int[]) src;
                int[] ys = (int[]) out;
                for (int j = 0, s = s0; j < inner; j++, s += innerStride) {
                    ys[o + j] = xs[s];
                }
            } else {
                long[] xs = (long[]) src;
                long[] ys = (long[]) out;
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
