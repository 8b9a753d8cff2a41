package org.adjoint.ops.reduce;

import org.adjoint.ops.internal.Reduce;
import java.util.Arrays;
import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;

/**
 * The number of elements a reduction over {@code axes} (all if none) combines, as a scalar of the
 * input's dtype, read from the input's run-time shape (values are not read). Mean is
 * {@code sum(x) / reduced_size(x)}, correct when the batch is only known at run time. No gradient.
 */
public final class ReducedSize implements Op {

    private final int[] axes;

    public ReducedSize(int[] axes) {
        this.axes = axes == null ? new int[0] : axes.clone();
    }

    @Override
    public String name() {
        return "reduced_size";
    }

    @Override
    public String attributes() {
        return "axes=" + (axes.length == 0 ? "all" : Arrays.toString(axes));
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        Reduce.normalize(ctx, axes, in[0].shape().rank());
        return new TensorType(in[0].dtype(), Shape.scalar());
    }

    @Override
    public void forward(Tensor[] in, Tensor out) {
        Shape s = in[0].shape();
        long n = 1;
        for (int a : Reduce.normalize(new OpContext(name(), "?"), axes, s.rank())) {
            n *= s.dim(a);
        }
        out.setDouble(0, n);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.none());
    }
}
