package org.adjoint.kernels;

/**
 * Vector API GEMM: {@code C = alpha * op(A) * op(B) + beta * C} (row-major, BLAS semantics, see
 * {@link GemmKernels}); the bodies are {@link GemmF32} and the generated {@code GemmF64}. Only
 * {@code c} is modified.
 *
 * <p>Batched calls run their entries in parallel (each on one thread) when the C matrices do not
 * overlap and the batch is big enough; otherwise they loop.
 */
final class PanamaGemm implements GemmKernels {

    /** Up to this m*n*k the unpacked path is faster (measured crossover, bench/README.md). */
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
     * (Back-to-back calls find the worker still spinning and pay &lt; 1 us: see
     * {@link #HOT_PARALLEL_FLOPS}.) {@code -Dadjoint.gemm.parallelFlops=N} overrides it.
     */
    static final long PARALLEL_FLOPS = flops("adjoint.gemm.parallelFlops", 16_000_000L);
    /**
     * From this many FLOPs a second thread pays for its hand-off when a worker is still spinning
     * after a previous parallel call ({@link Parallel#hot()}): the hand-off then costs about a
     * microsecond. Back-to-back mid-sized products (an RNN's per-step products, the layers of
     * a small MLP) keep it spinning. Measured (Zen 4, 2 vCPUs, JDK 17): the LSTM step of
     * bench/README (per-step products of 4.2 MFLOP) on 2 threads 15.0 ms with 16 MFLOP here,
     * 12.4 ms with 2 MFLOP. {@code -Dadjoint.gemm.hotParallelFlops=N} overrides it.
     */
    static final long HOT_PARALLEL_FLOPS = flops("adjoint.gemm.hotParallelFlops", 2_000_000L);

    /** A FLOP count from {@code -Dproperty} (for sweeps on new machines), else {@code fallback}. */
    static long flops(String property, long fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long flops = Long.parseLong(value.trim());
            if (flops >= 0) {
                return flops;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + property + "=" + value + ": expected a FLOP count >= 0", e);
        }
        throw new IllegalArgumentException("-D" + property + "=" + value + ": expected a FLOP count >= 0");
    }

    /** Fixed thread count, or 0 to follow {@link Parallel#threads()} at each call. */
    private final int threads;
    private final GemmDriverF32 f32Wide;
    private final GemmDriverF32 f32Narrow;
    private final GemmDriverF64 f64Wide;
    private final GemmDriverF64 f64Narrow;
    private final boolean dot;

    PanamaGemm() {
        this(0);
    }

    /** A GEMM that uses exactly {@code threads} threads for large problems (0: follow Parallel). */
    PanamaGemm(int threads) {
        this(threads, GemmF32.WIDE, GemmF32.NARROW, GemmF64.WIDE, GemmF64.NARROW, GemmF32.DOT);
    }

    /**
     * A GEMM whose packed path always uses {@code tile} ("RxV", see {@link GemmShapes}) and that
     * takes the dot-product path only if {@code dot}: for tests of every tile and path.
     */
    PanamaGemm(int threads, String tile, boolean dot) {
        this(threads, GemmF32.driver(tile), GemmF32.driver(tile), GemmF64.driver(tile), GemmF64.driver(tile), dot);
    }

    private PanamaGemm(int threads, GemmDriverF32 f32Wide, GemmDriverF32 f32Narrow,
                       GemmDriverF64 f64Wide, GemmDriverF64 f64Narrow, boolean dot) {
        assert threads >= 0;
        this.threads = threads;
        this.f32Wide = f32Wide;
        this.f32Narrow = f32Narrow;
        this.f64Wide = f64Wide;
        this.f64Narrow = f64Narrow;
        this.dot = dot;
    }

    /**
     * Whether the unpacked path takes an m x n x k problem whose rows hold {@code lanes} elements
     * per vector: a row or two of C, or a small product at least one vector wide, B not
     * transposed (narrower products leave the unpacked path's vectors empty, and it would
     * transpose B first; the packed path does better: measured 64x10x16 1.4 us packed, 6.3 us
     * unpacked; 64x32x16 with B^T 1.5 vs 2.4 us; 64x16x32 1.9 vs 2.6 us the other way).
     */
    static boolean small(int m, int n, int k, boolean transB, int lanes) {
        return !transB && (m <= SMALL_M || ((long) m * n * k <= SMALL_MNK && n >= lanes));
    }

    /**
     * Whether {@code A * B^T} goes to the dot-product path: a row or two of C (a matrix-vector
     * product, where transposing B would cost more than using it), or k at least 128 and at
     * least twice the larger side of C. (Measured: 32x64x512 runs at 81 GFLOP/s as dot products, 34 packed,
     * where transposing B into micro-panels costs as much as the product; 128x784x256 runs at 59
     * as dot products, 94 packed.)
     */
    static boolean dotProducts(boolean transA, boolean transB, int m, int n, int k) {
        return !transA && transB && (m <= SMALL_M || (k >= 128 && k >= 2 * Math.max(m, n)));
    }

    /**
     * Whether a product whose micro-kernel vectors run along {@code columns} columns takes the
     * narrow tile: when the wide tile's padding (columns rounded up to {@code wideNr}) exceeds
     * the narrow one's by more than a quarter.
     */
    static boolean narrow(int columns, int wideNr, int narrowNr) {
        long wide = (long) (columns + wideNr - 1) / wideNr * wideNr;
        long slim = (long) (columns + narrowNr - 1) / narrowNr * narrowNr;
        return 4 * wide > 5 * slim;
    }

    private int threadsFor(long flops) {
        int available = threads > 0 ? threads : Parallel.threads();
        return threadsFor(flops, available, available > 1 && Parallel.hot());
    }

    /**
     * The threads a product of {@code flops} runs on when {@code available} may be used and a
     * worker is ({@code hot}) or is not spinning: all of them from {@link #PARALLEL_FLOPS}, and
     * from {@link #HOT_PARALLEL_FLOPS} when the hand-off is cheap. The choice never changes a
     * bit of the result, only the speed.
     */
    static int threadsFor(long flops, int available, boolean hot) {
        return flops >= PARALLEL_FLOPS || hot && flops >= HOT_PARALLEL_FLOPS ? available : 1;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        GemmF32.gemm(f32Wide, f32Narrow, dot, threadsFor(2L * m * n * k), transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb,
                beta, c, cOff, ldc);
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        GemmF64.gemm(f64Wide, f64Narrow, dot, threadsFor(2L * m * n * k), transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb,
                beta, c, cOff, ldc);
    }

    @Override
    public void sgemmBatched(boolean transA, boolean transB, int batch, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, int strideA, float[] b, int bOff, int ldb, int strideB,
                             float beta, float[] c, int cOff, int ldc, int strideC) {
        GemmF32.gemmBatched(f32Wide, f32Narrow, dot, threadsFor(2L * m * n * k), batchParts(batch, m, n, k, ldc, strideC),
                transA, transB, batch, m, n, k, alpha, a, aOff, lda, strideA, b, bOff, ldb, strideB,
                beta, c, cOff, ldc, strideC);
    }

    @Override
    public void dgemmBatched(boolean transA, boolean transB, int batch, int m, int n, int k, double alpha,
                             double[] a, int aOff, int lda, int strideA, double[] b, int bOff, int ldb, int strideB,
                             double beta, double[] c, int cOff, int ldc, int strideC) {
        GemmF64.gemmBatched(f64Wide, f64Narrow, dot, threadsFor(2L * m * n * k), batchParts(batch, m, n, k, ldc, strideC),
                transA, transB, batch, m, n, k, alpha, a, aOff, lda, strideA, b, bOff, ldb, strideB,
                beta, c, cOff, ldc, strideC);
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

    /** For diagnostics: tiles and blocking of both precisions. */
    String describe() {
        return "F32 tiles " + f32Wide.kernel + " / " + f32Narrow.kernel + " (" + f32Wide.blocking + "), F64 tiles "
                + f64Wide.kernel + " / " + f64Narrow.kernel + " (" + f64Wide.blocking + "), dot-product path "
                + (dot ? "on" : "off (needs 32 vector registers)");
    }
}
