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
import org.adjoint.ops.internal.Strided;

/**
 * The gradient of {@link Slice}: inputs (g, x), output of g's dtype and x's run-time shape (x's
 * values are not read): zeros with g at the elements the slice took. Bounds resolve against x's
 * run-time shape, so it works when x's dimensions are unknown at build time.
 * {@code dg = slice(gg)} with the same bounds; no gradient to x.
 */
public final class SliceGrad extends AbstractOp {

    private final int[] begin;
    private final int[] end;
    private final int[] step;

    public SliceGrad(int[] begin, int[] end) {
        this(begin, end, Slice.ones(begin.length));
    }

    public SliceGrad(int[] begin, int[] end, int[] step) {
        super("slice_grad", 2);
        if (begin.length != end.length || begin.length != step.length) {
            throw new IllegalArgumentException("slice_grad: begin " + Arrays.toString(begin) + ", end "
                    + Arrays.toString(end) + " and step " + Arrays.toString(step) + " have different lengths");
        }
        this.begin = begin.clone();
        this.end = end.clone();
        this.step = step.clone();
    }

    @Override
    public String attributes() {
        return Slice.describe(begin, end, step);
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
            int[] r = Slice.bounds(ctx, x, d, begin, end, step);
            if (r != null && g.dim(d) != Shape.UNKNOWN && g.dim(d) != r[1]) {
                throw ctx.error("gradient " + g + " does not fit a slice of " + x + " (axis " + d + ": "
                        + g.dim(d) + " != " + r[1] + ")");
            }
        }
        return new TensorType(in[0].dtype(), x);
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape x = ctx.outputShape();
        Shape g = ctx.inputShape(0);
        if (Slice.unit(step)) {
            int[] start = Slice.starts(ctx, x, begin, end);
            Blocks block = new Blocks(ctx, g, new int[start.length], x, start, g.dims());
            return (in, out, run) -> {
                out.fill(0);
                block.copy(in[0], out, run);
            };
        }
        Strided place = Slice.layout(ctx, x, begin, end, step);
        return (in, out, run) -> {
            out.fill(0);
            place.scatter(in[0], out, run);
        };
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(ops(node).sliceRange(g, begin, end, step)), Grad.none());
    }
}
