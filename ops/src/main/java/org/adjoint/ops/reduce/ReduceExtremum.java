package org.adjoint.ops.reduce;

import org.adjoint.ops.internal.Reduce;
import java.util.Arrays;
import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.ReduceOp;
import org.adjoint.ops.Ops;

/**
 * Shared rule of {@link ReduceMax} and {@link ReduceMin}: reduce over {@code axes} (all if none),
 * optionally keeping them as size 1; NaN propagates.
 *
 * <p>Gradient: {@code dx = mask * broadcast(g / count)} with {@code mask = (x == broadcast(y))}
 * and {@code count = sum(mask)} over the reduced axes.
 *
 * <p>NOTE: ties split the gradient equally among the tied elements (each gets g / count), so the
 * parts sum to g and the rule is symmetric in the tied elements (the average of the one-hot
 * subgradients). Sending everything to the first index would need an arg-reduction over several
 * axes and makes {@code max(x)} and {@code max(reverse(x))} differ in gradient.
 */
abstract class ReduceExtremum implements Op {

    private final ReduceOp kind;
    private final String name;
    private final int[] axes;
    private final boolean keepDims;

    ReduceExtremum(ReduceOp kind, String name, int[] axes, boolean keepDims) {
        this.kind = kind;
        this.name = name;
        this.axes = axes == null ? new int[0] : axes.clone();
        this.keepDims = keepDims;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String attributes() {
        return "axes=" + (axes.length == 0 ? "all" : Arrays.toString(axes)) + (keepDims ? ", keepDims" : "");
    }

    @Override
    public final int arity() {
        return 1;
    }

    @Override
    public final TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        int[] ax = Reduce.normalize(ctx, axes, in[0].shape().rank());
        for (int a : ax) {
            if (in[0].shape().dim(a) == 0) {
                throw ctx.error("cannot reduce over axis " + a + " of size 0 in " + in[0].shape());
            }
        }
        return new TensorType(in[0].dtype(), Reduce.reducedShape(in[0].shape(), ax, keepDims));
    }

    @Override
    public final void forward(Tensor[] in, Tensor out) {
        int[] ax = Reduce.normalize(new OpContext(name, "?"), axes, in[0].shape().rank());
        Reduce.apply(kind, in[0], ax, out);
    }

    @Override
    public final List<Grad> backward(Node node, Node g) {
        Ops o = Ops.on(node.graph());
        Node x = node.input(0);
        int[] reinsert = keepDims ? new int[0]
                : Reduce.normalize(new OpContext(name, node.name()), axes, x.shape().rank());
        Node mask = o.equal(x, o.broadcastLike(node, x, reinsert));
        Node count = o.sum(mask, keepDims, axes);
        Node share = o.broadcastLike(o.div(g, count), x, reinsert);
        return List.of(Grad.of(o.mul(share, mask)));
    }
}
