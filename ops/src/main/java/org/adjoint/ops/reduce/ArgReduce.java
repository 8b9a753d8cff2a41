package org.adjoint.ops.reduce;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.kernels.ReduceOp;
import org.adjoint.kernels.ReductionKernels;
import org.adjoint.ops.AbstractOp;
import org.adjoint.ops.internal.Reduce;

/**
 * argmax / argmin along one axis of a floating or integer tensor: the i32 index of the largest
 * (smallest) element; ties go to the lowest index, a NaN wins over any number. The axis is removed, or kept as size 1 with
 * {@code keepDims}. Integer-valued: no gradient.
 */
public final class ArgReduce extends AbstractOp {

    private final ReduceOp kind;
    private final int axis;
    private final boolean keepDims;

    /** {@code kind} is {@link ReduceOp#MAX} (argmax) or {@link ReduceOp#MIN} (argmin). */
    public ArgReduce(ReduceOp kind, int axis, boolean keepDims) {
        super(nameOf(kind), 1);
        this.kind = kind;
        this.axis = axis;
        this.keepDims = keepDims;
    }

    private static String nameOf(ReduceOp kind) {
        if (kind != ReduceOp.MAX && kind != ReduceOp.MIN) {
            throw new IllegalArgumentException("ArgReduce needs MAX or MIN, got " + kind);
        }
        return kind == ReduceOp.MAX ? "argmax" : "argmin";
    }

    @Override
    public String attributes() {
        return "axis=" + axis + (keepDims ? ", keepDims" : "");
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        Shape s = in[0].shape();
        int a = ctx.axis(axis, s.rank());
        if (s.dim(a) == 0) {
            throw ctx.error("axis " + a + " of " + s + " is empty: no " + name() + " exists");
        }
        return new TensorType(DType.I32, Reduce.reducedShape(s, new int[] {a}, keepDims));
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape x = ctx.inputShape(0);
        int a = axis < 0 ? axis + x.rank() : axis;
        int outer = 1;
        int inner = 1;
        for (int d = 0; d < a; d++) {
            outer *= x.dim(d);
        }
        for (int d = a + 1; d < x.rank(); d++) {
            inner *= x.dim(d);
        }
        int n = x.dim(a);
        int rows = outer;
        int cols = inner;
        ReductionKernels k = KernelProvider.get().reductions();
        if (outer * inner == 0) {
            return (in, out, run) -> { };
        }
        if (ctx.input(0).dtype().isInteger()) {
            return (in, out, run) -> integer(in[0], rows, n, cols, out.ints());
        }
        if (ctx.input(0).dtype() == DType.F32) {
            return (in, out, run) -> k.argReduce(kind, in[0].floats(), 0, rows, n, cols, out.ints(), 0);
        }
        return (in, out, run) -> k.argReduce(kind, in[0].doubles(), 0, rows, n, cols, out.ints(), 0);
    }

    /** argmax / argmin of an integer tensor: a plain loop (no integer kernel), ties to the lowest index. */
    private void integer(Tensor x, int outer, int n, int inner, int[] out) {
        boolean max = kind == ReduceOp.MAX;
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                int best = 0;
                long bestValue = x.getLong(base);
                for (int k = 1; k < n; k++) {
                    long v = x.getLong(base + k * inner);
                    if (max ? v > bestValue : v < bestValue) {
                        best = k;
                        bestValue = v;
                    }
                }
                out[o * inner + i] = best;
            }
        }
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.none());
    }
}
