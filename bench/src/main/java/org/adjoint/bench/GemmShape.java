package org.adjoint.bench;

import java.util.Random;

/**
 * The GEMM problems of {@link GemmBench} and {@link DgemmBench}, by name: {@code sqN} (N x N
 * times N x N); the three GEMMs of a 784-256 MLP layer at batch 128 ({@code mlp_nn} forward
 * X*W, {@code mlp_tn} weight gradient X^T*dY, {@code mlp_nt} input gradient dY*W^T); the gate
 * GEMMs of an LSTM step at batch 32 with 64 inputs or 128 hidden units and 4*128 gates
 * ({@code lstm_nn64/tn64/nt64}, {@code lstm_nn128/tn128/nt128}); the GEMMs of a 64-32-16-10 MLP
 * at batch 64 ({@code tiny_*}); {@code batch64}, 64 independent 32x32x64 products; and any
 * single product as {@code <nn|nt|tn|tt><m>x<n>x<k>} (the letters say which of A and B are
 * transposed), e.g. {@code nt128x256x256}, the hidden-layer input gradient of the MLP above.
 * NOTE: bench/peer/gemm_peer.py, bench/peer/gemm_table.py and report/GemmShapes.java mirror
 * this table.
 */
final class GemmShape {

    final boolean transA;
    final boolean transB;
    final int m;
    final int n;
    final int k;
    final int batch;

    private GemmShape(boolean transA, boolean transB, int m, int n, int k, int batch) {
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.batch = batch;
    }

    /** {@code <nn|nt|tn|tt><m>x<n>x<k>}, sizes 1..99999. */
    private static final java.util.regex.Pattern GENERAL =
            java.util.regex.Pattern.compile("([nt][nt])([1-9][0-9]{0,4})x([1-9][0-9]{0,4})x([1-9][0-9]{0,4})");

    /** The problem called {@code name}; unknown names are refused. */
    static GemmShape of(String name) {
        switch (name) {
            case "mlp_nn": return new GemmShape(false, false, 128, 256, 784, 1);
            case "mlp_tn": return new GemmShape(true, false, 784, 256, 128, 1);
            case "mlp_nt": return new GemmShape(false, true, 128, 784, 256, 1);
            case "lstm_nn64": return new GemmShape(false, false, 32, 512, 64, 1);   // x * W_x
            case "lstm_tn64": return new GemmShape(true, false, 64, 512, 32, 1);    // dW_x = x^T * dGates
            case "lstm_nt64": return new GemmShape(false, true, 32, 64, 512, 1);    // dx = dGates * W_x^T
            case "lstm_nn128": return new GemmShape(false, false, 32, 512, 128, 1); // h * W_h
            case "lstm_tn128": return new GemmShape(true, false, 128, 512, 32, 1);
            case "lstm_nt128": return new GemmShape(false, true, 32, 128, 512, 1);
            case "tiny_nn1": return new GemmShape(false, false, 64, 32, 64, 1);     // layer 1
            case "tiny_nn2": return new GemmShape(false, false, 64, 16, 32, 1);     // layer 2
            case "tiny_nn3": return new GemmShape(false, false, 64, 10, 16, 1);     // layer 3
            case "tiny_tn": return new GemmShape(true, false, 32, 16, 64, 1);       // layer 2's weight gradient
            case "tiny_nt": return new GemmShape(false, true, 64, 32, 16, 1);       // layer 2's input gradient
            case "batch64": return new GemmShape(false, false, 32, 32, 64, 64);
            default:
                if (name.matches("sq[0-9]{1,4}")) {
                    int size = Integer.parseInt(name.substring(2));
                    return new GemmShape(false, false, size, size, size, 1);
                }
                java.util.regex.Matcher g = GENERAL.matcher(name);
                if (g.matches()) {
                    return new GemmShape(g.group(1).charAt(0) == 't', g.group(1).charAt(1) == 't',
                            Integer.parseInt(g.group(2)), Integer.parseInt(g.group(3)), Integer.parseInt(g.group(4)), 1);
                }
                throw new IllegalArgumentException("unknown GEMM shape '" + name + "'");
        }
    }

    int lda() {
        return transA ? m : k;
    }

    int ldb() {
        return transB ? k : n;
    }

    /** {@code size} values uniform in [-0.5, 0.5) from {@code rnd}. */
    static float[] random(Random rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = rnd.nextFloat() - 0.5f;
        }
        return x;
    }
}
