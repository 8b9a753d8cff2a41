package org.adjoint.ops.grad;

import java.util.Arrays;
import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.ReduceOp;
import org.adjoint.ops.AbstractOp;
import org.adjoint.ops.internal.Reduce;

/**
 * Sums input 0 down to the run-time shape of input 1 (whose values are not read): the reverse of
 * {@link BroadcastLike} with the same {@code axes}, and how the autodiff engine unbroadcasts a
 * gradient. {@code d0 = broadcast_like(g, x0, axes)}; no gradient to input 1.
 */
public final class SumLike extends AbstractOp {

    private final int[] axes;

    public SumLike(int... axes) {
        super("sum_like", 2);
        this.axes = axes.clone();
        Arrays.sort(this.axes);
    }

    @Override
    public String attributes() {
        return axes.length == 0 ? "" : "insert=" + Arrays.toString(axes);
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        Shape target = in[1].shape();
        if (axes.length > 0 && axes[axes.length - 1] >= target.rank() + axes.length) {
            throw ctx.error("cannot insert axes " + Arrays.toString(axes) + " into " + target);
        }
        Shape expanded = Reduce.insertAxes(target, axes);
        if (!expanded.broadcastsTo(in[0].shape())) {
            throw ctx.error("cannot sum " + in[0].shape() + " down to " + target
                    + (axes.length == 0 ? "" : " (axes " + Arrays.toString(axes) + " removed)"));
        }
        return new TensorType(in[0].dtype(), target);
    }

    /** The axes of g that the target lacks or has as 1 are summed, once chosen per plan. */
    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape g = ctx.inputShape(0);
        Shape e = Reduce.insertAxes(ctx.outputShape(), axes);
        int lead = g.rank() - e.rank();
        int[] reduce = new int[g.rank()];
        int n = 0;
        for (int d = 0; d < g.rank(); d++) {
            int target = d < lead ? 1 : e.dim(d - lead);
            if (target == 1 && g.dim(d) != 1) {
                reduce[n++] = d;
            }
        }
        Reduce r = Reduce.prepare(ctx, ReduceOp.SUM, ctx.outputDType(), g, Arrays.copyOf(reduce, n));
        return (in, out, run) -> r.run(in[0], out, run);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(ops(node).broadcastLike(g, node.input(0), axes)), Grad.none());
    }
}
