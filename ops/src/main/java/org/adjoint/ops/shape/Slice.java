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

/**
 * A contiguous block: along axis d, elements {@code [begin[d], end[d])}. A negative bound counts
 * from the end of the axis (Python style), {@link #END} means the end; axes beyond the given
 * bounds are kept whole. Bounds are not clamped: a range outside the axis is an error.
 * {@code dx = slice_grad(g, x)}: g placed at the block in zeros of x's run-time shape.
 */
public final class Slice extends AbstractOp {

    /** An end bound meaning "to the end of the axis". */
    public static final int END = Integer.MAX_VALUE;

    private final int[] begin;
    private final int[] end;

    public Slice(int[] begin, int[] end) {
        super("slice", 1);
        if (begin.length != end.length) {
            throw new IllegalArgumentException("slice: begin " + Arrays.toString(begin) + " and end "
                    + Arrays.toString(end) + " have different lengths");
        }
        this.begin = begin.clone();
        this.end = end.clone();
    }

    @Override
    public String attributes() {
        return "begin=" + Arrays.toString(begin) + ", end=" + Arrays.toString(end).replace(String.valueOf(END), "end");
    }

    /**
     * The first element the slice takes along every axis of an input of the known shape
     * {@code input} (negative bounds resolved).
     */
    public int[] start(Shape input) {
        OpContext ctx = new OpContext(name(), "?");
        int[] start = new int[input.rank()];
        for (int d = 0; d < start.length; d++) {
            start[d] = bounds(ctx, input, d, begin, end)[0];
        }
        return start;
    }

    /** Resolved {@code {begin, end}} of axis d for a known dimension, or null for an unknown one. */
    private int[] bounds(OpContext ctx, Shape s, int d) {
        return bounds(ctx, s, d, begin, end);
    }

    static int[] bounds(OpContext ctx, Shape s, int d, int[] begin, int[] end) {
        int dim = s.dim(d);
        if (d >= begin.length) {
            return dim == Shape.UNKNOWN ? null : new int[] {0, dim};
        }
        if (dim == Shape.UNKNOWN) {
            return null;
        }
        int b = begin[d] < 0 ? begin[d] + dim : begin[d];
        int e = end[d] == END ? dim : end[d] < 0 ? end[d] + dim : end[d];
        if (b < 0 || e > dim || b > e) {
            throw ctx.error("axis " + d + ": range [" + begin[d] + ", " + (end[d] == END ? "end" : end[d])
                    + ") is out of bounds for dimension " + dim + " of " + s);
        }
        return new int[] {b, e};
    }

    /** The resolved begin of every axis of the known shape {@code s}. */
    static int[] starts(PrepareContext prepare, Shape s, int[] begin, int[] end) {
        int[] start = new int[s.rank()];
        OpContext ctx = new OpContext(prepare.opName(), prepare.nodeName());
        for (int d = 0; d < start.length; d++) {
            start[d] = bounds(ctx, s, d, begin, end)[0];
        }
        return start;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        Shape s = in[0].shape();
        if (begin.length > s.rank()) {
            throw ctx.error("bounds for " + begin.length + " axes, input has shape " + s);
        }
        int[] dims = new int[s.rank()];
        for (int d = 0; d < dims.length; d++) {
            int[] r = bounds(ctx, s, d);
            if (r != null) {
                dims[d] = r[1] - r[0];
            } else if (d < begin.length && begin[d] >= 0 && end[d] >= 0 && end[d] != END) {
                if (end[d] < begin[d]) {
                    throw ctx.error("axis " + d + ": end " + end[d] + " is before begin " + begin[d]);
                }
                dims[d] = end[d] - begin[d];
            } else {
                dims[d] = Shape.UNKNOWN;
            }
        }
        return new TensorType(in[0].dtype(), Shape.of(dims));
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape x = ctx.inputShape(0);
        int[] start = starts(ctx, x, begin, end);
        Blocks block = new Blocks(ctx, x, start, ctx.outputShape(), new int[start.length], ctx.outputShape().dims());
        return (in, out, run) -> block.copy(in[0], out, run);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(ops(node).apply(new SliceGrad(begin, end), g, node.input(0))));
    }
}
