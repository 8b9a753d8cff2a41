package org.adjoint.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packing for the F32 GEMM: copies a block of op(A) or op(B) into the contiguous, zero-padded
 * micro-panel layout {@link SgemmMicroKernel} streams through. Both transpositions are handled
 * here, so the micro-kernel is one.
 */
final class SgemmPack {

    private static final VectorSpecies<Float> S = SgemmMicroKernel.S;
    private static final int MR = SgemmMicroKernel.MR;
    private static final int NR = SgemmMicroKernel.NR;

    private SgemmPack() {
    }

    /**
     * Packs rows {@code [i0, i0+mc)} and columns {@code [p0, p0+kc)} of op(A) into {@code dst}:
     * micro-panel {@code r} (rows {@code i0 + r*MR ...}) starts at {@code r*MR*kc} and holds
     * element (row, p) at {@code p*MR + row}. Rows past {@code mc} are zero. Modifies {@code dst}.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int p0, int mc, int kc, float[] dst) {
        int d = 0;
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            if (transA) {
                // A^T is stored (k, m): for each p the MR rows of op(A) are contiguous
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (p0 + p) * lda + i0 + ir;
                    int o = d + p * MR;
                    for (int r = 0; r < rows; r++) {
                        dst[o + r] = a[src + r];
                    }
                    for (int r = rows; r < MR; r++) {
                        dst[o + r] = 0f;
                    }
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i0 + ir + r) * lda + p0;
                    for (int p = 0; p < kc; p++) {
                        dst[d + p * MR + r] = a[src + p];
                    }
                }
                for (int r = rows; r < MR; r++) {
                    for (int p = 0; p < kc; p++) {
                        dst[d + p * MR + r] = 0f;
                    }
                }
            }
            d += MR * kc;
        }
    }

    /**
     * Packs rows {@code [p0, p0+kc)} and columns {@code [j0, j0+nc)} of op(B) into {@code dst}:
     * micro-panel {@code s} (columns {@code j0 + s*NR ...}) starts at {@code s*NR*kc} and holds
     * element (p, col) at {@code p*NR + col}. Columns past {@code nc} are zero. Modifies
     * {@code dst}.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int j0, int kc, int nc, float[] dst) {
        int d = 0;
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            if (transB) {
                // B^T is stored (n, k): each column of op(B) is a contiguous row of b
                for (int col = 0; col < cols; col++) {
                    int src = bOff + (j0 + jr + col) * ldb + p0;
                    for (int p = 0; p < kc; p++) {
                        dst[d + p * NR + col] = b[src + p];
                    }
                }
                for (int col = cols; col < NR; col++) {
                    for (int p = 0; p < kc; p++) {
                        dst[d + p * NR + col] = 0f;
                    }
                }
            } else if (cols == NR) {
                // vector loop: NR contiguous values per p
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (p0 + p) * ldb + j0 + jr;
                    for (int v = 0; v < NR; v += S.length()) {
                        FloatVector.fromArray(S, b, src + v).intoArray(dst, d + p * NR + v);
                    }
                }
            } else {
                // tail: the last, partial micro-panel
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (p0 + p) * ldb + j0 + jr;
                    int o = d + p * NR;
                    for (int col = 0; col < cols; col++) {
                        dst[o + col] = b[src + col];
                    }
                    for (int col = cols; col < NR; col++) {
                        dst[o + col] = 0f;
                    }
                }
            }
            d += NR * kc;
        }
    }
}
