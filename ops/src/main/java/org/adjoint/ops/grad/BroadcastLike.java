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
import org.adjoint.ops.Ops;
import org.adjoint.ops.internal.Broadcast;

/**
 * Broadcasts input 0 to the run-time shape of input 1 (whose values are not read), after
 * re-inserting size-1 axes at {@code axes} (positions in the output). The gradient of a sum.
 * {@code d0 = sum_like(g, x0, axes)}; no gradient to input 1.
 */
public final class BroadcastLike implements Op {

    private final int[] axes;

    public BroadcastLike(int... axes) {
        this.axes = axes.clone();
        Arrays.sort(this.axes);
    }

    @Override
    public String name() {
        return "broadcast_like";
    }

    @Override
    public String attributes() {
        return axes.length == 0 ? "" : "insert=" + Arrays.toString(axes);
    }

    @Override
    public int arity() {
        return 2;
    }

    /** {@code s} with size-1 dimensions inserted at the sorted output positions {@code axes}. */
    public static Shape expand(Shape s, int[] axes) {
        int[] dims = new int[s.rank() + axes.length];
        int j = 0;
        int k = 0;
        for (int d = 0; d < dims.length; d++) {
            if (k < axes.length && axes[k] == d) {
                dims[d] = 1;
                k++;
            } else {
                dims[d] = s.dim(j++);
            }
        }
        return Shape.of(dims);
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
        Shape expanded = expand(in[0].shape(), axes);
        if (!expanded.broadcastsTo(target)) {
            throw ctx.error("shape " + expanded + " does not broadcast to " + target);
        }
        return new TensorType(in[0].dtype(), target);
    }

    @Override
    public void forward(Tensor[] in, Tensor out) {
        Broadcast.copy(in[0], expand(in[0].shape(), axes), out);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(Ops.on(node.graph()).sumLike(g, node.input(0), axes)), Grad.none());
    }
}
