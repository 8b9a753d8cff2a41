package org.adjoint.ops.shape;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.AbstractOp;

/**
 * Gather along an axis, as {@code torch.gather} (numpy's {@code take_along_axis}): for x and
 * integer indices of one rank, {@code y[i] = x[i with i[axis] replaced by indices[i]]}; y has the
 * indices' shape, which may be smaller than x's off the axis. E.g. the score of each row's label:
 * {@code gather(scores [B, C], 1, labels [B, 1])}. An index outside {@code [0, x.dim(axis))} fails
 * the run naming it. {@code dx = scatter_add_axis(g, indices, x)}; no gradient to the indices.
 */
public final class GatherAxis extends AbstractOp {

    private final int axis;

    public GatherAxis(int axis) {
        super("gather_axis", 2);
        this.axis = axis;
    }

    @Override
    public String attributes() {
        return "axis=" + axis;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        RowIndex.requireIndices(in, ctx, 1, "the indices");
        checkShapes(ctx, in[0].shape(), in[1].shape(), axis);
        return new TensorType(in[0].dtype(), in[1].shape());
    }

    /** Indices of x's rank, no larger than x off the axis; returns the normalized axis. */
    static int checkShapes(OpContext ctx, Shape x, Shape indices, int axis) {
        if (x.rank() == 0) {
            throw ctx.error("input 0 must have rank >= 1, got shape " + x);
        }
        int a = ctx.axis(axis, x.rank());
        if (indices.rank() != x.rank()) {
            throw ctx.error("indices " + indices + " must have the rank of the input " + x);
        }
        for (int d = 0; d < x.rank(); d++) {
            int xd = x.dim(d);
            int id = indices.dim(d);
            if (d != a && xd != Shape.UNKNOWN && id != Shape.UNKNOWN && id > xd) {
                throw ctx.error("indices " + indices + " are larger than the input " + x + " on axis " + d);
            }
        }
        return a;
    }

    /**
     * For each index position p, the offset in x of the element with p's multi-index and index 0
     * along the axis (read-only, shared by all runs of a plan).
     */
    static int[] bases(Shape x, Shape indices, int a) {
        int[] xs = x.strides();
        int[] base = new int[indices.size()];
        int[] idx = new int[indices.rank()];
        for (int p = 0; p < base.length; p++) {
            int rest = p;
            for (int d = indices.rank() - 1; d >= 0; d--) {
                idx[d] = rest % indices.dim(d);
                rest /= indices.dim(d);
            }
            int off = 0;
            for (int d = 0; d < idx.length; d++) {
                off += d == a ? 0 : idx[d] * xs[d];
            }
            base[p] = off;
        }
        return base;
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape x = ctx.inputShape(0);
        Shape indices = ctx.inputShape(1);
        int a = axis < 0 ? axis + x.rank() : axis;
        int[] base = bases(x, indices, a);
        int stride = x.strides()[a];
        int limit = x.dim(a);
        return (in, out, run) -> {
            Tensor src = in[0];
            Tensor idx = in[1];
            for (int p = 0; p < base.length; p++) {
                out.setDouble(p, src.getDouble(base[p] + RowIndex.check(idx, p, indices, limit) * stride));
            }
        };
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        if (!node.dtype().isFloating()) {
            return List.of(Grad.none(), Grad.none());
        }
        Node dx = ops(node).apply(new ScatterAddAxis(axis), g, node.input(1), node.input(0));
        return List.of(Grad.of(dx), Grad.none());
    }
}
