package org.adjoint.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * F64 GEMM for small problems, without packing: for each row i of C, vector accumulators
 * over the columns of op(B) receive {@code A(i,p) * B(p, j..j+L)} for p in order. When B is
 * transposed it is first transposed into a per-thread scratch matrix so its rows are
 * contiguous. {@code C = alpha * op(A) * op(B) + beta * C}; C not read when beta == 0.
 */
final class DgemmSmall {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    private static final int L = S.length();

    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[1][0]);

    private DgemmSmall() {
    }

    /** Modifies {@code c} (and this thread's scratch when transB). */
    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                     double beta, double[] c, int cOff, int ldc) {
        if (transB) {
            double[][] holder = SCRATCH.get();
            if (holder[0].length < k * n) {
                holder[0] = new double[k * n];
            }
            double[] bt = holder[0];
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
                DoubleVector s0 = DoubleVector.zero(S);
                DoubleVector s1 = DoubleVector.zero(S);
                DoubleVector s2 = DoubleVector.zero(S);
                DoubleVector s3 = DoubleVector.zero(S);
                for (int p = 0; p < k; p++) {
                    DoubleVector av = DoubleVector.broadcast(S, a[ai + p * aCol]);
                    int bi = bOff + p * ldb + j;
                    s0 = av.fma(DoubleVector.fromArray(S, b, bi), s0);
                    s1 = av.fma(DoubleVector.fromArray(S, b, bi + L), s1);
                    s2 = av.fma(DoubleVector.fromArray(S, b, bi + 2 * L), s2);
                    s3 = av.fma(DoubleVector.fromArray(S, b, bi + 3 * L), s3);
                }
                store(s0, c, ci + j, alpha, beta);
                store(s1, c, ci + j + L, alpha, beta);
                store(s2, c, ci + j + 2 * L, alpha, beta);
                store(s3, c, ci + j + 3 * L, alpha, beta);
            }
            // vector loop: one vector at a time
            for (; j + L <= n; j += L) {
                DoubleVector s0 = DoubleVector.zero(S);
                for (int p = 0; p < k; p++) {
                    DoubleVector av = DoubleVector.broadcast(S, a[ai + p * aCol]);
                    s0 = av.fma(DoubleVector.fromArray(S, b, bOff + p * ldb + j), s0);
                }
                store(s0, c, ci + j, alpha, beta);
            }
            // tail: the last columns, same operations in scalar form
            for (; j < n; j++) {
                double s = 0.0;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[ai + p * aCol], b[bOff + p * ldb + j], s);
                }
                double v = alpha * s;
                c[ci + j] = beta == 0.0 ? v : Math.fma(beta, c[ci + j], v);
            }
        }
    }

    private static void store(DoubleVector acc, double[] c, int ci, double alpha, double beta) {
        DoubleVector r = acc.mul(alpha);
        if (beta != 0.0) {
            r = DoubleVector.fromArray(S, c, ci).fma(DoubleVector.broadcast(S, beta), r);
        }
        r.intoArray(c, ci);
    }
}
