package org.adjoint.ops.shape;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.Ops;

/**
 * The gradient of {@link Gather}: inputs (g, indices, table), output of the table's run-time
 * type (its values are not read): zeros, then {@code out[indices[p], ...] += g[p, ...]} for p in
 * ascending order, so repeated indices accumulate and the sum order is fixed (deterministic).
 * {@code dg = gather(gg, indices)}; no gradient to the indices or the table.
 */
public final class ScatterAdd implements Op {

    private final RowIndex rows = new RowIndex("scatter_add");

    @Override
    public String name() {
        return "scatter_add";
    }

    @Override
    public int arity() {
        return 3;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        rows.remember(ctx);
        ctx.requireFloating(in, 0);
        if (in[1].dtype() != DType.I32) {
            throw ctx.error("input 1 (the indices) must be i32, got " + in[1]);
        }
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
    public void forward(Tensor[] in, Tensor out) {
        int[] idx = in[1].ints();
        int vocab = out.shape().dim(0);
        int row = vocab == 0 ? 0 : out.size() / vocab;
        out.fill(0);
        if (out.dtype() == DType.F32) {
            float[] g = in[0].floats();
            float[] y = out.floats();
            for (int p = 0; p < idx.length; p++) {
                int r = rows.check(idx, p, in[1].shape(), vocab) * row;
                for (int j = 0; j < row; j++) {
                    y[r + j] += g[p * row + j];
                }
            }
        } else {
            double[] g = in[0].doubles();
            double[] y = out.doubles();
            for (int p = 0; p < idx.length; p++) {
                int r = rows.check(idx, p, in[1].shape(), vocab) * row;
                for (int j = 0; j < row; j++) {
                    y[r + j] += g[p * row + j];
                }
            }
        }
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(Ops.on(node.graph()).gather(g, node.input(1))), Grad.none(), Grad.none());
    }
}
