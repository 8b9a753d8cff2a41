package org.adjoint.kernels;

/**
 * The blocked F64 GEMM (Goto/BLIS loop order): for each NC-wide column block of C and each
 * KC-deep slice of k, pack op(B) (stays in L3, its micro-panels in L1); for each MC-high row
 * block pack op(A) (stays in L2); then run the micro-kernel over the MR x NR tiles.
 *
 * <p>{@code C = alpha * op(A) * op(B) + beta * C}; beta is applied with the first k slice,
 * later slices accumulate. The k slicing depends only on k, never on the thread split, so every
 * element of C sees the same operations in the same order for any thread count.
 */
final class DgemmDriver {

    static final int MR = DgemmMicroKernel.MR;
    static final int NR = DgemmMicroKernel.NR;
    /** Depth of a packed slice: a B micro-panel (KC*NR*8 = 16 KiB) fits in the 32 KiB L1d. */
    static final int KC = 256;
    /** Rows of a packed A block: MC*KC*8 = 144 KiB of the 512 KiB L2. */
    static final int MC = 72;
    /** Columns of a packed B slice: KC*NC*8 = 2 MiB of the shared 32 MiB L3. */
    static final int NC = 1024;

    /** Per-thread packing buffers, grown on demand and reused across calls. */
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private DgemmDriver() {
    }

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} with m, n, k &gt; 0, work split over
     * {@code threads} blocks of C (rows or columns, whichever is longer). Modifies {@code c}.
     */
    static void gemm(int threads, boolean transA, boolean transB, int m, int n, int k,
                     double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                     double beta, double[] c, int cOff, int ldc) {
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
                       double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                       double beta, double[] c, int cOff, int ldc) {
        // k slices of equal depth (<= KC), so a k just above KC does not leave a sliver
        int slices = ceilDiv(k, KC);
        int kcMax = ceilDiv(k, slices);
        int ncMax = ceilDiv(Math.min(NC, n), NR) * NR;
        int mcMax = ceilDiv(Math.min(MC, m), MR) * MR;
        Buffers buf = BUFFERS.get();
        double[] packA = buf.a(mcMax * kcMax);
        double[] packB = buf.b(ncMax * kcMax);
        double[] tile = buf.tile;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int s = 0; s < slices; s++) {
                int pc = (int) ((long) k * s / slices);
                int kc = (int) ((long) k * (s + 1) / slices) - pc;
                double betaSlice = s == 0 ? beta : 1.0;
                DgemmPack.packB(transB, b, bOff, ldb, pc, jc, kc, nc, packB);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    DgemmPack.packA(transA, a, aOff, lda, ic, pc, mc, kc, packA);
                    macroKernel(mc, nc, kc, alpha, betaSlice, packA, packB, tile, c, cOff + ic * ldc + jc, ldc);
                }
            }
        }
    }

    /** All MR x NR tiles of one packed (mc x kc) A block times one packed (kc x nc) B slice. */
    private static void macroKernel(int mc, int nc, int kc, double alpha, double beta,
                                    double[] packA, double[] packB, double[] tile,
                                    double[] c, int cOff, int ldc) {
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            for (int ir = 0; ir < mc; ir += MR) {
                int rows = Math.min(MR, mc - ir);
                DgemmMicroKernel.kernel(kc, packA, ir * kc, packB, jr * kc,
                        c, cOff + ir * ldc + jr, ldc, alpha, beta, rows, cols, tile);
            }
        }
    }

    static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    /** One thread's packing buffers. */
    private static final class Buffers {
        private double[] a = new double[0];
        private double[] b = new double[0];
        final double[] tile = new double[MR * NR];

        double[] a(int size) {
            if (a.length < size) {
                a = new double[size];
            }
            return a;
        }

        double[] b(int size) {
            if (b.length < size) {
                b = new double[size];
            }
            return b;
        }
    }
}
