package org.adjoint.ops.shape;

import org.adjoint.graph.OpContext;
import org.adjoint.graph.Shape;
import org.adjoint.ops.Ops;

/**
 * Index checking shared by the row-indexed ops (gather, scatter_add, one_hot), which can only see
 * bad indices when the plan runs. {@link org.adjoint.graph.Op#forward} does not know its node, so
 * the op remembers the node name its type rule was first called with.
 *
 * <p>NOTE: the builder makes one op instance per node, so the name is right; an instance shared
 * by several nodes (via {@code Ops.apply}) reports the first node's name.
 */
final class RowIndex {

    private final String op;
    private volatile String node;

    RowIndex(String op) {
        this.op = op;
    }

    void remember(OpContext ctx) {
        if (node == null) {
            node = ctx.nodeName();
        }
    }

    /** {@code indices.shape ++ table.shape[1:]}. */
    static Shape gatheredShape(Shape indices, Shape table) {
        int[] dims = new int[indices.rank() + table.rank() - 1];
        for (int d = 0; d < indices.rank(); d++) {
            dims[d] = indices.dim(d);
        }
        for (int d = 1; d < table.rank(); d++) {
            dims[indices.rank() + d - 1] = table.dim(d);
        }
        return Shape.of(dims);
    }

    /** {@code idx[p]}, or an {@link IllegalArgumentException} naming op, node, value, position and range. */
    int check(int[] idx, int p, Shape shape, int limit) {
        int v = idx[p];
        if (v < 0 || v >= limit) {
            int[] at = new int[shape.rank()];
            int flat = p;
            for (int d = shape.rank() - 1; d >= 0; d--) {
                at[d] = flat % shape.dim(d);
                flat /= shape.dim(d);
            }
            throw new IllegalArgumentException(op + " '" + (node == null ? "?" : node) + "': index " + v
                    + " at position " + java.util.Arrays.toString(at) + " is out of range [0, " + limit + ")");
        }
        return v;
    }
}
