package org.adjoint.ops.reduce;

import org.adjoint.ops.internal.Reduce;
import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.kernels.ReduceOp;
import org.adjoint.kernels.ReductionKernels;

/**
 * argmax / argmin along one axis: the i32 index of the largest (smallest) element; ties go to the
 * lowest index, a NaN wins over any number. The axis is removed, or kept as size 1 with
 * {@code keepDims}. Integer-valued: no gradient.
 */
public final class ArgReduce implements Op {

    private final ReduceOp kind;
    private final int axis;
    private final boolean keepDims;

    /** {@code kind} is {@link ReduceOp#MAX} (argmax) or {@link ReduceOp#MIN} (argmin). */
    public ArgReduce(ReduceOp kind, int axis, boolean keepDims) {
        if (kind != ReduceOp.MAX && kind != ReduceOp.MIN) {
            throw new IllegalArgumentException("ArgReduce needs MAX or MIN, got " + kind);
        }
        this.kind = kind;
        this.axis = axis;
        this.keepDims = keepDims;
    }

    @Override
    public String name() {
        return kind == ReduceOp.MAX ? "argmax" : "argmin";
    }

    @Override
    public String attributes() {
        return "axis=" + axis + (keepDims ? ", keepDims" : "");
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        Shape s = in[0].shape();
        int a = ctx.axis(axis, s.rank());
        if (s.dim(a) == 0) {
            throw ctx.error("axis " + a + " of " + s + " is empty: no " + name() + " exists");
        }
        return new TensorType(DType.I32, Reduce.reducedShape(s, new int[] {a}, keepDims));
    }

    @Override
    public void forward(Tensor[] in, Tensor out) {
        Tensor x = in[0];
        int[] dims = x.shape().dims();
        int a = axis < 0 ? axis + dims.length : axis;
        int outer = 1;
        int inner = 1;
        for (int d = 0; d < a; d++) {
            outer *= dims[d];
        }
        for (int d = a + 1; d < dims.length; d++) {
            inner *= dims[d];
        }
        if (outer * inner == 0) {
            return;
        }
        ReductionKernels k = KernelProvider.get().reductions();
        if (x.dtype() == DType.F32) {
            k.argReduce(kind, x.floats(), 0, outer, dims[a], inner, out.ints(), 0);
        } else {
            k.argReduce(kind, x.doubles(), 0, outer, dims[a], inner, out.ints(), 0);
        }
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.none());
    }
}
