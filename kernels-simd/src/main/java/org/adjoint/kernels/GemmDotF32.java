package org.adjoint.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * F32 {@code C = alpha * A * B^T + beta * C} with A (m x k) and the stored B^T (n x k) both
 * read along their contiguous rows: every element of C is a dot product of two rows, so nothing
 * is packed. Blocks of 4 x 4 elements share their loads (16 vector accumulators, 4 + 4 vectors
 * loaded per step of k); each accumulator's lanes are summed by a fixed pairwise tree at the end
 * (see {@link #treeSum}), then the tail of k is added in order.
 *
 * <p>Used for {@code A * B^T} with a long k and a small C (the LSTM's input and hidden
 * gradients, 32 x 64 x 512): there the packed path would spend as long transposing B into
 * micro-panels as multiplying. Needs 24 vector registers: AVX-512 (or another 32-register
 * file) only. The path is chosen from the shape alone, so the bits never depend on the threads.
 */
final class GemmDotF32 {

    private static final VectorSpecies<Float> S = VectorWidth.F32;
    private static final int L = S.length();

    /**
     * Per-thread scratch for the 16 accumulators' lanes. NOTE: the lanes are summed by the
     * explicit tree of {@link #treeSum}, not {@code reduceLanes}, whose order is unspecified and
     * may differ between the JIT's intrinsic and the interpreter: the bits would depend on warm-up.
     */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[16 * L]);

    /** Whether the 16 accumulators' trees run as vector operations (16 sums fill L lanes or more). */
    private static final boolean VECTOR_TREE = L >= 2 && L <= 16;
    /** Levels of the tree: log2(L). */
    private static final int LEVELS = Integer.numberOfTrailingZeros(L);
    /** Per level (h = L/2, L/4, ..., 1): the lanes in the upper half of each 2h-lane block. */
    private static final boolean[][] UPPER_BITS = new boolean[LEVELS][L];
    @SuppressWarnings("unchecked")
    private static final VectorMask<Float>[] UPPER = new VectorMask[LEVELS];
    /** Per level: the shuffle that swaps the halves of each 2h-lane block (lane i from i ^ h). */
    @SuppressWarnings("unchecked")
    private static final VectorShuffle<Float>[] SWAP = new VectorShuffle[LEVELS];
    /** UPPER and SWAP per level as constants for the JIT (null past the last level). */
    private static final VectorMask<Float> UPPER0;
    private static final VectorMask<Float> UPPER1;
    private static final VectorMask<Float> UPPER2;
    private static final VectorMask<Float> UPPER3;
    private static final VectorShuffle<Float> SWAP0;
    private static final VectorShuffle<Float> SWAP1;
    private static final VectorShuffle<Float> SWAP2;
    private static final VectorShuffle<Float> SWAP3;
    /** Where {@link #reduce} leaves accumulator {@code acc}'s sum in the scratch. */
    private static final int[] SUM_AT = new int[16];

    static {
        for (int level = 0; level < LEVELS; level++) {
            int h = L >> (level + 1);
            int[] swap = new int[L];
            for (int i = 0; i < L; i++) {
                UPPER_BITS[level][i] = (i & h) != 0;
                swap[i] = i ^ h;
            }
            UPPER[level] = VectorMask.fromArray(S, UPPER_BITS[level], 0);
            SWAP[level] = VectorShuffle.fromArray(S, swap, 0);
        }
        UPPER0 = LEVELS > 0 ? UPPER[0] : null;
        UPPER1 = LEVELS > 1 ? UPPER[1] : null;
        UPPER2 = LEVELS > 2 ? UPPER[2] : null;
        UPPER3 = LEVELS > 3 ? UPPER[3] : null;
        SWAP0 = LEVELS > 0 ? SWAP[0] : null;
        SWAP1 = LEVELS > 1 ? SWAP[1] : null;
        SWAP2 = LEVELS > 2 ? SWAP[2] : null;
        SWAP3 = LEVELS > 3 ? SWAP[3] : null;
        if (VECTOR_TREE) {
            // follow each accumulator's lanes through reduce's pairings
            int[] owner = new int[16 * L];
            for (int i = 0; i < owner.length; i++) {
                owner[i] = i / L;
            }
            int count = 16;
            for (int level = 0; level < LEVELS; level++, count /= 2) {
                for (int q = 0; q < count / 2; q++) {
                    for (int i = 0; i < L; i++) {
                        owner[q * L + i] = owner[(UPPER_BITS[level][i] ? 2 * q + 1 : 2 * q) * L + i];
                    }
                }
            }
            for (int i = 0; i < 16; i++) {
                SUM_AT[owner[i]] = i;
            }
        } else {
            for (int acc = 0; acc < 16; acc++) {
                SUM_AT[acc] = acc * L;
            }
        }
    }

    private GemmDotF32() {
    }

    /** Modifies {@code c}; C not read when beta == 0. */
    static void gemm(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        int m4 = m / 4 * 4;
        int n4 = n / 4 * 4;
        float[] lanes = SCRATCH.get();
        for (int i = 0; i < m4; i += 4) {
            for (int j = 0; j < n4; j += 4) {
                block(k, alpha, a, aOff + i * lda, lda, b, bOff + j * ldb, ldb, beta, c, cOff + i * ldc + j, ldc, lanes);
            }
            // tail: the last columns
            for (int r = i; r < i + 4; r++) {
                for (int j = n4; j < n; j++) {
                    single(k, alpha, a, aOff + r * lda, b, bOff + j * ldb, beta, c, cOff + r * ldc + j, lanes);
                }
            }
        }
        // tail: the last rows
        for (int r = m4; r < m; r++) {
            for (int j = 0; j < n; j++) {
                single(k, alpha, a, aOff + r * lda, b, bOff + j * ldb, beta, c, cOff + r * ldc + j, lanes);
            }
        }
    }

    /**
     * The 4 x 4 block of C at {@code ci}: rows of A from {@code ai}, rows of B^T from
     * {@code bi}; {@code lanes} is scratch. NOTE: everything after the k loop is two calls
     * ({@link #reduce}, {@link #finishBlock}) of loops: sixteen calls of a per-element method
     * were not inlined into this large method and cost as much as a third of the k loop at
     * k = 512.
     */
    private static void block(int k, float alpha, float[] a, int ai, int lda, float[] b, int bi, int ldb,
                              float beta, float[] c, int ci, int ldc, float[] lanes) {
        int a1 = ai + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int b1 = bi + ldb;
        int b2 = b1 + ldb;
        int b3 = b2 + ldb;
        FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S);
        FloatVector c02 = FloatVector.zero(S); FloatVector c03 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S);
        FloatVector c12 = FloatVector.zero(S); FloatVector c13 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S);
        FloatVector c22 = FloatVector.zero(S); FloatVector c23 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S); FloatVector c31 = FloatVector.zero(S);
        FloatVector c32 = FloatVector.zero(S); FloatVector c33 = FloatVector.zero(S);
        int bound = S.loopBound(k);
        // vector loop
        for (int p = 0; p < bound; p += L) {
            FloatVector y0 = FloatVector.fromArray(S, b, bi + p);
            FloatVector y1 = FloatVector.fromArray(S, b, b1 + p);
            FloatVector y2 = FloatVector.fromArray(S, b, b2 + p);
            FloatVector y3 = FloatVector.fromArray(S, b, b3 + p);
            FloatVector x0 = FloatVector.fromArray(S, a, ai + p);
            c00 = x0.fma(y0, c00);
            c01 = x0.fma(y1, c01);
            c02 = x0.fma(y2, c02);
            c03 = x0.fma(y3, c03);
            FloatVector x1 = FloatVector.fromArray(S, a, a1 + p);
            c10 = x1.fma(y0, c10);
            c11 = x1.fma(y1, c11);
            c12 = x1.fma(y2, c12);
            c13 = x1.fma(y3, c13);
            FloatVector x2 = FloatVector.fromArray(S, a, a2 + p);
            c20 = x2.fma(y0, c20);
            c21 = x2.fma(y1, c21);
            c22 = x2.fma(y2, c22);
            c23 = x2.fma(y3, c23);
            FloatVector x3 = FloatVector.fromArray(S, a, a3 + p);
            c30 = x3.fma(y0, c30);
            c31 = x3.fma(y1, c31);
            c32 = x3.fma(y2, c32);
            c33 = x3.fma(y3, c33);
        }
        // reduce, then the tail of k, then the store
        c00.intoArray(lanes, 0);
        c01.intoArray(lanes, L);
        c02.intoArray(lanes, 2 * L);
        c03.intoArray(lanes, 3 * L);
        c10.intoArray(lanes, 4 * L);
        c11.intoArray(lanes, 5 * L);
        c12.intoArray(lanes, 6 * L);
        c13.intoArray(lanes, 7 * L);
        c20.intoArray(lanes, 8 * L);
        c21.intoArray(lanes, 9 * L);
        c22.intoArray(lanes, 10 * L);
        c23.intoArray(lanes, 11 * L);
        c30.intoArray(lanes, 12 * L);
        c31.intoArray(lanes, 13 * L);
        c32.intoArray(lanes, 14 * L);
        c33.intoArray(lanes, 15 * L);
        reduce(lanes);
        finishBlock(lanes, k, bound, alpha, a, ai, lda, b, bi, ldb, beta, c, ci, ldc);
    }

    /**
     * The 4 x 4 block's elements from their sums (accumulator {@code 4r + j} for element (r, j)):
     * the same operations as {@link #finish} per element.
     */
    private static void finishBlock(float[] lanes, int k, int bound, float alpha, float[] a, int ai, int lda,
                                    float[] b, int bi, int ldb, float beta, float[] c, int ci, int ldc) {
        for (int r = 0; r < 4; r++) {
            int ar = ai + r * lda;
            int cr = ci + r * ldc;
            for (int j = 0; j < 4; j++) {
                float s = lanes[SUM_AT[4 * r + j]];
                int bj = bi + j * ldb;
                // tail
                for (int p = bound; p < k; p++) {
                    s = Math.fma(a[ar + p], b[bj + p], s);
                }
                float v = alpha * s;
                c[cr + j] = beta == 0f ? v : Math.fma(beta, c[cr + j], v);
            }
        }
    }

    /**
     * Sums the lanes of each of the 16 accumulators in {@code lanes[acc*L ..]} by the tree of
     * {@link #treeSum}, leaving accumulator {@code acc}'s sum at {@code lanes[SUM_AT[acc]]}.
     * Modifies {@code lanes}.
     *
     * <p>As vectors: each level combines two vectors x, y into one; in every block of 2h lanes
     * its lower half gets {@code x[j] + x[j+h]} and its upper half {@code y[j] + y[j-h]}, the
     * same pairs treeSum adds (float addition is commutative, so the bits agree).
     */
    private static void reduce(float[] lanes) {
        if (!VECTOR_TREE) {
            for (int acc = 0; acc < 16; acc++) {
                treeSum(lanes, acc * L);
            }
            return;
        }
        // one loop per level, each with its level's mask and shuffle as constants for the JIT;
        // vectors (2q, 2q+1) into q, in place (q is read before it is written)
        // vector loop
        for (int q = 0; q < 8; q++) {
            FloatVector x = FloatVector.fromArray(S, lanes, 2 * q * L);
            FloatVector y = FloatVector.fromArray(S, lanes, (2 * q + 1) * L);
            x.blend(y, UPPER0).add(y.blend(x, UPPER0).rearrange(SWAP0)).intoArray(lanes, q * L);
        }
        if (LEVELS > 1) {
            // vector loop
            for (int q = 0; q < 4; q++) {
                FloatVector x = FloatVector.fromArray(S, lanes, 2 * q * L);
                FloatVector y = FloatVector.fromArray(S, lanes, (2 * q + 1) * L);
                x.blend(y, UPPER1).add(y.blend(x, UPPER1).rearrange(SWAP1)).intoArray(lanes, q * L);
            }
        }
        if (LEVELS > 2) {
            // vector loop
            for (int q = 0; q < 2; q++) {
                FloatVector x = FloatVector.fromArray(S, lanes, 2 * q * L);
                FloatVector y = FloatVector.fromArray(S, lanes, (2 * q + 1) * L);
                x.blend(y, UPPER2).add(y.blend(x, UPPER2).rearrange(SWAP2)).intoArray(lanes, q * L);
            }
        }
        if (LEVELS > 3) {
            FloatVector x = FloatVector.fromArray(S, lanes, 0);
            FloatVector y = FloatVector.fromArray(S, lanes, L);
            x.blend(y, UPPER3).add(y.blend(x, UPPER3).rearrange(SWAP3)).intoArray(lanes, 0);
        }
    }

    /**
     * The sum of {@code lanes[off .. off+L)} by a fixed pairwise tree: for h = L/2, L/4, ..., 1,
     * {@code t[j] = t[j] + t[j+h]} for j &lt; h; the sum is t[0]. Modifies {@code lanes}.
     */
    private static float treeSum(float[] lanes, int off) {
        for (int h = L / 2; h >= 1; h /= 2) {
            for (int j = 0; j < h; j++) {
                lanes[off + j] += lanes[off + j + h];
            }
        }
        return lanes[off];
    }

    /** One element of C on its own: the same operations as an element of {@link #block}. */
    private static void single(int k, float alpha, float[] a, int ai, float[] b, int bi,
                               float beta, float[] c, int ci, float[] lanes) {
        FloatVector acc = FloatVector.zero(S);
        int bound = S.loopBound(k);
        // vector loop
        for (int p = 0; p < bound; p += L) {
            acc = FloatVector.fromArray(S, a, ai + p).fma(FloatVector.fromArray(S, b, bi + p), acc);
        }
        acc.intoArray(lanes, 0);
        finish(treeSum(lanes, 0), k, bound, alpha, a, ai, b, bi, beta, c, ci);
    }

    /**
     * {@code C[ci] = alpha * (sum + tail of the dot product) (+ beta * C[ci])}, where
     * {@code sum} is the accumulator's lanes summed (see {@link #treeSum}).
     *
     * <p>NOTE: takes the sum, not the accumulator: a vector passed to a method C2 does not
     * inline is boxed, and sixteen inlined calls can exhaust a caller's inlining budget.
     */
    private static void finish(float sum, int k, int bound, float alpha, float[] a, int ai,
                               float[] b, int bi, float beta, float[] c, int ci) {
        float s = sum;
        // tail
        for (int p = bound; p < k; p++) {
            s = Math.fma(a[ai + p], b[bi + p], s);
        }
        float v = alpha * s;
        c[ci] = beta == 0f ? v : Math.fma(beta, c[ci], v);
    }
}
