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
 * A (strided) block: along axis d, elements {@code begin[d], begin[d] + step[d], ...} up to but
 * not including {@code end[d]}, Python style. A negative bound counts from the end of the axis,
 * {@link #END} means "to the end" in the step's direction (past the last element for a positive
 * step, past the first for a negative one); axes beyond the given bounds are kept whole. Bounds
 * are not clamped: a range outside the axis is an error. A step of 1 copies rows; other steps
 * (negative ones walk backwards) gather with strides.
 * {@code dx = slice_grad(g, x)}: g placed at the elements the slice took, in zeros of x's run-time
 * shape; a step-1 slice along one axis (a split) places with {@link AxisScatter}, so the
 * gradients of all the parts of a split sum into one op.
 */
public final class Slice extends AbstractOp {

    /** An end bound meaning "to the end of the axis" (in the direction of the step). */
    public static final int END = Integer.MAX_VALUE;

    private final int[] begin;
    private final int[] end;
    private final int[] step;

    public Slice(int[] begin, int[] end) {
        this(begin, end, ones(begin.length));
    }

    public Slice(int[] begin, int[] end, int[] step) {
        super("slice", 1);
        if (begin.length != end.length || begin.length != step.length) {
            throw new IllegalArgumentException("slice: begin " + Arrays.toString(begin) + ", end "
                    + Arrays.toString(end) + " and step " + Arrays.toString(step) + " have different lengths");
        }
        for (int s : step) {
            if (s == 0) {
                throw new IllegalArgumentException("slice: step " + Arrays.toString(step) + " has a 0");
            }
        }
        this.begin = begin.clone();
        this.end = end.clone();
        this.step = step.clone();
    }

    static int[] ones(int n) {
        int[] s = new int[n];
        Arrays.fill(s, 1);
        return s;
    }

    static boolean unit(int[] step) {
        for (int s : step) {
            if (s != 1) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String attributes() {
        return describe(begin, end, step);
    }

    static String describe(int[] begin, int[] end, int[] step) {
        return "begin=" + Arrays.toString(begin) + ", end=" + Arrays.toString(end).replace(String.valueOf(END), "end")
                + (unit(step) ? "" : ", step=" + Arrays.toString(step));
    }

    /**
     * Resolved {@code {start, count}} of axis d for a known dimension, or null for an unknown one.
     *
     * @throws org.adjoint.graph.ShapeException for a range outside the axis
     */
    static int[] bounds(OpContext ctx, Shape s, int d, int[] begin, int[] end, int[] step) {
        int dim = s.dim(d);
        if (d >= begin.length) {
            return dim == Shape.UNKNOWN ? null : new int[] {0, dim};
        }
        if (dim == Shape.UNKNOWN) {
            return null;
        }
        int st = step[d];
        int b = begin[d] < 0 ? begin[d] + dim : begin[d];
        int e;
        boolean ok;
        int count;
        if (st > 0) {
            e = end[d] == END ? dim : end[d] < 0 ? end[d] + dim : end[d];
            ok = b >= 0 && e <= dim && b <= e;
            count = ok ? (e - b + st - 1) / st : 0;
        } else {
            e = end[d] == END ? -1 : end[d] < 0 ? end[d] + dim : end[d];
            ok = e >= -1 && b < dim && e <= b;
            count = ok ? (b - e - st - 1) / -st : 0;
        }
        if (!ok) {
            throw ctx.error("axis " + d + ": range [" + begin[d] + ", " + (end[d] == END ? "end" : end[d]) + ")"
                    + (st == 1 ? "" : " with step " + st) + " is out of bounds for dimension " + dim + " of " + s);
        }
        return new int[] {b, count};
    }

    /** The static shape of a slice of {@code s} (unknown where the bounds depend on an unknown dimension). */
    static Shape sliced(OpContext ctx, Shape s, int[] begin, int[] end, int[] step) {
        if (begin.length > s.rank()) {
            throw ctx.error("bounds for " + begin.length + " axes, input has shape " + s);
        }
        int[] dims = new int[s.rank()];
        for (int d = 0; d < dims.length; d++) {
            int[] r = bounds(ctx, s, d, begin, end, step);
            if (r != null) {
                dims[d] = r[1];
            } else if (d < begin.length && begin[d] >= 0 && end[d] >= 0 && end[d] != END && step[d] > 0) {
                if (end[d] < begin[d]) {
                    throw ctx.error("axis " + d + ": end " + end[d] + " is before begin " + begin[d]);
                }
                dims[d] = (end[d] - begin[d] + step[d] - 1) / step[d];
            } else {
                dims[d] = Shape.UNKNOWN;
            }
        }
        return Shape.of(dims);
    }

    /**
     * The slice of the known shape {@code x} as a strided layout: {@code [base, dims..., strides...]}
     * packed as {base, dims[rank], strides[rank]}.
     */
    static Strided layout(PrepareContext prepare, Shape x, int[] begin, int[] end, int[] step) {
        OpContext ctx = new OpContext(prepare.opName(), prepare.nodeName());
        int rank = x.rank();
        int[] xs = x.strides();
        int[] dims = new int[rank];
        int[] strides = new int[rank];
        int base = 0;
        for (int d = 0; d < rank; d++) {
            int[] r = bounds(ctx, x, d, begin, end, step);
            int st = d < step.length ? step[d] : 1;
            dims[d] = r[1];
            strides[d] = st * xs[d];
            base += r[0] * xs[d];
        }
        return new Strided(prepare, dims, strides, rank, base);
    }

    /** The resolved start of every axis of the known shape {@code s} (step 1). */
    static int[] starts(PrepareContext prepare, Shape s, int[] begin, int[] end) {
        int[] start = new int[s.rank()];
        OpContext ctx = new OpContext(prepare.opName(), prepare.nodeName());
        int[] step = ones(begin.length);
        for (int d = 0; d < start.length; d++) {
            start[d] = bounds(ctx, s, d, begin, end, step)[0];
        }
        return start;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        return new TensorType(in[0].dtype(), sliced(ctx, in[0].shape(), begin, end, step));
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape x = ctx.inputShape(0);
        if (unit(step)) {
            int[] start = starts(ctx, x, begin, end);
            Blocks block = new Blocks(ctx, x, start, ctx.outputShape(), new int[start.length],
                    ctx.outputShape().dims());
            return (in, out, run) -> block.copy(in[0], out, run);
        }
        Strided gather = layout(ctx, x, begin, end, step);
        return (in, out, run) -> gather.gather(in[0], out, run);
    }

    /** The one axis a step-1 slice restricts (every other axis whole), or -1. */
    private int onlyAxis() {
        if (!unit(step)) {
            return -1;
        }
        int axis = -1;
        for (int d = 0; d < begin.length; d++) {
            if (begin[d] != 0 || end[d] != END) {
                if (axis >= 0) {
                    return -1;
                }
                axis = d;
            }
        }
        return axis;
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        int axis = onlyAxis();
        if (axis >= 0) {
            return List.of(Grad.of(ops(node).apply(new AxisScatter(axis, begin[axis]), node.input(0), g)));
        }
        return List.of(Grad.of(ops(node).apply(new SliceGrad(begin, end, step), g, node.input(0))));
    }
}
