package org.adjoint.kernels;

/**
 * General matrix multiply with BLAS semantics, row-major:
 * {@code C = alpha * op(A) * op(B) + beta * C}, {@code op(X) = X} or {@code X^T}.
 * {@code op(A)} is (m, k), {@code op(B)} is (k, n), {@code C} is (m, n). Element (i, j) of a
 * row-major matrix X with leading dimension ldx is {@code x[xOff + i*ldx + j]}; a transposed
 * operand is stored as its transpose (A^T stored (k, m) with lda &gt;= m).
 * When {@code beta == 0}, C is not read (NaNs in C do not propagate), as in BLAS.
 *
 * <p>Results are bitwise identical for any thread count: work is split over blocks of C,
 * never over k. Only {@code c} is modified.
 */
public interface GemmKernels {

    void sgemm(boolean transA, boolean transB, int m, int n, int k,
               float alpha, float[] a, int aOff, int lda,
               float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc);

    void dgemm(boolean transA, boolean transB, int m, int n, int k,
               double alpha, double[] a, int aOff, int lda,
               double[] b, int bOff, int ldb,
               double beta, double[] c, int cOff, int ldc);

    /**
     * {@code batch} independent GEMMs; matrix p of A starts at {@code aOff + p*strideA} (likewise
     * B, C). A stride of 0 reuses one matrix for every batch entry (3-D x 2-D).
     */
    void sgemmBatched(boolean transA, boolean transB, int batch, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda, int strideA,
                      float[] b, int bOff, int ldb, int strideB,
                      float beta, float[] c, int cOff, int ldc, int strideC);

    void dgemmBatched(boolean transA, boolean transB, int batch, int m, int n, int k,
                      double alpha, double[] a, int aOff, int lda, int strideA,
                      double[] b, int bOff, int ldb, int strideB,
                      double beta, double[] c, int cOff, int ldc, int strideC);
}
