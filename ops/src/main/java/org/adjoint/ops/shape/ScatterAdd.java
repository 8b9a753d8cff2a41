package org.adjoint.ops.shape;

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

/**
 * The gradient of {@link Gather}: inputs (g, indices, table), output of the table's run-time
 * type (its values are not read): zeros, then {@code out[indices[p], ...] += g[p, ...]} for p in
 * ascending order, so repeated indices accumulate and the sum order is fixed (deterministic).
 * {@code dg = gather(gg, indices)}; no gradient to the indices or the table.
 */
public final class ScatterAdd extends AbstractOp {

    public ScatterAdd() {
        super("scatter_add", 3);
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        RowIndex.requireIndices(in, ctx, 1, "the indices");
        Shape table = in[2].shape();
        if (table.rank() == 0 || in[0].dtype() != in[2].dtype()) {
            throw ctx.error("input 2 (the table) must be a " + in[0].dtype() + " tensor of rank >= 1, got " + in[2]);
        }
        Shape expected = RowIndex.gatheredShape(in[1].shape(), table);
        if (!expected.isCompatibleWith(in[0].shape())) {
            throw ctx.error("updates have shape " + in[0].shape() + ", expected " + expected + " for indices "
                    + in[1].shape() + " and table " + table);
        }
        return in[2];
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape indices = ctx.inputShape(1);
        int vocab = ctx.outputShape().dim(0);
        int row = vocab == 0 ? 0 : ctx.outputShape().size() / vocab;
        int count = indices.size();
        if (ctx.outputDType() == DType.F32) {
            return (in, out, run) -> {
                Tensor idx = in[1];
                float[] g = in[0].floats();
                float[] y = out.floats();
                java.util.Arrays.fill(y, 0f);
                for (int p = 0; p < count; p++) {
                    int r = RowIndex.check(idx, p, indices, vocab) * row;
                    for (int j = 0; j < row; j++) {
                        y[r + j] += g[p * row + j];
                    }
                }
            };
        }
        return (in, out, run) -> {
            Tensor idx = in[1];
            double[] g = in[0].doubles();
            double[] y = out.doubles();
            java.util.Arrays.fill(y, 0.0);
            for (int p = 0; p < count; p++) {
                int r = RowIndex.check(idx, p, indices, vocab) * row;
                for (int j = 0; j < row; j++) {
                    y[r + j] += g[p * row + j];
                }
            }
        };
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(ops(node).gather(g, node.input(1))), Grad.none(), Grad.none());
    }
}
