package org.adjoint.ops.shape;

import org.adjoint.ops.internal.Blocks;
import java.util.Arrays;
import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.Ops;

/**
 * The gradient of {@link Slice}: inputs (g, x), output of g's dtype and x's run-time shape (x's
 * values are not read): zeros with g at the block the slice took. Bounds resolve against x's
 * run-time shape, so it works when x's dimensions are unknown at build time.
 * {@code dg = slice(gg)} with the same bounds; no gradient to x.
 */
public final class SliceGrad implements Op {

    private final int[] begin;
    private final int[] end;

    public SliceGrad(int[] begin, int[] end) {
        if (begin.length != end.length) {
            throw new IllegalArgumentException("slice_grad: begin " + Arrays.toString(begin) + " and end "
                    + Arrays.toString(end) + " have different lengths");
        }
        this.begin = begin.clone();
        this.end = end.clone();
    }

    @Override
    public String name() {
        return "slice_grad";
    }

    @Override
    public String attributes() {
        return "begin=" + Arrays.toString(begin) + ", end="
                + Arrays.toString(end).replace(String.valueOf(Slice.END), "end");
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        Shape x = in[1].shape();
        Shape g = in[0].shape();
        if (begin.length > x.rank() || g.rank() != x.rank()) {
            throw ctx.error("gradient " + g + " does not fit a slice of " + x + " with " + begin.length
                    + " bounds");
        }
        for (int d = 0; d < x.rank(); d++) {
            int[] r = Slice.bounds(ctx, x, d, begin, end);
            if (r != null && g.dim(d) != Shape.UNKNOWN && g.dim(d) != r[1] - r[0]) {
                throw ctx.error("gradient " + g + " does not fit a slice of " + x + " (axis " + d + ": "
                        + g.dim(d) + " != " + (r[1] - r[0]) + ")");
            }
        }
        return new TensorType(in[0].dtype(), x);
    }

    @Override
    public void forward(Tensor[] in, Tensor out) {
        out.fill(0);
        int[] start = Slice.starts(out.shape(), begin, end);
        Blocks.copy(in[0], new int[start.length], out, start, in[0].shape().dims());
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(Ops.on(node.graph()).sliceRange(g, begin, end)), Grad.none());
    }
}
