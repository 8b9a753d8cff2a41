package org.adjoint.ops.shape;

import java.util.Arrays;
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
 * Removes size-1 axes: the given ones (each must have size 1), or with none given every axis of
 * static size 1 (an unknown dimension is kept). Same elements. {@code dx = reshape_like(g, x)}.
 */
public final class Squeeze extends AbstractOp {

    private final int[] axes;

    public Squeeze(int... axes) {
        super("squeeze", 1);
        this.axes = axes == null ? new int[0] : axes.clone();
    }

    @Override
    public String attributes() {
        return "axes=" + (axes.length == 0 ? "all size-1" : Arrays.toString(axes));
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        Shape s = in[0].shape();
        boolean[] drop = new boolean[s.rank()];
        if (axes.length == 0) {
            for (int d = 0; d < s.rank(); d++) {
                drop[d] = s.dim(d) == 1;
            }
        } else {
            for (int a : Reduce.normalize(ctx, axes, s.rank())) {
                if (s.dim(a) != 1 && s.dim(a) != Shape.UNKNOWN) {
                    throw ctx.error("cannot squeeze axis " + a + " of shape " + s + ": its size is " + s.dim(a)
                            + ", not 1");
                }
                drop[a] = true;
            }
        }
        int[] dims = new int[s.rank()];
        int n = 0;
        for (int d = 0; d < s.rank(); d++) {
            if (!drop[d]) {
                dims[n++] = s.dim(d);
            }
        }
        return new TensorType(in[0].dtype(), Shape.of(Arrays.copyOf(dims, n)));
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
