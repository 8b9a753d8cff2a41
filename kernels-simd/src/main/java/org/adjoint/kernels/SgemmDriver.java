package org.adjoint.kernels;

/**
 * The blocked F32 GEMM (Goto/BLIS loop order): for each NC-wide column block of C and each
 * KC-deep slice of k, pack op(B) (stays in L3, its micro-panels in L1); for each MC-high row
 * block pack op(A) (stays in L2); then run the micro-kernel over the MR x NR tiles.
 *
 * <p>{@code C = alpha * op(A) * op(B) + beta * C}; beta is applied with the first k slice,
 * later slices accumulate. The k slicing depends only on k, never on the thread split, so every
 * element of C sees the same operations in the same order for any thread count.
 */
final class SgemmDriver {

    static final int MR = SgemmMicroKernel.MR;
    static final int NR = SgemmMicroKernel.NR;
    /** Depth of a packed slice: a B micro-panel (KC*NR*4 = 16 KiB) fits in the 32 KiB L1d. */
    static final int KC = 256;
    /** Rows of a packed A block: MC*KC*4 = 144 KiB of the 512 KiB L2. */
    static final int MC = 144;
    /** Columns of a packed B slice: KC*NC*4 = 2 MiB of the shared 32 MiB L3. */
    static final int NC = 2048;

    /** Per-thread packing buffers, grown on demand and reused across calls. */
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private SgemmDriver() {
    }

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} with m, n, k &gt; 0, work split over
     * {@code threads} blocks of C (rows or columns, whichever is longer). Modifies {@code c}.
     */
    static void gemm(int threads, boolean transA, boolean transB, int m, int n, int k,
                     float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        boolean splitCols = n >= m;
        int units = splitCols ? ceilDiv(n, NR) : ceilDiv(m, MR);
        int parts = Math.min(threads, units);
        if (parts <= 1) {
            serial(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        Parallel.forEach(parts, parts, part -> {
            // block borders fall on multiples of the tile, so edge tiles stay at C's edge
            int lo = (int) ((long) units * part / parts);
            int hi = (int) ((long) units * (part + 1) / parts);
            if (splitCols) {
                int j0 = lo * NR;
                int j1 = Math.min(n, hi * NR);
                int bShift = transB ? j0 * ldb : j0;
                serial(transA, transB, m, j1 - j0, k, alpha, a, aOff, lda, b, bOff + bShift, ldb,
                        beta, c, cOff + j0, ldc);
            } else {
                int i0 = lo * MR;
                int i1 = Math.min(m, hi * MR);
                int aShift = transA ? i0 : i0 * lda;
                serial(transA, transB, i1 - i0, n, k, alpha, a, aOff + aShift, lda, b, bOff, ldb,
                        beta, c, cOff + i0 * ldc, ldc);
            }
        });
    }

    /** Single-threaded blocked GEMM on the calling thread. Modifies {@code c}. */
    static void serial(boolean transA, boolean transB, int m, int n, int k,
                       float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                       float beta, float[] c, int cOff, int ldc) {
        // k slices of equal depth (<= KC), so a k just above KC does not leave a sliver
        int slices = ceilDiv(k, KC);
        int kcMax = ceilDiv(k, slices);
        int ncMax = ceilDiv(Math.min(NC, n), NR) * NR;
        int mcMax = ceilDiv(Math.min(MC, m), MR) * MR;
        Buffers buf = BUFFERS.get();
        float[] packA = buf.a(mcMax * kcMax);
        float[] packB = buf.b(ncMax * kcMax);
        float[] tile = buf.tile;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int s = 0; s < slices; s++) {
                int pc = (int) ((long) k * s / slices);
                int kc = (int) ((long) k * (s + 1) / slices) - pc;
                float betaSlice = s == 0 ? beta : 1f;
                SgemmPack.packB(transB, b, bOff, ldb, pc, jc, kc, nc, packB);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    SgemmPack.packA(transA, a, aOff, lda, ic, pc, mc, kc, packA);
                    macroKernel(mc, nc, kc, alpha, betaSlice, packA, packB, tile, c, cOff + ic * ldc + jc, ldc);
                }
            }
        }
    }

    /** All MR x NR tiles of one packed (mc x kc) A block times one packed (kc x nc) B slice. */
    private static void macroKernel(int mc, int nc, int kc, float alpha, float beta,
                                    float[] packA, float[] packB, float[] tile,
                                    float[] c, int cOff, int ldc) {
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            for (int ir = 0; ir < mc; ir += MR) {
                int rows = Math.min(MR, mc - ir);
                SgemmMicroKernel.kernel(kc, packA, ir * kc, packB, jr * kc,
                        c, cOff + ir * ldc + jr, ldc, alpha, beta, rows, cols, tile);
            }
        }
    }

    static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    /** One thread's packing buffers. */
    private static final class Buffers {
        private float[] a = new float[0];
        private float[] b = new float[0];
        final float[] tile = new float[MR * NR];

        float[] a(int size) {
            if (a.length < size) {
                a = new float[size];
            }
            return a;
        }

        float[] b(int size) {
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }
    }
}
