package org.adjoint.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/**
 * One GEMM problem with padded leading dimensions and offsets, run by an implementation under
 * test and by the {@link ScalarGemm} oracle, in F32 or F64.
 *
 * <p>Error bound, per element: both results are sums of k products plus the alpha/beta
 * scaling, each computed with at most k+2 roundings, so each is within
 * {@code gamma(k+2) * (|alpha| * sum_p |a_ip||b_pj| + |beta * c_ij|)} of the exact value, with
 * {@code gamma(j) = j*u/(1 - j*u)} and u the unit roundoff (2^-24 for F32, 2^-53 for F64)
 * [Higham, Accuracy and Stability of Numerical Algorithms, 3.1]. The two results may differ
 * by twice that; we allow {@code 2 * (k+2) * 1.01 * u * scale} plus the smallest normal number.
 * A wrong index or a missed update produces an error of the order of the scale itself.
 */
final class GemmCase {

    final boolean transA;
    final boolean transB;
    final int m;
    final int n;
    final int k;
    final int lda;
    final int ldb;
    final int ldc;
    final int aOff;
    final int bOff;
    final int cOff;
    final double alpha;
    final double beta;
    /** Filled into C before the call: NaN checks that beta == 0 does not read C. */
    final boolean nanC;

    private final double[] a;
    private final double[] b;
    private final double[] c;

    GemmCase(boolean transA, boolean transB, int m, int n, int k, int padA, int padB, int padC,
             int aOff, int bOff, int cOff, double alpha, double beta, boolean nanC, long seed) {
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.lda = Math.max(1, (transA ? m : k) + padA);   // BLAS: ld >= max(1, cols)
        this.ldb = Math.max(1, (transB ? k : n) + padB);
        this.ldc = Math.max(1, n + padC);
        this.aOff = aOff;
        this.bOff = bOff;
        this.cOff = cOff;
        this.alpha = alpha;
        this.beta = beta;
        this.nanC = nanC;
        Random rnd = new Random(seed);
        int aRows = transA ? k : m;
        int bRows = transB ? n : k;
        a = fill(rnd, aOff + aRows * lda + 3);
        b = fill(rnd, bOff + bRows * ldb + 3);
        c = fill(rnd, cOff + m * ldc + 3);
        if (nanC) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c[cOff + i * ldc + j] = Double.NaN;
                }
            }
        }
    }

    /** Values in [-1, 1), exactly representable in F32 so both precisions see the same input. */
    private static double[] fill(Random rnd, int size) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (2 * rnd.nextDouble() - 1);
        }
        return x;
    }

    @Override
    public String toString() {
        return String.format("%s%s m=%d n=%d k=%d lda=%d ldb=%d ldc=%d off=(%d,%d,%d) alpha=%s beta=%s%s",
                transA ? "T" : "N", transB ? "T" : "N", m, n, k, lda, ldb, ldc, aOff, bOff, cOff, alpha, beta,
                nanC ? " C=NaN" : "");
    }

    private static float[] f32(double[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) x[i];
        }
        return y;
    }

    float[] runF32(GemmKernels g) {
        float[] out = f32(c);
        g.sgemm(transA, transB, m, n, k, (float) alpha, f32(a), aOff, lda, f32(b), bOff, ldb,
                (float) beta, out, cOff, ldc);
        return out;
    }

    double[] runF64(GemmKernels g) {
        double[] out = c.clone();
        g.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, out, cOff, ldc);
        return out;
    }

    /** Compares {@code impl} with the scalar oracle in F32 and F64. */
    void check(GemmKernels impl) {
        float[] expF = runF32(new ScalarGemm());
        float[] gotF = runF32(impl);
        double[] expD = runF64(new ScalarGemm());
        double[] gotD = runF64(impl);
        double[] expF64 = new double[expF.length];
        double[] gotF64 = new double[gotF.length];
        for (int i = 0; i < expF.length; i++) {
            expF64[i] = expF[i];
            gotF64[i] = gotF[i];
        }
        compare("F32", expF64, gotF64, 0x1p-24, Float.MIN_NORMAL);
        compare("F64", expD, gotD, 0x1p-53, Double.MIN_NORMAL);
    }

    private void compare(String type, double[] exp, double[] got, double u, double tiny) {
        assertEquals(exp.length, got.length);
        for (int idx = 0; idx < exp.length; idx++) {
            int rel = idx - cOff;
            int i = rel >= 0 ? rel / ldc : -1;
            int j = rel >= 0 ? rel % ldc : -1;
            boolean inside = i >= 0 && i < m && j < n;
            if (!inside) {
                // outside the C window nothing may change (bitwise)
                if (Double.doubleToRawLongBits(exp[idx]) != Double.doubleToRawLongBits(got[idx])) {
                    fail(type + " " + this + ": element " + idx + " outside C was modified: " + got[idx]);
                }
                continue;
            }
            if (Double.isNaN(got[idx])) {
                fail(type + " " + this + ": NaN at C(" + i + "," + j + ")");
            }
            double scale = Math.abs(beta) == 0 ? 0 : Math.abs(beta * c[idx]);
            for (int p = 0; p < k; p++) {
                double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                double bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                scale += Math.abs(alpha * av * bv);
            }
            double tol = 2 * (k + 2) * 1.01 * u * scale + tiny;
            double diff = Math.abs(exp[idx] - got[idx]);
            if (!(diff <= tol)) {
                fail(type + " " + this + ": C(" + i + "," + j + ") expected " + exp[idx]
                        + " got " + got[idx] + " |diff| " + diff + " > tol " + tol);
            }
        }
    }
}
