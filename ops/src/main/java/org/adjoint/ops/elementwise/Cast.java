package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.AbstractOp;
import org.adjoint.ops.internal.Blocks;

/**
 * Converts elements to {@code target}: f32 &lt;-&gt; f64 (rounding to nearest), an integer to f32/f64
 * (exact up to 2^24 for f32, 2^53 for f64), i32 &lt;-&gt; i64 (i64 to i32 fails the run naming a value
 * that does not fit), or the identity. Float to integer is refused (truncation is rarely what is
 * meant; round explicitly first). {@code dx = cast(g, dtype of x)}; an integer input gets no
 * gradient.
 */
public final class Cast extends AbstractOp {

    private final DType target;

    public Cast(DType target) {
        super("cast", 1);
        if (target == null) {
            throw new IllegalArgumentException("cast: target dtype is null");
        }
        this.target = target;
    }

    public DType target() {
        return target;
    }

    /** A cast to F32 becomes a cast to F64 when the graph is widened for gradient checking. */
    @Override
    public Op widenedToF64() {
        return target == DType.F32 ? new Cast(DType.F64) : this;
    }

    @Override
    public String attributes() {
        return "to=" + target;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        if (in[0].dtype().isFloating() && !target.isFloating()) {
            throw ctx.error("cannot cast " + in[0] + " to " + target + " (float to int is not supported)");
        }
        return new TensorType(target, in[0].shape());
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        DType source = ctx.input(0).dtype();
        if (source == target) {
            return (in, out, run) -> Blocks.copyAll(in[0], out);
        }
        switch (target) {
            case F32:
                return (in, out, run) -> {
                    float[] y = out.floats();
                    Tensor x = in[0];
                    for (int i = 0; i < y.length; i++) {
                        y[i] = (float) x.getDouble(i);
                    }
                };
            case F64:
                return (in, out, run) -> {
                    double[] y = out.doubles();
                    Tensor x = in[0];
                    for (int i = 0; i < y.length; i++) {
                        y[i] = x.getDouble(i);
                    }
                };
            case I64:
                return (in, out, run) -> {
                    long[] y = out.longs();
                    int[] x = in[0].ints();
                    for (int i = 0; i < y.length; i++) {
                        y[i] = x[i];
                    }
                };
            default:
                return (in, out, run) -> {
                    int[] y = out.ints();
                    long[] x = in[0].longs();
                    for (int i = 0; i < y.length; i++) {
                        if ((int) x[i] != x[i]) {
                            throw new IllegalArgumentException("value " + x[i] + " at flat index " + i
                                    + " does not fit i32");
                        }
                        y[i] = (int) x[i];
                    }
                };
        }
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        DType source = node.input(0).dtype();
        if (!source.isFloating()) {
            return List.of(Grad.none());
        }
        return List.of(Grad.of(ops(node).cast(g, source)));
    }
}
