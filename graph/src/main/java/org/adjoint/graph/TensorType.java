package org.adjoint.graph;

/** The static type of a node or the concrete type of a tensor: element type plus shape. */
public record TensorType(DType dtype, Shape shape) {

    public static TensorType of(DType dtype, int... dims) {
        return new TensorType(dtype, Shape.of(dims));
    }

    @Override
    public String toString() {
        return dtype + shape.toString();
    }
}
