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
 * The part of input 0 that an {@link AxisScatter} source occupies: inputs (x, like), output of
 * x's dtype and like's run-time shape (like's values are not read): the block at {@code start}
 * along {@code axis} (negative counts from the end) of like's extent there, or, when like lacks
 * the axis, the index {@code start} of it. AxisScatter's gradient, and the other way round:
 * {@code dx = axis_scatter(x, gg)} at {@code start}; no gradient to like.
 */
public final class AxisSlice extends AbstractOp {

    private final int axis;
    private final int start;

    public AxisSlice(int axis, int start) {
        super("axis_slice", 2);
        this.axis = axis;
        this.start = start;
    }

    @Override
    public String attributes() {
        return "axis=" + axis + ", start=" + start;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        Shape x = in[0].shape();
        Shape like = in[1].shape();
        int a = ctx.axis(axis, x.rank());
        boolean squeezed = like.rank() == x.rank() - 1;
        if (!squeezed && like.rank() != x.rank()) {
            throw ctx.error("like " + like + " must have the rank of " + x + " or one less");
        }
        for (int d = 0, j = 0; d < x.rank(); d++) {
            if (d == a && squeezed) {
                continue;
            }
            int ld = like.dim(j++);
            if (d != a && ld != Shape.UNKNOWN && x.dim(d) != Shape.UNKNOWN && ld != x.dim(d)) {
                throw ctx.error("like " + like + " does not match " + x + " off axis " + a);
            }
        }
        int extent = squeezed ? 1 : like.dim(a);
        int dim = x.dim(a);
        if (dim != Shape.UNKNOWN && extent != Shape.UNKNOWN) {
            int b = start < 0 ? start + dim : start;
            if (b < 0 || b + extent > dim) {
                throw ctx.error("a block of " + extent + " at " + start + " does not fit axis " + a + " of " + x);
            }
        }
        return new TensorType(in[0].dtype(), like);
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape x = ctx.inputShape(0);
        int rank = x.rank();
        int a = axis < 0 ? axis + rank : axis;
        int[] from = new int[rank];
        from[a] = start < 0 ? start + x.dim(a) : start;
        int[] size = x.dims();
        Shape like = ctx.outputShape();
        size[a] = like.rank() == rank ? like.dim(a) : 1;
        Blocks block = new Blocks(ctx, x, from, Shape.of(size), new int[rank], size);
        return (in, out, run) -> block.copy(in[0], out, run);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(ops(node).apply(new AxisScatter(axis, start), node.input(0), g)), Grad.none());
    }
}
