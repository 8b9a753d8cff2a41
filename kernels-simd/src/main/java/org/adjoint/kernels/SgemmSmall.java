package org.adjoint.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * F32 GEMM for small problems, without packing: for each row i of C, vector accumulators
 * over the columns of op(B) receive {@code A(i,p) * B(p, j..j+L)} for p in order. When B is
 * transposed it is first transposed into a per-thread scratch matrix so its rows are
 * contiguous. {@code C = alpha * op(A) * op(B) + beta * C}; C not read when beta == 0.
 */
final class SgemmSmall {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int L = S.length();

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[1][0]);

    private SgemmSmall() {
    }

    /** Modifies {@code c} (and this thread's scratch when transB). */
    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        if (transB) {
            float[][] holder = SCRATCH.get();
            if (holder[0].length < k * n) {
                holder[0] = new float[k * n];
            }
            float[] bt = holder[0];
            for (int j = 0; j < n; j++) {
                int src = bOff + j * ldb;
                for (int p = 0; p < k; p++) {
                    bt[p * n + j] = b[src + p];
                }
            }
            b = bt;
            bOff = 0;
            ldb = n;
        }
        int aRow = transA ? 1 : lda;
        int aCol = transA ? lda : 1;
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * aRow;
            int ci = cOff + i * ldc;
            int j = 0;
            // vector loop: 4 vectors of C's row at a time
            for (; j + 4 * L <= n; j += 4 * L) {
                FloatVector s0 = FloatVector.zero(S);
                FloatVector s1 = FloatVector.zero(S);
                FloatVector s2 = FloatVector.zero(S);
                FloatVector s3 = FloatVector.zero(S);
                for (int p = 0; p < k; p++) {
                    FloatVector av = FloatVector.broadcast(S, a[ai + p * aCol]);
                    int bi = bOff + p * ldb + j;
                    s0 = av.fma(FloatVector.fromArray(S, b, bi), s0);
                    s1 = av.fma(FloatVector.fromArray(S, b, bi + L), s1);
                    s2 = av.fma(FloatVector.fromArray(S, b, bi + 2 * L), s2);
                    s3 = av.fma(FloatVector.fromArray(S, b, bi + 3 * L), s3);
                }
                store(s0, c, ci + j, alpha, beta);
                store(s1, c, ci + j + L, alpha, beta);
                store(s2, c, ci + j + 2 * L, alpha, beta);
                store(s3, c, ci + j + 3 * L, alpha, beta);
            }
            // vector loop: one vector at a time
            for (; j + L <= n; j += L) {
                FloatVector s0 = FloatVector.zero(S);
                for (int p = 0; p < k; p++) {
                    FloatVector av = FloatVector.broadcast(S, a[ai + p * aCol]);
                    s0 = av.fma(FloatVector.fromArray(S, b, bOff + p * ldb + j), s0);
                }
                store(s0, c, ci + j, alpha, beta);
            }
            // tail: the last columns, same operations in scalar form
            for (; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[ai + p * aCol], b[bOff + p * ldb + j], s);
                }
                float v = alpha * s;
                c[ci + j] = beta == 0f ? v : Math.fma(beta, c[ci + j], v);
            }
        }
    }

    private static void store(FloatVector acc, float[] c, int ci, float alpha, float beta) {
        FloatVector r = acc.mul(alpha);
        if (beta != 0f) {
            r = FloatVector.fromArray(S, c, ci).fma(FloatVector.broadcast(S, beta), r);
        }
        r.intoArray(c, ci);
    }
}
