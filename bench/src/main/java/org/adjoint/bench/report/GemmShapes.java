package org.adjoint.bench.report;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Floating-point work of the GEMM benchmark's {@code shape} parameter, for GFLOP/s = 2mnk / time.
 * NOTE: mirrors the shapes of org.adjoint.bench.GemmShape (sqN, the MLP, LSTM and tiny-MLP GEMMs,
 * a batch of 64 products, and {@code <nn|nt|tn|tt><m>x<n>x<k>}); a new named shape needs a line
 * here to get a GFLOP/s figure.
 */
final class GemmShapes {

    /** Named non-square shapes: {m, n, k} or {m, n, k, batch}. */
    static final Map<String, int[]> NAMED = Map.ofEntries(
            Map.entry("mlp_nn", new int[] {128, 256, 784}),
            Map.entry("mlp_tn", new int[] {784, 256, 128}),
            Map.entry("mlp_nt", new int[] {128, 784, 256}),
            Map.entry("lstm_nn64", new int[] {32, 512, 64}),
            Map.entry("lstm_tn64", new int[] {64, 512, 32}),
            Map.entry("lstm_nt64", new int[] {32, 64, 512}),
            Map.entry("lstm_nn128", new int[] {32, 512, 128}),
            Map.entry("lstm_tn128", new int[] {128, 512, 32}),
            Map.entry("lstm_nt128", new int[] {32, 128, 512}),
            Map.entry("tiny_nn1", new int[] {64, 32, 64}),
            Map.entry("tiny_nn2", new int[] {64, 16, 32}),
            Map.entry("tiny_nn3", new int[] {64, 10, 16}),
            Map.entry("tiny_tn", new int[] {32, 16, 64}),
            Map.entry("tiny_nt", new int[] {64, 32, 16}),
            Map.entry("batch64", new int[] {32, 32, 64, 64}));

    private GemmShapes() {
    }

    /** {@code N} for a square shape {@code sqN}. */
    static OptionalInt squareSize(String shape) {
        if (shape != null && shape.matches("sq[0-9]{1,5}")) {
            return OptionalInt.of(Integer.parseInt(shape.substring(2)));
        }
        return OptionalInt.empty();
    }

    /** {m, n, k} of a shape written {@code <nn|nt|tn|tt><m>x<n>x<k>}, else null. */
    static int[] general(String shape) {
        if (shape == null || !shape.matches("[nt][nt][0-9]{1,5}x[0-9]{1,5}x[0-9]{1,5}")) {
            return null;
        }
        String[] d = shape.substring(2).split("x");
        return new int[] {Integer.parseInt(d[0]), Integer.parseInt(d[1]), Integer.parseInt(d[2])};
    }

    private static int[] named(String shape) {
        int[] d = NAMED.get(shape);
        return d != null ? d : general(shape);
    }

    /** {@code 2mnk} for a known shape. */
    static OptionalDouble flops(String shape) {
        OptionalInt sq = squareSize(shape);
        if (sq.isPresent()) {
            double n = sq.getAsInt();
            return OptionalDouble.of(2 * n * n * n);
        }
        int[] d = named(shape);
        return d == null ? OptionalDouble.empty()
                : OptionalDouble.of(2.0 * d[0] * d[1] * d[2] * (d.length > 3 ? d[3] : 1));
    }

    /** {@code m x n x k} text for the table. */
    static String dims(String shape) {
        OptionalInt sq = squareSize(shape);
        if (sq.isPresent()) {
            int n = sq.getAsInt();
            return n + "x" + n + "x" + n;
        }
        int[] d = named(shape);
        return d == null ? "?" : (d.length > 3 ? d[3] + " x " : "") + d[0] + "x" + d[1] + "x" + d[2];
    }

    /** GFLOP/s of {@code flops} in {@code us} microseconds. */
    static double gflops(double flops, double us) {
        return flops / us / 1e3;
    }
}
