package org.adjoint.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * F32 GEMM for small problems with B not transposed, without packing: for each row i of C,
 * vector accumulators over the columns of B receive {@code A(i,p) * B(p, j..j+L)} for p in
 * order. {@code C = alpha * op(A) * op(B) + beta * C}; C not read when beta == 0. Every
 * element is {@code fma(beta, C, alpha * sum)} with the sum accumulated in k order by FMAs, as in
 * the packed path.
 *
 * <p>NOTE: the accumulators leave their loop through a scratch array, and the store reads them
 * back from there, as in {@link GemmKernelF32}: a vector that lives on past its loop into the
 * alpha/beta store (or is passed to a helper) was sometimes boxed on JDK 17 at 256 bits (caught
 * by NoVectorFallbackTest).
 */
final class GemmSmallF32 {

    private static final VectorSpecies<Float> S = VectorWidth.F32;
    private static final int L = S.length();

    /** Per-thread scratch: four vectors of accumulators. */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[4 * L]);

    private GemmSmallF32() {
    }

    /** Modifies {@code c} (and this thread's scratch); {@code transB} must be false. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        assert !transB : "B^T goes to the packed or the dot-product path";
        float[] acc = SCRATCH.get();
        int aRow = transA ? 1 : lda;
        int aCol = transA ? lda : 1;
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * aRow;
            int ci = cOff + i * ldc;
            int j = 0;
            // vector loop: 4 vectors of C's row at a time
            for (; j + 4 * L <= n; j += 4 * L) {
                accumulate4(k, a, ai, aCol, b, bOff + j, ldb, acc);
                store(acc, 4 * L, alpha, beta, c, ci + j);
            }
            // vector loop: one vector at a time
            for (; j + L <= n; j += L) {
                accumulate1(k, a, ai, aCol, b, bOff + j, ldb, acc);
                store(acc, L, alpha, beta, c, ci + j);
            }
            // tail: the last (fewer than L) columns, the same operations in scalar form, p outer
            // so that the columns' sums are independent chains of FMAs (not one latency-bound chain)
            int tail = n - j;
            if (tail > 0) {
                for (int t = 0; t < tail; t++) {
                    acc[t] = 0f;
                }
                for (int p = 0; p < k; p++) {
                    float ap = a[ai + p * aCol];
                    int bo = bOff + p * ldb + j;
                    for (int t = 0; t < tail; t++) {
                        acc[t] = Math.fma(ap, b[bo + t], acc[t]);
                    }
                }
                for (int t = 0; t < tail; t++) {
                    float v = alpha * acc[t];
                    c[ci + j + t] = beta == 0f ? v : Math.fma(beta, c[ci + j + t], v);
                }
            }
        }
    }

    /** {@code acc[0..4L) = sum_p A(i, p) * B(p, j..j+4L)}, A(i, p) at {@code a[ai + p*aCol]}. */
    private static void accumulate4(int k, float[] a, int ai, int aCol, float[] b, int bi, int ldb, float[] acc) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        FloatVector s2 = FloatVector.zero(S);
        FloatVector s3 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            FloatVector av = FloatVector.broadcast(S, a[ai + p * aCol]);
            int bo = bi + p * ldb;
            s0 = av.fma(FloatVector.fromArray(S, b, bo), s0);
            s1 = av.fma(FloatVector.fromArray(S, b, bo + L), s1);
            s2 = av.fma(FloatVector.fromArray(S, b, bo + 2 * L), s2);
            s3 = av.fma(FloatVector.fromArray(S, b, bo + 3 * L), s3);
        }
        s0.intoArray(acc, 0);
        s1.intoArray(acc, L);
        s2.intoArray(acc, 2 * L);
        s3.intoArray(acc, 3 * L);
    }

    /** {@code acc[0..L) = sum_p A(i, p) * B(p, j..j+L)}. */
    private static void accumulate1(int k, float[] a, int ai, int aCol, float[] b, int bi, int ldb, float[] acc) {
        FloatVector s0 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            s0 = FloatVector.broadcast(S, a[ai + p * aCol]).fma(FloatVector.fromArray(S, b, bi + p * ldb), s0);
        }
        s0.intoArray(acc, 0);
    }

    /** {@code C[ci + j] = fma(beta, C[ci + j], alpha * acc[j])} for {@code j < cols}; C not read when beta == 0. */
    private static void store(float[] acc, int cols, float alpha, float beta, float[] c, int ci) {
        if (beta == 0f) {
            // vector loop: cols is a whole number of vectors
            for (int j = 0; j < cols; j += L) {
                FloatVector.fromArray(S, acc, j).mul(alpha).intoArray(c, ci + j);
            }
        } else {
            // vector loop
            for (int j = 0; j < cols; j += L) {
                FloatVector v = FloatVector.fromArray(S, acc, j).mul(alpha);
                FloatVector.fromArray(S, c, ci + j).fma(FloatVector.broadcast(S, beta), v).intoArray(c, ci + j);
            }
        }
    }
}
