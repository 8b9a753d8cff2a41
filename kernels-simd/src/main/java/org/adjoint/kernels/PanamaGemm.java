package org.adjoint.kernels;

/**
 * Vector API GEMM: {@code C = alpha * op(A) * op(B) + beta * C} (row-major, BLAS semantics, see
 * {@link GemmKernels}). Only {@code c} is modified.
 *
 * <p>Three paths, chosen from the shape only (never from the thread count, so the bits do not
 * depend on it):
 * <ul>
 *   <li>{@code k == 0} or {@code alpha == 0}: C is scaled by beta (A and B are not read);</li>
 *   <li>{@code m <= SMALL_M} or {@code m*n*k <= SMALL_MNK}: {@link SgemmSmall} / {@link DgemmSmall}, no packing;</li>
 *   <li>otherwise the packed, cache-blocked driver {@link SgemmDriver} / {@link DgemmDriver},
 *       split over blocks of C on {@link Parallel} threads when {@code 2*m*n*k} reaches
 *       {@link #PARALLEL_FLOPS}.</li>
 * </ul>
 * Batched calls run their entries in parallel (each on one thread) when the C matrices do not
 * overlap and the batch is big enough; otherwise they loop.
 */
final class PanamaGemm implements GemmKernels {

    /** Up to this m*n*k the unpacked path is faster (measured crossover ~32^3..40^3, bench/README.md). */
    static final long SMALL_MNK = 32L * 32 * 32;
    /**
     * Up to this many rows of C the unpacked path is faster at any size: packing B costs as
     * much as using it once (measured: 1x256x784 takes 25 us unpacked, 158 us packed).
     */
    static final int SMALL_M = 2;
    /**
     * From this many FLOPs (2mnk) a second thread pays for its hand-off. Measured on the 2-vCPU
     * KVM guest: waking a parked worker takes ~60 us (the unpark call alone ~15 us), so the
     * single-thread time must be well above 120 us; 16 MFLOP is ~250 us at 65 GFLOP/s.
     * (Back-to-back calls find the worker still spinning and pay &lt; 1 us.)
     */
    static final long PARALLEL_FLOPS = 16_000_000L;

    /** Fixed thread count, or 0 to follow {@link Parallel#threads()} at each call. */
    private final int threads;

    PanamaGemm() {
        this(0);
    }

    /** A GEMM that uses exactly {@code threads} threads for large problems (0: follow Parallel). */
    PanamaGemm(int threads) {
        assert threads >= 0;
        this.threads = threads;
    }

    private int threadsFor(long flops) {
        if (flops < PARALLEL_FLOPS) {
            return 1;
        }
        return threads > 0 ? threads : Parallel.threads();
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        long mnk = (long) m * n * k;
        sgemm(threadsFor(2 * mnk), transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    private static void sgemm(int threads, boolean transA, boolean transB, int m, int n, int k, float alpha,
                              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
        } else if (m <= SMALL_M || (long) m * n * k <= SMALL_MNK) {
            SgemmSmall.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            SgemmDriver.gemm(threads, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        long mnk = (long) m * n * k;
        dgemm(threadsFor(2 * mnk), transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    private static void dgemm(int threads, boolean transA, boolean transB, int m, int n, int k, double alpha,
                              double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                              double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0.0) {
            scale(m, n, beta, c, cOff, ldc);
        } else if (m <= SMALL_M || (long) m * n * k <= SMALL_MNK) {
            DgemmSmall.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            DgemmDriver.gemm(threads, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    @Override
    public void sgemmBatched(boolean transA, boolean transB, int batch, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, int strideA, float[] b, int bOff, int ldb, int strideB,
                             float beta, float[] c, int cOff, int ldc, int strideC) {
        int parts = batchParts(batch, m, n, k, ldc, strideC);
        if (parts <= 1) {
            int t = threadsFor(2L * m * n * k);
            for (int p = 0; p < batch; p++) {
                sgemm(t, transA, transB, m, n, k, alpha, a, aOff + p * strideA, lda, b, bOff + p * strideB, ldb,
                        beta, c, cOff + p * strideC, ldc);
            }
            return;
        }
        Parallel.forEach(parts, parts, part -> {
            for (int p = batch * part / parts; p < batch * (part + 1) / parts; p++) {
                sgemm(1, transA, transB, m, n, k, alpha, a, aOff + p * strideA, lda, b, bOff + p * strideB, ldb,
                        beta, c, cOff + p * strideC, ldc);
            }
        });
    }

    @Override
    public void dgemmBatched(boolean transA, boolean transB, int batch, int m, int n, int k, double alpha,
                             double[] a, int aOff, int lda, int strideA, double[] b, int bOff, int ldb, int strideB,
                             double beta, double[] c, int cOff, int ldc, int strideC) {
        int parts = batchParts(batch, m, n, k, ldc, strideC);
        if (parts <= 1) {
            int t = threadsFor(2L * m * n * k);
            for (int p = 0; p < batch; p++) {
                dgemm(t, transA, transB, m, n, k, alpha, a, aOff + p * strideA, lda, b, bOff + p * strideB, ldb,
                        beta, c, cOff + p * strideC, ldc);
            }
            return;
        }
        Parallel.forEach(parts, parts, part -> {
            for (int p = batch * part / parts; p < batch * (part + 1) / parts; p++) {
                dgemm(1, transA, transB, m, n, k, alpha, a, aOff + p * strideA, lda, b, bOff + p * strideB, ldb,
                        beta, c, cOff + p * strideC, ldc);
            }
        });
    }

    /**
     * How many threads to split a batch over: more than one only when each entry is too small
     * to be split itself, the whole batch is worth a hand-off, and the C matrices are disjoint.
     */
    private int batchParts(int batch, int m, int n, int k, int ldc, int strideC) {
        long entryFlops = 2L * m * n * k;
        boolean disjoint = m == 0 || n == 0 || Math.abs((long) strideC) >= (long) (m - 1) * ldc + n;
        if (batch < 2 || !disjoint || entryFlops >= PARALLEL_FLOPS) {
            return 1;
        }
        return Math.min(batch, threadsFor(entryFlops * batch));
    }

    /** {@code C = beta * C}; C is zeroed, not read, when beta == 0. */
    private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[row + j] = beta == 0f ? 0f : beta * c[row + j];
            }
        }
    }

    private static void scale(int m, int n, double beta, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[row + j] = beta == 0.0 ? 0.0 : beta * c[row + j];
            }
        }
    }
}
