package org.adjoint.ops.reduce;

import java.util.Arrays;
import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.AbstractOp;
import org.adjoint.ops.internal.Reduce;

/**
 * The number of elements a reduction over {@code axes} (all if none) combines, as a scalar of the
 * input's dtype, read from the input's run-time shape (values are not read; the count is fixed
 * when the plan is prepared). Mean is {@code sum(x) / reduced_size(x)}, correct when the batch is
 * only known at run time. No gradient.
 */
public final class ReducedSize extends AbstractOp {

    private final int[] axes;
    private final DType dtype;

    /** The count in the input's (floating) dtype. */
    public ReducedSize(int[] axes) {
        this(axes, null);
    }

    /** The count as a scalar of the floating {@code dtype}, for an input of any dtype (null: the input's). */
    public ReducedSize(int[] axes, DType dtype) {
        super("reduced_size", 1);
        if (dtype != null && !dtype.isFloating()) {
            throw new IllegalArgumentException("reduced_size: dtype must be f32 or f64, got " + dtype);
        }
        this.axes = axes == null ? new int[0] : axes.clone();
        this.dtype = dtype;
    }

    @Override
    public String attributes() {
        return "axes=" + (axes.length == 0 ? "all" : Arrays.toString(axes)) + (dtype == null ? "" : ", dtype=" + dtype);
    }

    /** An F32 count becomes F64 when the graph is widened for gradient checking. */
    @Override
    public Op widenedToF64() {
        return dtype == DType.F32 ? new ReducedSize(axes, DType.F64) : this;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        if (dtype == null) {
            ctx.requireFloating(in, 0);
        }
        Reduce.normalize(ctx, axes, in[0].shape().rank());
        return new TensorType(dtype == null ? in[0].dtype() : dtype, Shape.scalar());
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape s = ctx.inputShape(0);
        double n = Reduce.count(s, Reduce.normalize(ctx, axes, s.rank()));
        return (in, out, run) -> out.setDouble(0, n);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.none());
    }
}
