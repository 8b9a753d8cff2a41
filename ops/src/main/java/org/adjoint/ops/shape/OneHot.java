package org.adjoint.ops.shape;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.AbstractOp;

/**
 * One-hot encoding: i32 or i64 indices of any shape to {@code indices.shape ++ [depth]} in f32 or f64,
 * 1 at {@code [..., indices[...]]} and 0 elsewhere. An index outside {@code [0, depth)} throws an
 * {@link IllegalArgumentException} when the plan runs (no silent all-zero rows). No gradient.
 */
public final class OneHot extends AbstractOp {

    private final int depth;
    private final DType dtype;

    public OneHot(int depth, DType dtype) {
        super("one_hot", 1);
        if (depth < 1) {
            throw new IllegalArgumentException("one_hot: depth must be >= 1, got " + depth);
        }
        if (dtype == null || !dtype.isFloating()) {
            throw new IllegalArgumentException("one_hot: dtype must be f32 or f64, got " + dtype);
        }
        this.depth = depth;
        this.dtype = dtype;
    }

    /** F32 one-hot rows become F64 when the graph is widened for gradient checking. */
    @Override
    public Op widenedToF64() {
        return dtype == DType.F32 ? new OneHot(depth, DType.F64) : this;
    }

    @Override
    public String attributes() {
        return "depth=" + depth + ", dtype=" + dtype;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        RowIndex.requireIndices(in, ctx, 0, "the indices");
        Shape s = in[0].shape();
        int[] dims = new int[s.rank() + 1];
        for (int d = 0; d < s.rank(); d++) {
            dims[d] = s.dim(d);
        }
        dims[s.rank()] = depth;
        return new TensorType(dtype, Shape.of(dims));
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape indices = ctx.inputShape(0);
        int count = indices.size();
        return (in, out, run) -> {
            Tensor idx = in[0];
            out.fill(0);
            for (int p = 0; p < count; p++) {
                out.setDouble(p * depth + RowIndex.check(idx, p, indices, depth), 1.0);
            }
        };
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.none());
    }
}
