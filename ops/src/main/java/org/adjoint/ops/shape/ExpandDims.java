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
import org.adjoint.ops.internal.Reduce;

/**
 * Inserts a size-1 axis at position {@code axis} of the output (negative counts from the end of
 * the output: -1 appends). Same elements. {@code dx = reshape_like(g, x)}.
 */
public final class ExpandDims extends AbstractOp {

    private final int axis;

    public ExpandDims(int axis) {
        super("expand_dims", 1);
        this.axis = axis;
    }

    @Override
    public String attributes() {
        return "axis=" + axis;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        Shape s = in[0].shape();
        int a = ctx.axis(axis, s.rank() + 1);
        return new TensorType(in[0].dtype(), Reduce.insertAxes(s, new int[] {a}));
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        return (in, out, run) -> Blocks.copyAll(in[0], out);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(ops(node).reshapeLike(g, node.input(0))));
    }
}
