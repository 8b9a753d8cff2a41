package org.adjoint.ops.reduce;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.ReduceOp;
import org.adjoint.ops.Ops;
import org.adjoint.ops.internal.Reduce;

/**
 * Shared rule of {@link ReduceMax} and {@link ReduceMin}: reduce over {@code axes} (all if none),
 * optionally keeping them as size 1; NaN propagates. Integer tensors reduce exactly, in their
 * dtype, without a gradient.
 *
 * <p>Gradient: {@code dx = mask * broadcast(g / count)} with {@code mask = (x == broadcast(y))}
 * and {@code count = sum(mask)} over the reduced axes.
 *
 * <p>NOTE: ties split the gradient equally among the tied elements (each gets g / count), so the
 * parts sum to g and the rule is symmetric in the tied elements (the average of the one-hot
 * subgradients). Sending everything to the first index would need an arg-reduction over several
 * axes and makes {@code max(x)} and {@code max(reverse(x))} differ in gradient.
 */
abstract class ReduceExtremum extends AxisReduction {

    private final ReduceOp kind;

    ReduceExtremum(ReduceOp kind, String name, int[] axes, boolean keepDims) {
        super(name, axes, keepDims);
        this.kind = kind;
    }

    @Override
    public final TensorType infer(TensorType[] in, OpContext ctx) {
        for (int a : Reduce.normalize(ctx, axes(), in[0].shape().rank())) {
            if (in[0].shape().dim(a) == 0) {
                throw ctx.error("cannot reduce over axis " + a + " of size 0 in " + in[0].shape());
            }
        }
        return reduced(in, ctx);
    }

    @Override
    public final OpKernel prepare(PrepareContext ctx) {
        if (ctx.input(0).dtype().isInteger()) {
            return Reduce.integer(ctx, kind, ctx.inputShape(0), normalized(ctx));
        }
        Reduce r = Reduce.prepare(ctx, kind, ctx.outputDType(), ctx.inputShape(0), normalized(ctx));
        return (in, out, run) -> r.run(in[0], out, run);
    }

    @Override
    public final List<Grad> backward(Node node, Node g) {
        if (!node.dtype().isFloating()) {
            return List.of(Grad.none());
        }
        Ops o = ops(node);
        Node x = node.input(0);
        int[] reinsert = reinserted(node);
        Node mask = o.equal(x, o.broadcastLike(node, x, reinsert));
        Node count = o.sum(mask, keepDims(), axes());
        Node share = o.broadcastLike(o.div(g, count), x, reinsert);
        return List.of(Grad.of(o.mul(share, mask)));
    }
}
