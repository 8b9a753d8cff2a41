package org.adjoint.ops.shape;

import java.util.ArrayList;
import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.AbstractOp;
import org.adjoint.ops.Ops;
import org.adjoint.ops.internal.Blocks;

/**
 * The gradient of {@link Concat} for one input: inputs (g, x_0, ..., x_{n-1}), output part
 * {@code index} of g along {@code axis}, cut at offsets read from the x's run-time shapes (their
 * values are not read), so it works when those sizes are unknown at build time.
 * {@code dg = concat(0, .., gg, .., 0)} (zeros like the other parts); no gradient to the x's.
 */
public final class SplitLike extends AbstractOp {

    private final int axis;
    private final int index;

    public SplitLike(int axis, int index) {
        super("split_like", -1);
        this.axis = axis;
        this.index = index;
    }

    @Override
    public String attributes() {
        return "axis=" + axis + ", index=" + index;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        if (in.length < 2) {
            throw ctx.error("needs the gradient and at least one part, got " + in.length + " input(s)");
        }
        if (index < 0 || index >= in.length - 1) {
            throw ctx.error("part " + index + " does not exist among " + (in.length - 1) + " part(s)");
        }
        ctx.requireFloating(in, 0);
        Shape g = in[0].shape();
        int a = ctx.axis(axis, g.rank());
        long total = 0;
        for (int i = 1; i < in.length; i++) {
            Shape s = in[i].shape();
            if (s.rank() != g.rank()) {
                throw ctx.error("part " + (i - 1) + " has shape " + s + ", the gradient has " + g + " (ranks differ)");
            }
            total = total < 0 || s.dim(a) == Shape.UNKNOWN ? -1 : total + s.dim(a);
        }
        if (total >= 0 && g.dim(a) != Shape.UNKNOWN && total != g.dim(a)) {
            throw ctx.error("parts add up to " + total + " along axis " + a + ", the gradient " + g + " has "
                    + g.dim(a));
        }
        return new TensorType(in[0].dtype(), in[index + 1].shape());
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape os = ctx.outputShape();
        int rank = os.rank();
        int a = axis < 0 ? axis + rank : axis;
        int[] start = new int[rank];
        for (int i = 1; i <= index; i++) {
            start[a] += ctx.inputShape(i).dim(a);
        }
        Blocks block = new Blocks(ctx, ctx.inputShape(0), start, os, new int[rank], os.dims());
        return (in, out, run) -> block.copy(in[0], out, run);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = ops(node);
        int parts = node.inputCount() - 1;
        Node[] pieces = new Node[parts];
        for (int j = 0; j < parts; j++) {
            pieces[j] = j == index ? g : o.zerosLike(node.input(j + 1));
        }
        List<Grad> grads = new ArrayList<>(node.inputCount());
        grads.add(Grad.of(o.concat(axis, pieces)));
        for (int j = 0; j < parts; j++) {
            grads.add(Grad.none());
        }
        return grads;
    }
}
