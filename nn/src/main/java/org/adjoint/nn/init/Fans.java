package org.adjoint.nn.init;

import org.adjoint.graph.Shape;

/**
 * Fan-in and fan-out of a weight: the number of inputs and outputs each unit connects to. A dense
 * kernel [in, out] has (in, out); a convolution filter [F, C, KH, KW] has (C·KH·KW, F·KH·KW).
 */
public record Fans(int in, int out) {

    public Fans {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("fans must be >= 1, got in=" + in + ", out=" + out);
        }
    }

    /**
     * Fans read from a shape: rank 0 → (1, 1); rank 1 → (n, n); rank 2 [in, out]; rank ≥ 3 as a
     * convolution filter [F, C, k...] → (C·k, F·k).
     */
    public static Fans of(Shape shape) {
        switch (shape.rank()) {
            case 0:
                return new Fans(1, 1);
            case 1:
                return new Fans(Math.max(1, shape.dim(0)), Math.max(1, shape.dim(0)));
            case 2:
                return new Fans(Math.max(1, shape.dim(0)), Math.max(1, shape.dim(1)));
            default:
                int receptive = 1;
                for (int i = 2; i < shape.rank(); i++) {
                    receptive *= shape.dim(i);
                }
                return new Fans(Math.max(1, shape.dim(1) * receptive), Math.max(1, shape.dim(0) * receptive));
        }
    }
}
