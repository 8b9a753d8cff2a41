package org.adjoint.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packing for the F32 GEMM. The vector operand is copied into the contiguous, zero-padded
 * micro-panels a {@link GemmKernelF32} streams through; the broadcast operand is read in place,
 * except for a last, partial micro-panel of rows, which is copied with zero rows below it.
 * Panels are numbered, so that the members of a team can each pack a range of them into one
 * shared buffer.
 */
final class GemmPackF32 {

    private static final VectorSpecies<Float> S = VectorWidth.F32;
    private static final int L = S.length();

    private GemmPackF32() {
    }

    /**
     * Packs micro-panels {@code [from, to)} of the {@code kc x nc} block at ({@code p0},
     * {@code j0}) of the vector operand X into {@code dst}: micro-panel {@code s} (columns
     * {@code j0 + s*nr ...}) starts at {@code (s - first)*nr*kc} and holds X(p, col) at
     * {@code p*nr + col}; columns past {@code nc} are zero. X(p, j) is
     * {@code x[off + p*ld + j]} when {@code rowMajor}, else {@code x[off + j*ld + p]} (a
     * transposed operand). Modifies {@code dst}.
     */
    /**
     * Side of the square blocks in which the rest of a transposed operand is copied element by
     * element: one 64-byte cache line of floats. NOTE: copied a row of the panel at a time, the
     * {@code nr} rows of x it reads from (a multiple of 1 KiB apart in the MLP's 256-wide
     * weights) map onto a few L1 sets and evict each other before the next row of the panel
     * reuses them.
     */
    private static final int TB = 16;

    static void packVectorSide(boolean rowMajor, float[] x, int off, int ld, int p0, int j0, int kc, int nc, int nr,
                               int from, int to, float[] dst, int first) {
        for (int panel = from; panel < to; panel++) {
            int jr = panel * nr;
            int d = (panel - first) * nr * kc;
            int cols = Math.min(nr, nc - jr);
            if (!rowMajor) {
                // X(p, j) = x[j*ld + p]: L x L blocks transposed in registers, then the rest
                // element by element in TB x TB blocks (so that a block reads TB cache lines
                // along x's rows and writes TB lines of dst)
                int src = off + (j0 + jr) * ld + p0;
                int pFull = cols == nr && GemmTransposeF32.IN_REGISTERS ? kc / L * L : 0;
                for (int pb = 0; pb < pFull; pb += L) {
                    for (int cb = 0; cb < nr; cb += L) {
                        GemmTransposeF32.block(x, src + cb * ld + pb, ld, dst, d + pb * nr + cb, nr);
                    }
                }
                for (int pb = pFull; pb < kc; pb += TB) {
                    int pe = Math.min(kc, pb + TB);
                    for (int cb = 0; cb < cols; cb += TB) {
                        int ce = Math.min(cols, cb + TB);
                        for (int col = cb; col < ce; col++) {
                            int row = src + col * ld;
                            for (int p = pb; p < pe; p++) {
                                dst[d + p * nr + col] = x[row + p];
                            }
                        }
                    }
                    for (int p = pb; p < pe; p++) {
                        for (int col = cols; col < nr; col++) {
                            dst[d + p * nr + col] = 0f;
                        }
                    }
                }
            } else if (cols == nr) {
                // vector loop: nr contiguous values per p
                for (int p = 0; p < kc; p++) {
                    int src = off + (p0 + p) * ld + j0 + jr;
                    int o = d + p * nr;
                    for (int v = 0; v < nr; v += L) {
                        FloatVector.fromArray(S, x, src + v).intoArray(dst, o + v);
                    }
                }
            } else {
                // tail: the last, partial micro-panel
                for (int p = 0; p < kc; p++) {
                    int src = off + (p0 + p) * ld + j0 + jr;
                    int o = d + p * nr;
                    for (int col = 0; col < cols; col++) {
                        dst[o + col] = x[src + col];
                    }
                    for (int col = cols; col < nr; col++) {
                        dst[o + col] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Copies a partial micro-panel of the broadcast operand, {@code rows < mr} rows by
     * {@code kc}, element (r, p) from {@code a[ai + r*rs + p*ps]}, to {@code dst[p*mr + r]},
     * with zeros for rows {@code rows..mr-1}. Modifies {@code dst}.
     */
    static void packEdgeRows(float[] a, int ai, int rs, int ps, int rows, int kc, int mr, float[] dst) {
        for (int p = 0; p < kc; p++) {
            int o = p * mr;
            for (int r = 0; r < rows; r++) {
                dst[o + r] = a[ai + r * rs + p * ps];
            }
            for (int r = rows; r < mr; r++) {
                dst[o + r] = 0f;
            }
        }
    }

    /**
     * Copies the {@code rows x kc} block X(i, p) = {@code x[off + i*rs + p*ps]} to
     * {@code dst[i*drs + p*dps]}, where either {@code ps == dps == 1} (rows copied) or
     * {@code rs == drs == 1} (columns copied). Modifies {@code dst}.
     */
    static void copyBlock(float[] x, int off, int rs, int ps, int rows, int kc, float[] dst, int drs, int dps) {
        if (ps == 1) {
            for (int i = 0; i < rows; i++) {
                System.arraycopy(x, off + i * rs, dst, i * drs, kc);
            }
        } else {
            assert rs == 1 && drs == 1;
            for (int p = 0; p < kc; p++) {
                System.arraycopy(x, off + p * ps, dst, p * dps, rows);
            }
        }
    }
}
