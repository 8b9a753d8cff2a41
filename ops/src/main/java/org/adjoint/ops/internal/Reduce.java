package org.adjoint.ops.internal;

import java.util.Arrays;
import org.adjoint.graph.DType;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.RunContext;
import org.adjoint.graph.Scratch;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.kernels.ReduceOp;
import org.adjoint.kernels.ReductionKernels;

/**
 * Axis handling shared by reductions and shape ops, and a reduction over several axes prepared
 * once per plan: each contiguous run of axes is one kernel call {@code (outer, n, inner)}, runs
 * reduced last first through scratch (ping-pong between two buffers). Not API.
 */
public final class Reduce {

    private final ReduceOp op;
    private final DType dtype;
    private final int[][] steps;        // per kernel call: {outer, n, inner}
    private final Scratch[] temps;      // 0, 1 or 2 ping-pong buffers
    private final ReductionKernels kernels;

    private Reduce(ReduceOp op, DType dtype, int[][] steps, Scratch[] temps) {
        this.op = op;
        this.dtype = dtype;
        this.steps = steps;
        this.temps = temps;
        this.kernels = KernelProvider.get().reductions();
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

    /** Normalized axes for a plan, where the axes were checked when the node was built. */
    public static int[] normalize(PrepareContext ctx, int[] axes, int rank) {
        return normalize(new OpContext(ctx.opName(), ctx.nodeName()), axes, rank);
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

    /** {@code s} with size-1 dimensions inserted at the sorted output positions {@code axes}. */
    public static Shape insertAxes(Shape s, int[] axes) {
        int[] dims = new int[s.rank() + axes.length];
        int j = 0;
        int k = 0;
        for (int d = 0; d < dims.length; d++) {
            if (k < axes.length && axes[k] == d) {
                dims[d] = 1;
                k++;
            } else {
                dims[d] = s.dim(j++);
            }
        }
        return Shape.of(dims);
    }

    /** The element count of {@code s} over {@code axes} (sorted, normalized). */
    public static long count(Shape s, int[] axes) {
        long n = 1;
        for (int a : axes) {
            n *= s.dim(a);
        }
        return n;
    }

    /**
     * A reduction of a floating tensor of shape {@code x} over the sorted, normalized
     * {@code axes} into an output of any shape of the reduced size.
     */
    public static Reduce prepare(PrepareContext ctx, ReduceOp op, DType dtype, Shape x, int[] axes) {
        int[] dims = x.dims();
        java.util.List<int[]> steps = new java.util.ArrayList<>();
        int end = axes.length;
        int firstTemp = 0;
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
            steps.add(new int[] {outer, n, inner});
            if (start > 0 && firstTemp == 0) {
                firstTemp = outer * inner;
            }
            end = start;
        }
        int tempsNeeded = Math.max(0, Math.min(2, steps.size() - 1));
        Scratch[] temps = new Scratch[tempsNeeded];
        for (int t = 0; t < tempsNeeded; t++) {
            temps[t] = ctx.scratch(dtype, firstTemp);
        }
        return new Reduce(op, dtype, steps.toArray(new int[0][]), temps);
    }

    /**
     * A reduction of an integer tensor (i32 or i64) of shape {@code x} over the sorted, normalized
     * {@code axes}: a plain loop accumulating exactly in long (no SIMD kernel for integers), the
     * result stored in the output's dtype (sums are i64). Each input element's output position
     * is tabled once per plan.
     */
    public static org.adjoint.graph.OpKernel integer(PrepareContext ctx, ReduceOp op, Shape x, int[] axes) {
        int n = x.size();
        int rank = x.rank();
        boolean[] reduced = new boolean[rank];
        for (int a : axes) {
            reduced[a] = true;
        }
        int[] target = new int[n];
        int[] idx = new int[rank];
        for (int i = 0; i < n; i++) {
            int rest = i;
            for (int d = rank - 1; d >= 0; d--) {
                idx[d] = rest % x.dim(d);
                rest /= x.dim(d);
            }
            int flat = 0;
            for (int d = 0; d < rank; d++) {
                if (!reduced[d]) {
                    flat = flat * x.dim(d) + idx[d];
                }
            }
            target[i] = flat;
        }
        int outSize = ctx.outputShape().size();
        long identity = op == ReduceOp.SUM ? 0 : op == ReduceOp.MAX ? Long.MIN_VALUE : Long.MAX_VALUE;
        Scratch acc = ctx.scratch(DType.I64, outSize);
        return (in, out, run) -> {
            long[] a = acc.longs(run);
            java.util.Arrays.fill(a, 0, outSize, identity);
            Tensor t = in[0];
            for (int i = 0; i < n; i++) {
                long v = t.getLong(i);
                int o = target[i];
                a[o] = op == ReduceOp.SUM ? a[o] + v : op == ReduceOp.MAX ? Math.max(a[o], v) : Math.min(a[o], v);
            }
            for (int o = 0; o < outSize; o++) {
                if (out.dtype() == DType.I64) {
                    out.longs()[o] = a[o];
                } else {
                    out.ints()[o] = (int) a[o];
                }
            }
        };
    }

    /** Reduces {@code x} into {@code out}. */
    public void run(Tensor x, Tensor out, RunContext run) {
        if (steps.length == 0) {
            Blocks.copyAll(x, out);
            return;
        }
        Object cur = Blocks.array(x);
        for (int s = 0; s < steps.length; s++) {
            Object target = s == steps.length - 1 ? Blocks.array(out) : temp(s % 2, run);
            int[] st = steps[s];
            if (dtype == DType.F32) {
                kernels.reduce(op, (float[]) cur, 0, st[0], st[1], st[2], (float[]) target, 0);
            } else {
                kernels.reduce(op, (double[]) cur, 0, st[0], st[1], st[2], (double[]) target, 0);
            }
            cur = target;
        }
    }

    private Object temp(int i, RunContext run) {
        return dtype == DType.F32 ? temps[i].floats(run) : temps[i].doubles(run);
    }
}
