package org.adjoint.ops.shape;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.AbstractOp;
import org.adjoint.ops.internal.Blocks;

/**
 * Index {@code index} (negative counts from the end) along {@code axis}, the axis removed: the
 * step t of a [batch, time, feature] sequence is {@code select(x, 1, t)}, one copy of
 * [batch, feature]. Unstacking is a select per index.
 * {@code dx = axis_scatter(x, g)} at {@code index}; the gradients of all the steps of one
 * sequence sum into one placement ({@link AxisScatter}, merged by {@code Ops.addN}).
 */
public final class Select extends AbstractOp {

    private final int axis;
    private final int index;

    public Select(int axis, int index) {
        super("select", 1);
        this.axis = axis;
        this.index = index;
    }

    @Override
    public String attributes() {
        return "axis=" + axis + ", index=" + index;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        Shape x = in[0].shape();
        if (x.rank() == 0) {
            throw ctx.error("cannot select from a scalar " + in[0]);
        }
        int a = ctx.axis(axis, x.rank());
        int dim = x.dim(a);
        if (dim != Shape.UNKNOWN && (index >= dim || index < -dim)) {
            throw ctx.error("index " + index + " is out of range for axis " + a + " of " + x);
        }
        int[] dims = new int[x.rank() - 1];
        for (int d = 0, j = 0; d < x.rank(); d++) {
            if (d != a) {
                dims[j++] = x.dim(d);
            }
        }
        return new TensorType(in[0].dtype(), Shape.of(dims));
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape x = ctx.inputShape(0);
        int rank = x.rank();
        int a = axis < 0 ? axis + rank : axis;
        int[] from = new int[rank];
        from[a] = index < 0 ? index + x.dim(a) : index;
        int[] size = x.dims();
        size[a] = 1;
        Blocks block = new Blocks(ctx, x, from, Shape.of(size), new int[rank], size);
        return (in, out, run) -> block.copy(in[0], out, run);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        if (!node.dtype().isFloating()) {
            return List.of(Grad.none());
        }
        return List.of(Grad.of(ops(node).apply(new AxisScatter(axis, index), node.input(0), g)));
    }
}
