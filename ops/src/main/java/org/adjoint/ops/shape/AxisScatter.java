package org.adjoint.ops.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.AbstractOp;
import org.adjoint.ops.Ops;

/**
 * Placement along one axis: inputs (like, src_0, ..., src_{n-1}), output zeros of like's
 * run-time shape (like's values are not read) with each src_k added at {@code starts[k]} along
 * {@code axis} (negative counts from the end). A source of like's rank occupies its own extent
 * along the axis (a slice's gradient); a source without the axis occupies one index (a select's
 * gradient). Every other dimension equals like's. Overlaps add, in input order (deterministic).
 *
 * <p>The gradients of the parts of a split or an unstack are such placements, and
 * {@link Ops#addN} merges those of one tensor into a single node: summing T parts costs one pass
 * over the tensor, not T. {@code dsrc_k = axis_slice(gg, src_k)} at {@code starts[k]}; no
 * gradient to like.
 */
public final class AxisScatter extends AbstractOp {

    private final int axis;
    private final int[] starts;

    public AxisScatter(int axis, int... starts) {
        super("axis_scatter", -1);
        this.axis = axis;
        this.starts = starts.clone();
    }

    public int axis() {
        return axis;
    }

    /** The start of each source, in input order. */
    public int[] starts() {
        return starts.clone();
    }

    @Override
    public String attributes() {
        return "axis=" + axis + ", starts=" + Arrays.toString(starts);
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        if (in.length != starts.length + 1) {
            throw ctx.error("needs like and " + starts.length + " source(s), got " + in.length + " input(s)");
        }
        Shape like = in[0].shape();
        int a = ctx.axis(axis, like.rank());
        DType t = null;
        for (int k = 1; k < in.length; k++) {
            ctx.requireFloating(in, k);
            if (t != null && in[k].dtype() != t) {
                throw ctx.error("sources differ in dtype: " + t + " and " + in[k]);
            }
            t = in[k].dtype();
            Shape s = in[k].shape();
            int extent = extent(ctx, like, a, s, k);
            int dim = like.dim(a);
            if (dim != Shape.UNKNOWN && extent != Shape.UNKNOWN) {
                int b = starts[k - 1] < 0 ? starts[k - 1] + dim : starts[k - 1];
                if (b < 0 || b + extent > dim) {
                    throw ctx.error("source " + (k - 1) + " " + s + " at " + starts[k - 1] + " does not fit axis " + a
                            + " of " + like);
                }
            }
        }
        return new TensorType(t, like);
    }

    /** The extent of source k along the axis, checking its other dimensions against like. */
    private static int extent(OpContext ctx, Shape like, int a, Shape s, int k) {
        boolean squeezed = s.rank() == like.rank() - 1;
        if (!squeezed && s.rank() != like.rank()) {
            throw ctx.error("source " + (k - 1) + " " + s + " must have the rank of " + like + " or one less");
        }
        for (int d = 0, j = 0; d < like.rank(); d++) {
            if (d == a && squeezed) {
                continue;
            }
            int sd = s.dim(j++);
            if (d != a && sd != Shape.UNKNOWN && like.dim(d) != Shape.UNKNOWN && sd != like.dim(d)) {
                throw ctx.error("source " + (k - 1) + " " + s + " does not match " + like + " off axis " + a);
            }
        }
        return squeezed ? 1 : s.dim(a);
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape like = ctx.outputShape();
        int a = axis < 0 ? axis + like.rank() : axis;
        int outer = 1;
        int inner = 1;
        for (int d = 0; d < a; d++) {
            outer *= like.dim(d);
        }
        for (int d = a + 1; d < like.rank(); d++) {
            inner *= like.dim(d);
        }
        int dim = like.dim(a);
        int n = starts.length;
        int[] begin = new int[n];
        int[] extent = new int[n];
        for (int k = 0; k < n; k++) {
            begin[k] = starts[k] < 0 ? starts[k] + dim : starts[k];
            Shape s = ctx.inputShape(k + 1);
            extent[k] = s.rank() == like.rank() ? s.dim(a) : 1;
        }
        int rows = outer;
        int cols = inner;
        return (in, out, run) -> {
            out.fill(0);
            for (int k = 0; k < n; k++) {
                add(in[k + 1], out, rows, dim, cols, begin[k], extent[k]);
            }
        };
    }

    /** {@code out[o, begin + j, i] += src[o, j, i]} for an [outer, extent, inner] source. */
    private static void add(Tensor src, Tensor out, int outer, int dim, int inner, int begin, int extent) {
        int block = extent * inner;
        if (out.dtype() == DType.F32) {
            float[] s = src.floats();
            float[] y = out.floats();
            for (int o = 0; o < outer; o++) {
                int to = (o * dim + begin) * inner;
                int from = o * block;
                for (int i = 0; i < block; i++) {
                    y[to + i] += s[from + i];
                }
            }
        } else {
            double[] s = src.doubles();
            double[] y = out.doubles();
            for (int o = 0; o < outer; o++) {
                int to = (o * dim + begin) * inner;
                int from = o * block;
                for (int i = 0; i < block; i++) {
                    y[to + i] += s[from + i];
                }
            }
        }
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = ops(node);
        List<Grad> grads = new ArrayList<>(node.inputCount());
        grads.add(Grad.none());
        for (int k = 0; k < starts.length; k++) {
            grads.add(Grad.of(o.apply(new AxisSlice(axis, starts[k]), g, node.input(k + 1))));
        }
        return grads;
    }
}
