package org.adjoint.ops.shape;

import org.adjoint.graph.OpContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;

/**
 * Index checking shared by the indexed ops (gather, scatter_add, one_hot), which can only see
 * bad indices when the plan runs. The message states the index, its position and the range; the
 * executor prefixes the op and node ({@code gather 'emb': index 7 at position [2] ...}).
 */
final class RowIndex {

    private RowIndex() {
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

    /** {@code idx[p]}, or an {@link IllegalArgumentException} naming the value, position and range. */
    static int check(Tensor idx, int p, Shape shape, int limit) {
        long v = idx.getLong(p);
        if (v < 0 || v >= limit) {
            throw outOfRange(v, p, shape, limit);
        }
        return (int) v;
    }

    /** Throws unless input {@code index} holds i32 or i64 indices. */
    static void requireIndices(TensorType[] in, OpContext ctx, int index, String what) {
        if (!in[index].dtype().isInteger()) {
            throw ctx.error("input " + index + " (" + what + ") must be i32 or i64, got " + in[index]);
        }
    }

    static IllegalArgumentException outOfRange(long v, int p, Shape shape, int limit) {
        int[] at = new int[shape.rank()];
        int flat = p;
        for (int d = shape.rank() - 1; d >= 0; d--) {
            at[d] = flat % shape.dim(d);
            flat /= shape.dim(d);
        }
        return new IllegalArgumentException("index " + v + " at position " + java.util.Arrays.toString(at)
                + " is out of range [0, " + limit + ")");
    }
}
