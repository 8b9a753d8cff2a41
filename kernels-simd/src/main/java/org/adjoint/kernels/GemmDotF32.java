package org.adjoint.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * F32 {@code C = alpha * A * B^T + beta * C} with A (m x k) and the stored B^T (n x k) both
 * read along their contiguous rows: every element of C is a dot product of two rows, so nothing
 * is packed. Blocks of 4 x 4 elements share their loads (16 vector accumulators, 4 + 4 vectors
 * loaded per step of k); each accumulator's lanes are summed in index order at the end, then
 * the tail of k is added in order.
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
     * Per-thread scratch for the 16 accumulators' lanes, summed in index order. NOTE: not
     * {@code reduceLanes}, whose order is unspecified and may differ between the JIT's intrinsic
     * and the interpreter: the bits would depend on warm-up.
     */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[16 * L]);

    private GemmDotF32() {
    }

    /** Modifies {@code c}; C not read when beta == 0. */
    static void gemm(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        int m4 = m / 4 * 4;
        int n4 = n / 4 * 4;
        for (int i = 0; i < m4; i += 4) {
            for (int j = 0; j < n4; j += 4) {
                block(k, alpha, a, aOff + i * lda, lda, b, bOff + j * ldb, ldb, beta, c, cOff + i * ldc + j, ldc);
            }
            // tail: the last columns
            for (int r = i; r < i + 4; r++) {
                for (int j = n4; j < n; j++) {
                    single(k, alpha, a, aOff + r * lda, b, bOff + j * ldb, beta, c, cOff + r * ldc + j);
                }
            }
        }
        // tail: the last rows
        for (int r = m4; r < m; r++) {
            for (int j = 0; j < n; j++) {
                single(k, alpha, a, aOff + r * lda, b, bOff + j * ldb, beta, c, cOff + r * ldc + j);
            }
        }
    }

    /** The 4 x 4 block of C at {@code ci}: rows of A from {@code ai}, rows of B^T from {@code bi}. */
    private static void block(int k, float alpha, float[] a, int ai, int lda, float[] b, int bi, int ldb,
                              float beta, float[] c, int ci, int ldc) {
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
            FloatVector x0 = FloatVector.fromArray(S, a, ai + p);
            FloatVector x1 = FloatVector.fromArray(S, a, a1 + p);
            FloatVector x2 = FloatVector.fromArray(S, a, a2 + p);
            FloatVector x3 = FloatVector.fromArray(S, a, a3 + p);
            FloatVector y0 = FloatVector.fromArray(S, b, bi + p);
            FloatVector y1 = FloatVector.fromArray(S, b, b1 + p);
            FloatVector y2 = FloatVector.fromArray(S, b, b2 + p);
            FloatVector y3 = FloatVector.fromArray(S, b, b3 + p);
            c00 = x0.fma(y0, c00);
            c01 = x0.fma(y1, c01);
            c02 = x0.fma(y2, c02);
            c03 = x0.fma(y3, c03);
            c10 = x1.fma(y0, c10);
            c11 = x1.fma(y1, c11);
            c12 = x1.fma(y2, c12);
            c13 = x1.fma(y3, c13);
            c20 = x2.fma(y0, c20);
            c21 = x2.fma(y1, c21);
            c22 = x2.fma(y2, c22);
            c23 = x2.fma(y3, c23);
            c30 = x3.fma(y0, c30);
            c31 = x3.fma(y1, c31);
            c32 = x3.fma(y2, c32);
            c33 = x3.fma(y3, c33);
        }
        // reduce, then the tail of k, then the store
        float[] lanes = SCRATCH.get();
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
        int c1 = ci + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        finish(lanes, 0, k, bound, alpha, a, ai, b, bi, beta, c, ci);
        finish(lanes, 1, k, bound, alpha, a, ai, b, b1, beta, c, ci + 1);
        finish(lanes, 2, k, bound, alpha, a, ai, b, b2, beta, c, ci + 2);
        finish(lanes, 3, k, bound, alpha, a, ai, b, b3, beta, c, ci + 3);
        finish(lanes, 4, k, bound, alpha, a, a1, b, bi, beta, c, c1);
        finish(lanes, 5, k, bound, alpha, a, a1, b, b1, beta, c, c1 + 1);
        finish(lanes, 6, k, bound, alpha, a, a1, b, b2, beta, c, c1 + 2);
        finish(lanes, 7, k, bound, alpha, a, a1, b, b3, beta, c, c1 + 3);
        finish(lanes, 8, k, bound, alpha, a, a2, b, bi, beta, c, c2);
        finish(lanes, 9, k, bound, alpha, a, a2, b, b1, beta, c, c2 + 1);
        finish(lanes, 10, k, bound, alpha, a, a2, b, b2, beta, c, c2 + 2);
        finish(lanes, 11, k, bound, alpha, a, a2, b, b3, beta, c, c2 + 3);
        finish(lanes, 12, k, bound, alpha, a, a3, b, bi, beta, c, c3);
        finish(lanes, 13, k, bound, alpha, a, a3, b, b1, beta, c, c3 + 1);
        finish(lanes, 14, k, bound, alpha, a, a3, b, b2, beta, c, c3 + 2);
        finish(lanes, 15, k, bound, alpha, a, a3, b, b3, beta, c, c3 + 3);
    }

    /** One element of C on its own: the same operations as an element of {@link #block}. */
    private static void single(int k, float alpha, float[] a, int ai, float[] b, int bi,
                               float beta, float[] c, int ci) {
        FloatVector acc = FloatVector.zero(S);
        int bound = S.loopBound(k);
        // vector loop
        for (int p = 0; p < bound; p += L) {
            acc = FloatVector.fromArray(S, a, ai + p).fma(FloatVector.fromArray(S, b, bi + p), acc);
        }
        float[] lanes = SCRATCH.get();
        acc.intoArray(lanes, 0);
        finish(lanes, 0, k, bound, alpha, a, ai, b, bi, beta, c, ci);
    }

    /**
     * {@code C[ci] = alpha * (sum of the accumulator's lanes + tail of the dot product)
     * (+ beta * C[ci])}; the accumulator is {@code lanes[acc*L ..]}.
     *
     * <p>NOTE: takes the lanes from scratch, not the accumulator: a vector passed to a method C2
     * does not inline is boxed, and sixteen inlined calls can exhaust a caller's inlining budget.
     */
    private static void finish(float[] lanes, int acc, int k, int bound, float alpha, float[] a, int ai,
                               float[] b, int bi, float beta, float[] c, int ci) {
        float s = 0f;
        for (int lane = acc * L; lane < (acc + 1) * L; lane++) {
            s += lanes[lane];
        }
        // tail
        for (int p = bound; p < k; p++) {
            s = Math.fma(a[ai + p], b[bi + p], s);
        }
        float v = alpha * s;
        c[ci] = beta == 0f ? v : Math.fma(beta, c[ci], v);
    }
}
