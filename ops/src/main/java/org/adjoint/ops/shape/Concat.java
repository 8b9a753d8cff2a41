package org.adjoint.ops.shape;

import java.util.ArrayList;
import java.util.List;
import org.adjoint.graph.DType;
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
 * Joins one or more tensors of one dtype and rank along {@code axis}; every other dimension
 * must agree. {@code dx_i = split_like(g, x_0..x_n)[i]}: the part of g at input i's offset,
 * read from the inputs' run-time shapes, so concatenating along the batch axis differentiates too.
 */
public final class Concat extends AbstractOp {

    private final int axis;

    public Concat(int axis) {
        super("concat", -1);
        this.axis = axis;
    }

    @Override
    public String attributes() {
        return "axis=" + axis;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        if (in.length == 0) {
            throw ctx.error("needs at least one input");
        }
        DType t = ctx.requireSameDType(in);
        Shape first = in[0].shape();
        if (first.rank() == 0) {
            throw ctx.error("cannot concatenate scalars (input 0 has shape [])");
        }
        int a = ctx.axis(axis, first.rank());
        int[] dims = first.dims();
        for (int i = 1; i < in.length; i++) {
            Shape s = in[i].shape();
            if (s.rank() != first.rank()) {
                throw ctx.error("input " + i + " has shape " + s + " but input 0 has " + first + " (ranks differ)");
            }
            for (int d = 0; d < dims.length; d++) {
                int di = s.dim(d);
                if (d == a) {
                    dims[d] = dims[d] == Shape.UNKNOWN || di == Shape.UNKNOWN ? Shape.UNKNOWN : dims[d] + di;
                } else if (dims[d] == Shape.UNKNOWN) {
                    dims[d] = di;
                } else if (di != Shape.UNKNOWN && di != dims[d]) {
                    throw ctx.error("input " + i + " has shape " + s + " but input 0 has " + first
                            + " (dimension " + d + ": " + di + " != " + dims[d] + "; only axis " + a + " may differ)");
                }
            }
        }
        return new TensorType(t, Shape.of(dims));
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape os = ctx.outputShape();
        int rank = os.rank();
        int a = axis < 0 ? axis + rank : axis;
        int[] dst = new int[rank];
        Blocks[] parts = new Blocks[ctx.inputCount()];
        for (int i = 0; i < parts.length; i++) {
            Shape s = ctx.inputShape(i);
            parts[i] = new Blocks(ctx, s, new int[rank], os, dst, s.dims());
            dst[a] += s.dim(a);
        }
        return (in, out, run) -> {
            for (int i = 0; i < parts.length; i++) {
                parts[i].copy(in[i], out, run);
            }
        };
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Node[] args = new Node[node.inputCount() + 1];
        args[0] = g;
        for (int i = 0; i < node.inputCount(); i++) {
            args[i + 1] = node.input(i);
        }
        List<Grad> grads = new ArrayList<>(node.inputCount());
        for (int i = 0; i < node.inputCount(); i++) {
            grads.add(Grad.of(node.graph().apply(new SplitLike(axis, i), null, args)));
        }
        return grads;
    }
}
