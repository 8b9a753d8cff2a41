package org.adjoint.bench.report;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Floating-point work of the GEMM benchmark's {@code shape} parameter, for GFLOP/s = 2mnk / time.
 * NOTE: mirrors the shapes declared in GemmBench (sqN, and the three GEMMs of a 784-256 layer at
 * batch 128); a new named shape needs a line here to get a GFLOP/s figure.
 */
final class GemmShapes {

    /** Named non-square shapes: {m, n, k}. */
    static final Map<String, int[]> NAMED = Map.of(
            "mlp_nn", new int[] {128, 256, 784},
            "mlp_tn", new int[] {784, 256, 128},
            "mlp_nt", new int[] {128, 784, 256});

    private GemmShapes() {
    }

    /** {@code N} for a square shape {@code sqN}. */
    static OptionalInt squareSize(String shape) {
        if (shape != null && shape.matches("sq[0-9]{1,5}")) {
            return OptionalInt.of(Integer.parseInt(shape.substring(2)));
        }
        return OptionalInt.empty();
    }

    /** {@code 2mnk} for a known shape. */
    static OptionalDouble flops(String shape) {
        OptionalInt sq = squareSize(shape);
        if (sq.isPresent()) {
            double n = sq.getAsInt();
            return OptionalDouble.of(2 * n * n * n);
        }
        int[] d = NAMED.get(shape);
        return d == null ? OptionalDouble.empty() : OptionalDouble.of(2.0 * d[0] * d[1] * d[2]);
    }

    /** {@code m x n x k} text for the table. */
    static String dims(String shape) {
        OptionalInt sq = squareSize(shape);
        if (sq.isPresent()) {
            int n = sq.getAsInt();
            return n + "x" + n + "x" + n;
        }
        int[] d = NAMED.get(shape);
        return d == null ? "?" : d[0] + "x" + d[1] + "x" + d[2];
    }

    /** GFLOP/s of {@code flops} in {@code us} microseconds. */
    static double gflops(double flops, double us) {
        return flops / us / 1e3;
    }
}
