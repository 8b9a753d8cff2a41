package org.adjoint.graph;

/**
 * A shape or dtype mismatch, thrown when a node is built (or a plan compiled for concrete feed
 * shapes). The message names the op, the node, the input and every shape involved, e.g.
 * {@code matmul 'logits': inner dimensions differ: [32, 128] x [64, 10] (128 != 64)}.
 */
public class ShapeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ShapeException(String message) {
        super(message);
    }

    public ShapeException(String message, Throwable cause) {
        super(message, cause);
    }
}
