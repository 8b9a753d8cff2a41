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
import org.adjoint.ops.AbstractOp;
import org.adjoint.ops.internal.Broadcast;
import org.adjoint.ops.internal.Reduce;
import org.adjoint.ops.internal.Strided;

/**
 * Broadcasts input 0 to the run-time shape of input 1 (whose values are not read), after
 * re-inserting size-1 axes at {@code axes} (positions in the output). The gradient of a sum.
 * {@code d0 = sum_like(g, x0, axes)}; no gradient to input 1.
 */
public final class BroadcastLike extends AbstractOp {

    private final int[] axes;

    public BroadcastLike(int... axes) {
        super("broadcast_like", 2);
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
        int outRank = in[0].shape().rank() + axes.length;
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] < 0 || axes[i] >= outRank || (i > 0 && axes[i] == axes[i - 1])) {
                throw ctx.error("cannot insert axes " + Arrays.toString(axes) + " into " + in[0].shape());
            }
        }
        Shape expanded = Reduce.insertAxes(in[0].shape(), axes);
        if (!expanded.broadcastsTo(target)) {
            throw ctx.error("shape " + expanded + " does not broadcast to " + target);
        }
        return new TensorType(in[0].dtype(), target);
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Strided copy = Broadcast.copy(ctx, Reduce.insertAxes(ctx.inputShape(0), axes), ctx.outputShape());
        return (in, out, run) -> copy.gather(in[0], out, run);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(ops(node).sumLike(g, node.input(0), axes)), Grad.none());
    }
}
