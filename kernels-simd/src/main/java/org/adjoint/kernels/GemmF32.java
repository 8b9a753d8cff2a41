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
            boolean transposeC = transposesC(wide, narrow, transA, transB, m, n, k);
            GemmDriverF32 driver = PanamaGemm.narrow(transposeC ? m : n, wide.kernel.nr, narrow.kernel.nr) ? narrow : wide;
            driver.gemm(threads, transposeC, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb,
                    beta, c, cOff, ldc);
        }
    }

    /**
     * Whether the packed path computes {@code C^T = op(B)^T op(A)^T} rather than C: when that
     * is estimated cheaper ({@link GemmDriverF32#cost}, each orientation with the tile it would
     * take). The tiles pad C's rows to whole tiles of {@code mr} and its columns to whole
     * micro-panels of {@code nr}, so a narrow C (10 columns) wastes most of a 64-wide tile while
     * its transpose wastes 2 of 12 rows; the vector operand is packed along its rows, so a
     * transposed one costs a transposing copy; and C^T is written to C one element at a time.
     * Every element is the same sum of the same fused products either way, so the choice does
     * not change any bit. {@code -Dadjoint.gemm.transposeC=auto|never|always} (for comparisons).
     */
    static boolean transposesC(GemmDriverF32 wide, GemmDriverF32 narrow, boolean transA, boolean transB,
                               int m, int n, int k) {
        if (TRANSPOSE_C != null) {
            return TRANSPOSE_C;
        }
        return cost(wide, narrow, true, transA, transB, m, n, k) < cost(wide, narrow, false, transA, transB, m, n, k);
    }

    private static long cost(GemmDriverF32 wide, GemmDriverF32 narrow, boolean transposeC, boolean transA, boolean transB,
                             int m, int n, int k) {
        GemmDriverF32 driver = PanamaGemm.narrow(transposeC ? m : n, wide.kernel.nr, narrow.kernel.nr) ? narrow : wide;
        return driver.cost(transposeC, transA, transB, m, n, k);
    }

    /** {@code -Dadjoint.gemm.transposeC}: null for auto, else always (true) or never (false). */
    private static final Boolean TRANSPOSE_C = transposeC(System.getProperty("adjoint.gemm.transposeC", "auto"));

    static Boolean transposeC(String value) {
        switch (value.trim()) {
            case "auto": return null;
            case "always": return Boolean.TRUE;
            case "never": return Boolean.FALSE;
            default:
                throw new IllegalArgumentException("-Dadjoint.gemm.transposeC=" + value + ": expected auto, never or always");
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
