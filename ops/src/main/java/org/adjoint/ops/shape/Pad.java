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
 * Constant padding: along axis d, {@code before[d]} elements before and {@code after[d]} after,
 * all equal to {@code value}. {@code dx = slice(g, [before, dim + before))} (the inner block);
 * the pad value is an attribute and gets no gradient.
 */
public final class Pad extends AbstractOp {

    private final int[] before;
    private final int[] after;
    private final double value;

    public Pad(int[] before, int[] after, double value) {
        super("pad", 1);
        if (before.length != after.length) {
            throw new IllegalArgumentException("pad: before " + Arrays.toString(before) + " and after "
                    + Arrays.toString(after) + " have different lengths");
        }
        this.before = before.clone();
        this.after = after.clone();
        this.value = value;
    }

    @Override
    public String attributes() {
        return "before=" + Arrays.toString(before) + ", after=" + Arrays.toString(after) + ", value=" + value;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        Shape s = in[0].shape();
        if (before.length != s.rank()) {
            throw ctx.error("padding for " + before.length + " axes, input has shape " + s);
        }
        int[] dims = new int[s.rank()];
        for (int d = 0; d < dims.length; d++) {
            if (before[d] < 0 || after[d] < 0) {
                throw ctx.error("axis " + d + ": negative padding (" + before[d] + ", " + after[d] + ")");
            }
            dims[d] = s.dim(d) == Shape.UNKNOWN ? Shape.UNKNOWN : s.dim(d) + before[d] + after[d];
        }
        return new TensorType(in[0].dtype(), Shape.of(dims));
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape x = ctx.inputShape(0);
        Blocks block = new Blocks(ctx, x, new int[before.length], ctx.outputShape(), before, x.dims());
        return (in, out, run) -> {
            out.fill(value);
            block.copy(in[0], out, run);
        };
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        int[] end = new int[after.length];
        for (int d = 0; d < end.length; d++) {
            end[d] = after[d] == 0 ? Slice.END : -after[d];
        }
        return List.of(Grad.of(ops(node).sliceRange(g, before, end)));
    }
}
