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
 * The gradient of {@link GatherAxis}: inputs (g, indices, like), output of like's run-time type
 * (its values are not read): zeros, then {@code out[i with i[axis] = indices[i]] += g[i]} for the
 * positions i in ascending order (repeated indices accumulate in a fixed order: deterministic).
 * {@code dg = gather_axis(gg, indices)}; no gradient to the indices or like.
 */
public final class ScatterAddAxis extends AbstractOp {

    private final int axis;

    public ScatterAddAxis(int axis) {
        super("scatter_add_axis", 3);
        this.axis = axis;
    }

    @Override
    public String attributes() {
        return "axis=" + axis;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        RowIndex.requireIndices(in, ctx, 1, "the indices");
        if (in[2].dtype() != in[0].dtype()) {
            throw ctx.error("input 2 (like) must be " + in[0].dtype() + ", got " + in[2]);
        }
        GatherAxis.checkShapes(ctx, in[2].shape(), in[1].shape(), axis);
        if (!in[0].shape().isCompatibleWith(in[1].shape())) {
            throw ctx.error("updates " + in[0].shape() + " must have the indices' shape " + in[1].shape());
        }
        return in[2];
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape x = ctx.outputShape();
        Shape indices = ctx.inputShape(1);
        int a = axis < 0 ? axis + x.rank() : axis;
        int[] base = GatherAxis.bases(x, indices, a);
        int stride = x.strides()[a];
        int limit = x.dim(a);
        return (in, out, run) -> {
            Tensor g = in[0];
            Tensor idx = in[1];
            out.fill(0);
            for (int p = 0; p < base.length; p++) {
                int at = base[p] + RowIndex.check(idx, p, indices, limit) * stride;
                out.setDouble(at, out.getDouble(at) + g.getDouble(p));
            }
        };
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(ops(node).apply(new GatherAxis(axis), g, node.input(1))), Grad.none(), Grad.none());
    }
}
