package org.adjoint.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The F32 register-tiled micro-kernel: an {@code MR x NR} = 6 x 16 tile of C held in 12
 * vector accumulators (256-bit vectors: 2 per row), updated by one broadcast of A and two
 * loads of B per row of the tile and per step of k. With the two B vectors and the broadcast
 * that is 15 of the 16 AVX2 registers.
 *
 * <p>For the tile: {@code C = alpha * (Apanel * Bpanel) + beta * C}, each sum accumulated in
 * index order with fused multiply-adds; the store is {@code fma(beta, C, alpha * acc)} for
 * full and edge tiles alike, so the bits of an element do not depend on where tile borders
 * fall. When {@code beta == 0} C is not read.
 */
final class SgemmMicroKernel {

    /** Species of the tile's columns: 2 vectors make NR. */
    static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    /** Rows of the register tile. */
    static final int MR = 6;
    /** Columns of the register tile. */
    static final int NR = 2 * S.length();

    private static final int L = S.length();

    private SgemmMicroKernel() {
    }

    /**
     * Multiplies a packed A micro-panel (kc x MR at {@code ap[ai]}) by a packed B micro-panel
     * (kc x NR at {@code bp[bi]}) into the {@code rows x cols} tile of C at {@code c[ci]}.
     * {@code tile} (MR*NR floats) is scratch. Modifies {@code c}, {@code tile}.
     */
    static void kernel(int kc, float[] ap, int ai, float[] bp, int bi,
                       float[] c, int ci, int ldc, float alpha, float beta,
                       int rows, int cols, float[] tile) {
        assert ap.length >= ai + kc * MR && bp.length >= bi + kc * NR;
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c51 = FloatVector.zero(S);
        // vector loop: one rank-1 update of the tile per step of k
        for (int p = 0; p < kc; p++) {
            int ao = ai + p * MR;
            int bo = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector a = FloatVector.broadcast(S, ap[ao]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, ap[ao + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, ap[ao + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        // the tile goes through L1-resident scratch: keeps this method small enough for C2 to
        // compile it whole, with no vector escaping into a call
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
        if (rows == MR && cols == NR) {
            store(tile, c, ci, ldc, alpha, beta);
        } else {
            storeEdge(tile, c, ci, ldc, alpha, beta, rows, cols);
        }
    }

    /** {@code C[row] = fma(beta, C[row], alpha * tile[row])} for a full tile; C not read when beta == 0. */
    private static void store(float[] tile, float[] c, int ci, int ldc, float alpha, float beta) {
        FloatVector alphaV = FloatVector.broadcast(S, alpha);
        FloatVector betaV = FloatVector.broadcast(S, beta);
        for (int r = 0; r < MR; r++) {
            int row = ci + r * ldc;
            // vector loop: NR = a whole number of vectors
            for (int j = 0; j < NR; j += L) {
                FloatVector v = FloatVector.fromArray(S, tile, r * NR + j).mul(alphaV);
                if (beta != 0f) {
                    v = FloatVector.fromArray(S, c, row + j).fma(betaV, v);
                }
                v.intoArray(c, row + j);
            }
        }
    }

    /** tail: the scalar twin of {@link #store} for a partial tile (same rounding). */
    private static void storeEdge(float[] tile, float[] c, int ci, int ldc, float alpha, float beta,
                                  int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int row = ci + r * ldc;
            for (int j = 0; j < cols; j++) {
                float v = alpha * tile[r * NR + j];
                c[row + j] = beta == 0f ? v : Math.fma(beta, c[row + j], v);
            }
        }
    }
}
