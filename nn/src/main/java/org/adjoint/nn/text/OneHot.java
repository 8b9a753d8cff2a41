package org.adjoint.nn.text;

import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;

/**
 * One-hot encoding: index k of a vocabulary of size V becomes a row of V zeros with a 1 at k.
 * (Inside a graph, {@code Ops.oneHot(indices, depth, dtype)} does the same; an Embedding layer
 * is the learned, dense alternative.)
 */
public final class OneHot {

    private OneHot() {
    }

    /** Rows [n, depth] for n indices. */
    public static Tensor encode(int[] indices, int depth, DType dtype) {
        return encode(indices, Shape.of(indices.length), depth, dtype);
    }

    /** [batch, time, depth] for I32 indices [batch, time] (or any shape S: S + [depth]). */
    public static Tensor encode(Tensor indices, int depth, DType dtype) {
        if (indices.dtype() != DType.I32) {
            throw new IllegalArgumentException("one_hot: indices must be i32, got " + indices.type());
        }
        return encode(indices.ints(), indices.shape(), depth, dtype);
    }

    private static Tensor encode(int[] ix, Shape shape, int depth, DType dtype) {
        if (depth < 1) {
            throw new IllegalArgumentException("one_hot: depth must be >= 1, got depth=" + depth);
        }
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("one_hot: dtype must be f32 or f64, got " + dtype);
        }
        int[] dims = new int[shape.rank() + 1];
        System.arraycopy(shape.dims(), 0, dims, 0, shape.rank());
        dims[shape.rank()] = depth;
        Tensor out = Tensor.zeros(dtype, Shape.of(dims));
        for (int i = 0; i < ix.length; i++) {
            if (ix[i] < 0 || ix[i] >= depth) {
                throw new IllegalArgumentException("one_hot: index " + ix[i] + " at position " + i
                        + " is out of range [0, " + depth + ")");
            }
            out.setDouble(i * depth + ix[i], 1.0);
        }
        return out;
    }
}
