package org.adjoint.ops.elementwise;

import org.adjoint.graph.DType;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.BinaryOp;
import org.adjoint.ops.AbstractOp;
import org.adjoint.ops.internal.Broadcast;

/**
 * Shared type rule and kernel of binary elementwise ops: both inputs floating, same dtype,
 * NumPy broadcasting (the pattern collapsed once per plan). Subclasses add their gradient rule;
 * the autodiff engine sums broadcast gradients back to each input's shape.
 */
abstract class ElementwiseBinary extends AbstractOp {

    private final BinaryOp kind;

    ElementwiseBinary(BinaryOp kind, String name) {
        super(name, 2);
        this.kind = kind;
    }

    /** The kernel function. */
    public final BinaryOp kind() {
        return kind;
    }

    @Override
    public final boolean broadcasts() {
        return true;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        ctx.requireFloating(in, 1);
        DType t = ctx.requireSameDType(in);
        return new TensorType(t, Broadcast.shape(ctx, in[0].shape(), in[1].shape()));
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        return Broadcast.binary(ctx, kind, ctx.inputShape(0), ctx.inputShape(1));
    }
}
