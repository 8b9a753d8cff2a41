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
 * Sum over the given axes (all axes if none), optionally keeping them as size 1.
 * {@code dx = broadcast_like(g, x)} (with the reduced axes re-inserted when not kept).
 */
public final class ReduceSum implements Op {

    private final int[] axes;
    private final boolean keepDims;

    public ReduceSum(int[] axes, boolean keepDims) {
        this.axes = axes == null ? new int[0] : axes.clone();
        this.keepDims = keepDims;
    }

    @Override
    public String name() {
        return "sum";
    }

    @Override
    public String attributes() {
        return "axes=" + (axes.length == 0 ? "all" : Arrays.toString(axes)) + (keepDims ? ", keepDims" : "");
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        int[] ax = Reduce.normalize(ctx, axes, in[0].shape().rank());
        return new TensorType(in[0].dtype(), Reduce.reducedShape(in[0].shape(), ax, keepDims));
    }

    @Override
    public void forward(Tensor[] in, Tensor out) {
        int[] ax = Reduce.normalize(new OpContext(name(), "?"), axes, in[0].shape().rank());
        Reduce.apply(ReduceOp.SUM, in[0], ax, out);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Node x = node.input(0);
        int[] reinsert = keepDims ? new int[0] : Reduce.normalize(new OpContext(name(), node.name()), axes,
                x.shape().rank());
        return List.of(Grad.of(Ops.on(node.graph()).broadcastLike(g, x, reinsert)));
    }
}
