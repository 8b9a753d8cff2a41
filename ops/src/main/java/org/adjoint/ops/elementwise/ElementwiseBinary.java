package org.adjoint.ops.elementwise;

import org.adjoint.ops.internal.Broadcast;
import org.adjoint.graph.DType;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.BinaryOp;

/**
 * Shared shape rule and forward pass of binary elementwise ops: both inputs floating, same
 * dtype, NumPy broadcasting. Subclasses add their gradient rule; the autodiff engine sums
 * broadcast gradients back to each input's shape.
 */
abstract class ElementwiseBinary implements Op {

    private final BinaryOp kind;
    private final String name;

    ElementwiseBinary(BinaryOp kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int arity() {
        return 2;
    }

    @Override
    public final boolean broadcasts() {
        return true;
    }

    @Override
    public final TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        ctx.requireFloating(in, 1);
        DType t = ctx.requireSameDType(in);
        return new TensorType(t, Broadcast.shape(ctx, in[0].shape(), in[1].shape()));
    }

    @Override
    public final void forward(Tensor[] in, Tensor out) {
        Broadcast.apply(kind, in[0], in[1], out);
    }
}
