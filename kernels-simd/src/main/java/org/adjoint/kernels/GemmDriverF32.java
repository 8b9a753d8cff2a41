package org.adjoint.kernels;

/**
 * The blocked F32 GEMM (Goto/BLIS loop order): for each {@code nc}-wide column block of C and
 * each {@code kc}-deep slice of k, pack the vector operand's slice (it stays in L3, each
 * micro-panel in L1 while it is used); for each {@code mc}-high row block (the broadcast operand's
 * rows stay in L2) run the micro-kernel over the tiles, vector micro-panel outer, rows inner.
 *
 * <p>The micro-kernel loads C's columns as vectors from the packed operand and broadcasts the
 * other operand's elements, which it reads in place with any strides (so that operand is never
 * packed; only a last partial micro-panel of rows is copied, to pad it with zeros). The packed
 * operand is read along its rows: op(B) when B is not transposed, else a transposing copy
 * ({@link GemmTransposeF32}). The driver may compute {@code C^T = op(B)^T * op(A)^T} instead,
 * writing the tiles transposed, where {@link GemmF32#transposesC} estimates that cheaper (a
 * narrow C, or a transposing copy saved). Every element is the same sum of the same fused
 * products either way, so the choice does not change any bit.
 *
 * <p>{@code C = alpha * op(A) * op(B) + beta * C}; beta is applied with the first k slice, later
 * slices accumulate. The k slicing depends only on k, never on the threads, so every element of
 * C sees the same operations in the same order for any thread count.
 *
 * <p>Threads (BLIS-style): a {@link Parallel#team} splits C by micro-panels (each member packs
 * and multiplies its own, without waiting for the others' packing) or, when that would leave a
 * member more work, by rows: then every member packs a range of each slice's micro-panels into
 * one shared buffer and waits at the team's barrier. Either way a barrier keeps a slice until
 * every member is done with it (see {@link #splitsRows}).
 */
final class GemmDriverF32 {

    /** Per-thread buffers (packed slice for the team's caller, edge panel, tile), reused across calls. */
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    final GemmKernelF32 kernel;
    final GemmBlocking blocking;
    private final int mr;
    private final int nr;

    GemmDriverF32(GemmKernelF32 kernel, GemmBlocking blocking) {
        this.kernel = kernel;
        this.blocking = blocking;
        this.mr = kernel.mr;
        this.nr = kernel.nr;
    }

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} with m, n, k &gt; 0 on up to {@code threads}
     * threads, computed as C, or as {@code C^T = op(B)^T op(A)^T} written transposed when
     * {@code transposeC} (see {@link GemmF32#transposesC}). Modifies {@code c}.
     */
    void gemm(int threads, boolean transposeC, boolean transA, boolean transB, int m, int n, int k,
              float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
              float beta, float[] c, int cOff, int ldc) {
        if (transposeC) {
            // C^T = op(B)^T op(A)^T: op(B)^T(j, p) is broadcast, op(A)^T(p, i) packed
            multiply(threads, n, m, k, alpha, b, bOff, transB ? ldb : 1, transB ? 1 : ldb,
                    transA, a, aOff, lda, beta, c, cOff, 1, ldc);
        } else {
            multiply(threads, m, n, k, alpha, a, aOff, transA ? 1 : lda, transA ? lda : 1,
                    !transB, b, bOff, ldb, beta, c, cOff, ldc, 1);
        }
    }

    /**
     * Estimated cost of the tiles, the operand copies and the stores of an {@code m x n x k}
     * product computed as C ({@code transposeC} false) or as C^T, in units of one vector
     * multiply-add: the tiles' vector steps (rows and columns rounded up to whole tiles),
     * {@link #TRANSPOSED_COPY} per element of a vector operand that must be transposed to be
     * packed, and {@link #TRANSPOSED_STORE} per element of C written transposed.
     */
    long cost(boolean transposeC, boolean transA, boolean transB, int m, int n, int k) {
        int rows = transposeC ? n : m;
        int cols = transposeC ? m : n;
        long tiles = (long) ceilDiv(rows, mr) * mr * (ceilDiv(cols, nr) * nr / GemmKernelF32.L) * k;
        boolean rowMajor = transposeC ? transA : !transB;
        long copy = rowMajor ? 0 : (long) cols * k * TRANSPOSED_COPY;
        long store = transposeC ? (long) m * n * TRANSPOSED_STORE : 0;
        return tiles + copy + store;
    }

    /**
     * Cost of one element of a transposing copy of the vector operand (see {@link #cost}): 1 in
     * registers, 2 element by element ({@link GemmTransposeF32#IN_REGISTERS}; measured on Zen 4,
     * a 256 x 256 operand in 17 and 36 us, against ~0.26 ns per vector multiply-add step).
     */
    static final long TRANSPOSED_COPY = GemmBlocking.override("transposedCopy", GemmTransposeF32.IN_REGISTERS ? 1 : 2, 1);
    /** Cost of one element of C written transposed (see {@link #cost}). */
    static final long TRANSPOSED_STORE = GemmBlocking.override("transposedStore", 3, 1);

    /**
     * {@code C = alpha * X * Y + beta * C} for an m x k X with X(i, p) at
     * {@code x[xOff + i*xrs + p*xps]}, a k x n Y with Y(p, j) at {@code y[yOff + p*ldy + j]}
     * when {@code yRowMajor} else {@code y[yOff + j*ldy + p]}, and C(i, j) at
     * {@code c[cOff + i*crs + j*ccs]}.
     */
    private void multiply(int threads, int m, int n, int k, float alpha,
                          float[] x, int xOff, int xrs, int xps, boolean yRowMajor, float[] y, int yOff, int ldy,
                          float beta, float[] c, int cOff, int crs, int ccs) {
        int kcMax = ceilDiv(k, ceilDiv(k, blocking.kc));
        int ncMax = ceilDiv(Math.min(blocking.nc, n), nr) * nr;
        float[] packed = inPlace(yRowMajor, m, n, k, ldy) ? null : BUFFERS.get().packed(ncMax * kcMax);
        if (threads <= 1) {
            run(0, 1, Parallel.Barrier.SOLO, packed, m, n, k, alpha, x, xOff, xrs, xps, yRowMajor, y, yOff, ldy,
                    beta, c, cOff, crs, ccs);
        } else {
            Parallel.team(threads, (member, size, barrier) -> run(member, size, barrier, packed, m, n, k, alpha,
                    x, xOff, xrs, xps, yRowMajor, y, yOff, ldy, beta, c, cOff, crs, ccs));
        }
    }

    /**
     * Whether the vector operand is read in place rather than packed: when it is read along its
     * rows, one k slice covers it, and either it is small enough for L1, or C has so few rows
     * that packing would not pay ({@link #IN_PLACE_MAX_ROWS}) and the operand fits in L2
     * ({@link GemmBlocking#inPlaceBytes}) with its rows not a multiple of 4 KiB apart (those
     * would share a few cache sets; see {@link #aliases4KiB}). A partial last micro-panel is
     * still copied, to pad it with zeros.
     *
     * <p>Packing costs a pass over the operand and saves the kernel strided reads of each
     * micro-panel, once per row tile: with few rows the pass is not repaid. Measured on Zen 4
     * (1 MiB L2, 1 thread, JDK 17, GFLOP/s packed / in place): m = 32..64 gains, 32x512x128
     * 85.5 / 97.6, 64x256x784 91.7 / 106.7, 64x1536x128 87.8 / 94.0, 64x512x64 96.5 / 102.9;
     * from m = 96 it loses, 96x512x256 100.4 / 91.1, 128x512x128 93.0 / 76.6, 128x256x1024
     * 102.0 / 98.8.
     */
    private boolean inPlace(boolean yRowMajor, int m, int n, int k, int ldy) {
        if (!yRowMajor || k > blocking.kc) {
            return false;
        }
        long bytes = (long) n * k * Float.BYTES;
        return bytes <= SMALL_IN_PLACE_BYTES
                || m <= IN_PLACE_MAX_ROWS && bytes <= blocking.inPlaceBytes && !aliases4KiB(ldy);
    }

    /** Vector operands up to this size are read in place at any row stride: half of a 32 KiB L1d. */
    private static final int SMALL_IN_PLACE_BYTES = 16 << 10;
    /** Most rows of C for which a larger vector operand is read in place (see {@link #inPlace}). */
    private static final int IN_PLACE_MAX_ROWS = 64;

    /**
     * Whether the broadcast operand's blocks are copied to a padded buffer before use: when its
     * long stride (between rows, or between steps of k when transposed) is a multiple of 4 KiB
     * and a block is reused across at least {@link #COPY_X_PANELS} micro-panels. NOTE: read in
     * place, such an operand (n = 1024, 2048) maps every row block onto a few cache sets and is
     * evicted from L2 before it is reused (measured 2048^3: 93 GFLOP/s in place); at other
     * strides the copy only costs (Zen 4, 1 thread, us per call, copied / in place: 128x256x784
     * 487-489 / 474-479, 784x256x128 468-477 / 464-467, 512^3 2420-2448 / 2394-2400).
     */
    private static boolean copyX(int n, int nr, int xrs, int xps) {
        return n >= COPY_X_PANELS * nr && aliases4KiB(Math.max(xrs, xps));
    }

    /**
     * Whether rows {@code stride} elements apart are a multiple of 4 KiB apart: they then map
     * onto a few cache sets and evict each other (the reason for the copy of {@link #copyX} and
     * a limit of {@link #inPlace}).
     */
    private static boolean aliases4KiB(int stride) {
        return (long) stride * Float.BYTES % 4096 == 0;
    }

    /** Fewest micro-panels per row block for which the broadcast operand's block is copied. */
    private static final int COPY_X_PANELS = 4;
    /** Padding of a copied block's rows, in elements: keeps their stride off multiples of 4 KiB. */
    private static final int PAD = 16;

    /** Member {@code member} of a team of {@code size} sharing {@code packed} (null: read Y in place). */
    private void run(int member, int size, Parallel.Barrier barrier, float[] packed, int m, int n, int k, float alpha,
                     float[] x, int xOff, int xrs, int xps, boolean yRowMajor, float[] y, int yOff, int ldy,
                     float beta, float[] c, int cOff, int crs, int ccs) {
        // k slices of equal depth (<= kc), so a k just above kc does not leave a sliver
        int slices = ceilDiv(k, blocking.kc);
        int kcMax = ceilDiv(k, slices);
        Buffers own = BUFFERS.get();
        float[] edge = own.edge(mr * kcMax);
        float[] tile = own.tile(mr * nr);
        float[] edgeY = packed == null ? own.edgeY(kcMax * nr) : null;
        // copy the broadcast operand's blocks when they are reused across many micro-panels
        boolean copyX = copyX(n, nr, xrs, xps);
        float[] xBlock = copyX ? own.xBlock((Math.min(blocking.mc, m) + PAD) * (kcMax + PAD)) : null;
        int rowUnits = ceilDiv(m, mr);
        boolean splitRows = splitsRows(m, n, size);
        // split by micro-panels, a member packs the very micro-panels it multiplies: no waiting
        // for the packing
        boolean shared = splitRows && size > 1;
        int i0 = splitRows ? share(rowUnits, member, size) * mr : 0;
        int i1 = splitRows ? Math.min(m, share(rowUnits, member + 1, size) * mr) : m;
        for (int jc = 0; jc < n; jc += blocking.nc) {
            int nc = Math.min(blocking.nc, n - jc);
            int panels = ceilDiv(nc, nr);
            int p0 = splitRows ? 0 : share(panels, member, size);
            int p1 = splitRows ? panels : share(panels, member + 1, size);
            for (int s = 0; s < slices; s++) {
                int pc = (int) ((long) k * s / slices);
                int kc = (int) ((long) k * (s + 1) / slices) - pc;
                float betaSlice = s == 0 ? beta : 1f;
                if (packed != null) {
                    if (size > 1 && (jc > 0 || s > 0)) {
                        // every member is done with the previous slice (also split by micro-panels:
                        // a new column block shares its panels out differently, and a slice one
                        // deeper moves every panel's place, so a member's new range may cover
                        // buffer space another member is still reading)
                        barrier.await();
                    }
                    GemmPackF32.packVectorSide(yRowMajor, y, yOff, ldy, pc, jc, kc, nc, nr,
                            share(panels, member, size), share(panels, member + 1, size), packed, 0);
                    if (shared) {
                        barrier.await();            // the slice is packed
                    }
                } else if (nc % nr != 0 && p1 == panels) {
                    // in place: only the last, partial micro-panel is copied (zero-padded)
                    GemmPackF32.packVectorSide(true, y, yOff, ldy, pc, jc, kc, nc, nr, panels - 1, panels,
                            edgeY, panels - 1);
                }
                for (int ic = i0; ic < i1; ic += blocking.mc) {
                    int icEnd = Math.min(i1, ic + blocking.mc);
                    int full = ic + (icEnd - ic) / mr * mr;   // rows from here on form a partial panel
                    if (full < icEnd) {
                        GemmPackF32.packEdgeRows(x, xOff + full * xrs + pc * xps, xrs, xps, icEnd - full, kc, mr, edge);
                    }
                    // the block's rows: in place, or copied to a padded block (X(ic + i, pc + p) at
                    // xb[xbOff + i*xbrs + p*xbps])
                    float[] xb = x;
                    int xbOff = xOff + ic * xrs + pc * xps;
                    int xbrs = xrs;
                    int xbps = xps;
                    if (copyX) {
                        xb = xBlock;
                        xbOff = 0;
                        if (xps == 1) {
                            xbrs = kc + PAD;
                            xbps = 1;
                        } else {
                            xbrs = 1;
                            xbps = icEnd - ic + PAD;
                        }
                        GemmPackF32.copyBlock(x, xOff + ic * xrs + pc * xps, xrs, xps, icEnd - ic, kc, xBlock, xbrs, xbps);
                    }
                    for (int panel = p0; panel < p1; panel++) {
                        int jr = panel * nr;
                        int cols = Math.min(nr, nc - jr);
                        int cj = cOff + (jc + jr) * ccs;
                        // the micro-panel: packed, or in place (a partial one from its copy)
                        float[] yp = packed != null ? packed : cols < nr ? edgeY : y;
                        int yi = packed != null ? jr * kc : cols < nr ? 0 : yOff + pc * ldy + jc + jr;
                        int ys = packed != null || cols < nr ? nr : ldy;
                        for (int ir = ic; ir < full; ir += mr) {
                            kernel.run(kc, xb, xbOff + (ir - ic) * xbrs, xbrs, xbps, yp, yi, ys,
                                    c, cj + ir * crs, crs, ccs, alpha, betaSlice, mr, cols, tile);
                        }
                        if (full < icEnd) {
                            kernel.run(kc, edge, 0, 1, mr, yp, yi, ys,
                                    c, cj + full * crs, crs, ccs, alpha, betaSlice, icEnd - full, cols, tile);
                        }
                    }
                }
            }
        }
    }

    /**
     * Whether a team of {@code size} splits C's rows rather than its micro-panels: only when
     * splitting the micro-panels would leave a member more work (rounded up to whole tiles).
     * NOTE: split by micro-panels, each member packs and multiplies its own, which stay in its
     * core's L2, and reads the broadcast operand whole; split by rows, each reads every
     * micro-panel, half of them packed in the other core's L2. Measured on Zen 4 (2 threads,
     * JDK 17, us, rows / micro-panels): 128x256x784 353-387 / 256-262, 128x256x256 140-157 /
     * 82-83, 128x256x256 with B^T 166-186 / 91-99, 1024^3 10400-11300 / 10500-10800.
     */
    boolean splitsRows(int m, int n, int size) {
        long byRows = (long) ceilDiv(ceilDiv(m, mr), size) * mr * n;
        long byPanels = (long) ceilDiv(ceilDiv(n, nr), size) * nr * m;
        return byRows < byPanels;
    }

    /** Start of member {@code member}'s share of {@code units} split {@code size} ways. */
    private static int share(int units, int member, int size) {
        return (int) ((long) units * member / size);
    }

    static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    /** One thread's buffers, grown on demand. */
    private static final class Buffers {
        private float[] packed = new float[0];
        private float[] edge = new float[0];
        private float[] tile = new float[0];
        private float[] edgeY = new float[0];

        private float[] xBlock = new float[0];

        float[] xBlock(int size) {
            if (xBlock.length < size) {
                xBlock = new float[size];
            }
            return xBlock;
        }

        float[] edgeY(int size) {
            if (edgeY.length < size) {
                edgeY = new float[size];
            }
            return edgeY;
        }

        float[] packed(int size) {
            if (packed.length < size) {
                packed = new float[size];
            }
            return packed;
        }

        float[] edge(int size) {
            if (edge.length < size) {
                edge = new float[size];
            }
            return edge;
        }

        float[] tile(int size) {
            if (tile.length < size) {
                tile = new float[size];
            }
            return tile;
        }
    }
}
