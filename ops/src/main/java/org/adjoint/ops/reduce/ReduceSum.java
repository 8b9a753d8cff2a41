package org.adjoint.ops.reduce;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.ReduceOp;
import org.adjoint.ops.internal.Reduce;

/**
 * Sum over the given axes (all axes if none), optionally keeping them as size 1.
 * {@code dx = broadcast_like(g, x)} (with the reduced axes re-inserted when not kept).
 * Integer tensors (i32, i64: counts of masks, label histograms) sum exactly into i64, as in
 * numpy and PyTorch, and have no gradient.
 */
public final class ReduceSum extends AxisReduction {

    public ReduceSum(int[] axes, boolean keepDims) {
        super("sum", axes, keepDims);
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        return reduced(in, ctx, in[0].dtype().isInteger() ? DType.I64 : in[0].dtype());
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        if (ctx.input(0).dtype().isInteger()) {
            return Reduce.integer(ctx, ReduceOp.SUM, ctx.inputShape(0), normalized(ctx));
        }
        Reduce r = Reduce.prepare(ctx, ReduceOp.SUM, ctx.outputDType(), ctx.inputShape(0), normalized(ctx));
        return (in, out, run) -> r.run(in[0], out, run);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        if (!node.dtype().isFloating()) {
            return List.of(Grad.none());
        }
        return List.of(Grad.of(ops(node).broadcastLike(g, node.input(0), reinserted(node))));
    }
}
