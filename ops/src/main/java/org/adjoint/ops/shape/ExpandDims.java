package org.adjoint.ops.shape;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.Ops;
import org.adjoint.ops.grad.BroadcastLike;

/**
 * Inserts a size-1 axis at position {@code axis} of the output (negative counts from the end of
 * the output: -1 appends). Same elements. {@code dx = reshape_like(g, x)}.
 */
public final class ExpandDims implements Op {

    private final int axis;

    public ExpandDims(int axis) {
        this.axis = axis;
    }

    @Override
    public String name() {
        return "expand_dims";
    }

    @Override
    public String attributes() {
        return "axis=" + axis;
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        Shape s = in[0].shape();
        int a = ctx.axis(axis, s.rank() + 1);
        return new TensorType(in[0].dtype(), BroadcastLike.expand(s, new int[] {a}));
    }

    @Override
    public void forward(Tensor[] in, Tensor out) {
        out.copyFrom(in[0].reshape(out.shape()));
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(Ops.on(node.graph()).reshapeLike(g, node.input(0))));
    }
}
