package org.adjoint.ops.grad;

import java.util.Arrays;
import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.ReduceOp;
import org.adjoint.ops.Ops;
import org.adjoint.ops.internal.Reduce;

/**
 * Sums input 0 down to the run-time shape of input 1 (whose values are not read): the reverse of
 * {@link BroadcastLike} with the same {@code axes}, and how the autodiff engine unbroadcasts a
 * gradient. {@code d0 = broadcast_like(g, x0, axes)}; no gradient to input 1.
 */
public final class SumLike implements Op {

    private final int[] axes;

    public SumLike(int... axes) {
        this.axes = axes.clone();
        Arrays.sort(this.axes);
    }

    @Override
    public String name() {
        return "sum_like";
    }

    @Override
    public String attributes() {
        return axes.length == 0 ? "" : "insert=" + Arrays.toString(axes);
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        Shape target = in[1].shape();
        if (axes.length > 0 && axes[axes.length - 1] >= target.rank() + axes.length) {
            throw ctx.error("cannot insert axes " + Arrays.toString(axes) + " into " + target);
        }
        Shape expanded = BroadcastLike.expand(target, axes);
        if (!expanded.broadcastsTo(in[0].shape())) {
            throw ctx.error("cannot sum " + in[0].shape() + " down to " + target
                    + (axes.length == 0 ? "" : " (axes " + Arrays.toString(axes) + " removed)"));
        }
        return new TensorType(in[0].dtype(), target);
    }

    @Override
    public void forward(Tensor[] in, Tensor out) {
        Shape g = in[0].shape();
        Shape e = BroadcastLike.expand(out.shape(), axes);
        int lead = g.rank() - e.rank();
        int[] reduce = new int[g.rank()];
        int n = 0;
        for (int d = 0; d < g.rank(); d++) {
            int target = d < lead ? 1 : e.dim(d - lead);
            if (target == 1 && g.dim(d) != 1) {
                reduce[n++] = d;
            }
        }
        Reduce.apply(ReduceOp.SUM, in[0], Arrays.copyOf(reduce, n), out);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(Ops.on(node.graph()).broadcastLike(g, node.input(0), axes)), Grad.none());
    }
}
