package org.adjoint.ops.shape;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.AbstractOp;
import org.adjoint.ops.internal.Blocks;

/**
 * Row lookup (embeddings): {@code y[p, ...] = table[indices[p], ...]} for a table of shape
 * {@code [V, ...]} and i32 or i64 indices of any shape; the output shape is
 * {@code indices.shape ++ table.shape[1:]}. {@code dtable = scatter_add(g, indices, table)}
 * (rows of g summed into a zero table, in index order: deterministic); no gradient to the indices.
 * An index outside {@code [0, V)} throws an {@link IllegalArgumentException} when the plan runs.
 */
public final class Gather extends AbstractOp {

    public Gather() {
        super("gather", 2);
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        Shape table = in[0].shape();
        if (table.rank() == 0) {
            throw ctx.error("input 0 (the table) must have rank >= 1, got shape " + table);
        }
        RowIndex.requireIndices(in, ctx, 1, "the indices");
        return new TensorType(in[0].dtype(), RowIndex.gatheredShape(in[1].shape(), table));
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape table = ctx.inputShape(0);
        Shape indices = ctx.inputShape(1);
        int vocab = table.dim(0);
        int row = vocab == 0 ? 0 : table.size() / vocab;
        int count = indices.size();
        return (in, out, run) -> {
            Tensor idx = in[1];
            Object src = Blocks.array(in[0]);
            Object dst = Blocks.array(out);
            for (int p = 0; p < count; p++) {
                int r = RowIndex.check(idx, p, indices, vocab);
                System.arraycopy(src, r * row, dst, p * row, row);
            }
        };
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(ops(node).scatterAdd(g, node.input(1), node.input(0))), Grad.none());
    }
}
