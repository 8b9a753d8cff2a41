package org.adjoint.kernels;

/**
 * Scalar twin of GEMM: the textbook triple loop, each dot product accumulated in index order
 * in the operand type. Slow by design; it is the oracle.
 */
public final class ScalarGemm implements GemmKernels {

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0f;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    acc += av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = beta == 0f ? alpha * acc : alpha * acc + beta * c[ci];
            }
        }
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0.0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    acc += av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = beta == 0.0 ? alpha * acc : alpha * acc + beta * c[ci];
            }
        }
    }

    @Override
    public void sgemmBatched(boolean transA, boolean transB, int batch, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, int strideA, float[] b, int bOff, int ldb, int strideB,
                             float beta, float[] c, int cOff, int ldc, int strideC) {
        for (int p = 0; p < batch; p++) {
            sgemm(transA, transB, m, n, k, alpha, a, aOff + p * strideA, lda, b, bOff + p * strideB, ldb,
                    beta, c, cOff + p * strideC, ldc);
        }
    }

    @Override
    public void dgemmBatched(boolean transA, boolean transB, int batch, int m, int n, int k, double alpha,
                             double[] a, int aOff, int lda, int strideA, double[] b, int bOff, int ldb, int strideB,
                             double beta, double[] c, int cOff, int ldc, int strideC) {
        for (int p = 0; p < batch; p++) {
            dgemm(transA, transB, m, n, k, alpha, a, aOff + p * strideA, lda, b, bOff + p * strideB, ldb,
                    beta, c, cOff + p * strideC, ldc);
        }
    }
}
