package org.adjoint.kernels;

/**
 * The F32 GEMM entry points behind {@link PanamaGemm}:
 * {@code C = alpha * op(A) * op(B) + beta * C} (row-major, BLAS semantics, see
 * {@link GemmKernels}). Only {@code c} is modified.
 *
 * <p>Three paths, chosen from the shape only (never from the thread count, so the bits do not
 * depend on it):
 * <ul>
 *   <li>{@code k == 0} or {@code alpha == 0}: C is scaled by beta (A and B are not read);</li>
 *   <li>{@link PanamaGemm#small small} problems: {@link GemmSmallF32}, no packing;</li>
 *   <li>{@code A * B^T} with a long k and a small C: {@link GemmDotF32}, dot products of rows;</li>
 *   <li>otherwise the packed, cache-blocked {@link GemmDriverF32}, on a team of threads when
 *       {@code 2*m*n*k} reaches {@link PanamaGemm#PARALLEL_FLOPS} (or
 *       {@link PanamaGemm#HOT_PARALLEL_FLOPS} while a worker is still spinning).</li>
 * </ul>
 */
final class GemmF32 {

    /** The drivers with the wide and the narrow tile chosen for this CPU (see {@link GemmShapes}). */
    static final GemmDriverF32 WIDE = driver(GemmShapes.wideTile());
    static final GemmDriverF32 NARROW = GemmShapes.narrowTile().equals(GemmShapes.wideTile()) ? WIDE
            : driver(GemmShapes.narrowTile());
    /** Whether {@link GemmDotF32} may run (it needs 32 vector registers). */
    static final boolean DOT = GemmShapes.manyRegisters();

    private GemmF32() {
    }

    /** A driver for {@code tile} ("RxV", see {@link GemmShapes}), blocked for this CPU's caches. */
    static GemmDriverF32 driver(String tile) {
        GemmKernelF32 kernel = GemmShapes.kernelF32(tile);
        return new GemmDriverF32(kernel, GemmBlocking.of(CpuCaches.CURRENT, Float.BYTES, kernel.mr, kernel.nr));
    }

    /**
     * One GEMM on up to {@code threads} threads; the packed path takes {@code wide} or, for a
     * product whose columns would mostly leave a wide tile empty, {@code narrow}. Modifies
     * {@code c}.
     */
    static void gemm(GemmDriverF32 wide, GemmDriverF32 narrow, boolean dot, int threads,
                     boolean transA, boolean transB, int m, int n, int k,
                     float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
        } else if (PanamaGemm.small(m, n, k, transB, VectorWidth.F32.length())) {
            GemmSmallF32.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else if (PanamaGemm.dotProducts(transA, transB, m, n, k) && (dot || m < 4)) {
            // (with fewer than 4 rows no 4 x 4 block runs, so any register file will do)
            GemmDotF32.gemm(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            GemmDriverF32 driver = PanamaGemm.narrow(GemmDriverF32.columnsOf(transA, transB, m, n),
                    wide.kernel.nr, narrow.kernel.nr) ? narrow : wide;
            driver.gemm(threads, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /**
     * {@code batch} GEMMs (see {@link GemmKernels#sgemmBatched}): entries too small to be split
     * themselves are spread over {@code parts} threads when there are several and their C
     * matrices are disjoint; otherwise they run in order, each on up to {@code threads} threads.
     */
    static void gemmBatched(GemmDriverF32 wide, GemmDriverF32 narrow, boolean dot, int threads, int parts, boolean transA, boolean transB,
                            int batch, int m, int n, int k, float alpha,
                            float[] a, int aOff, int lda, int strideA, float[] b, int bOff, int ldb, int strideB,
                            float beta, float[] c, int cOff, int ldc, int strideC) {
        if (parts <= 1) {
            for (int p = 0; p < batch; p++) {
                gemm(wide, narrow, dot, threads, transA, transB, m, n, k, alpha, a, aOff + p * strideA, lda,
                        b, bOff + p * strideB, ldb, beta, c, cOff + p * strideC, ldc);
            }
            return;
        }
        Parallel.forEach(parts, parts, part -> {
            for (int p = batch * part / parts; p < batch * (part + 1) / parts; p++) {
                gemm(wide, narrow, dot, 1, transA, transB, m, n, k, alpha, a, aOff + p * strideA, lda,
                        b, bOff + p * strideB, ldb, beta, c, cOff + p * strideC, ldc);
            }
        });
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
}
