package org.adjoint.kernels;

import static org.adjoint.kernels.KernelTesting.F32_LANES;
import static org.adjoint.kernels.KernelTesting.F64_LANES;
import static org.adjoint.kernels.KernelTesting.OFFSETS;
import static org.adjoint.kernels.KernelTesting.assertUlps;
import static org.adjoint.kernels.KernelTesting.guarded;
import static org.adjoint.kernels.KernelTesting.guardedD;
import static org.adjoint.kernels.KernelTesting.label;
import static org.adjoint.kernels.KernelTesting.padded;
import static org.adjoint.kernels.KernelTesting.paddedD;
import static org.adjoint.kernels.KernelTesting.sizes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Vector API reductions against the scalar twins.
 *
 * <p>Bounds. MAX and MIN are exact (order does not matter). Column reductions ({@code inner > 1})
 * add in the twin's order and are exact. Row sums use four accumulators, so they differ from the
 * twin's left-to-right sum by rounding only: each of two summation orders is within
 * {@code (n-1) u sum|x|} of the exact sum (u = eps/2), so they are within {@code n eps sum|x|}
 * of each other. Softmax: every term is positive, so the sum's relative error is at most
 * {@code cols eps}; each exponential is within 2 ulp; hence {@code (cols + 4) eps} relative per
 * element. log-softmax and logsumexp: the sum's relative error becomes an absolute error in
 * {@code log(sum)}, plus rounding of {@code max + log(sum)} and {@code x - lse}.
 */
class ReductionParityTest {

    private static final double EPS_F = Math.ulp(1f);
    private static final double EPS_D = Math.ulp(1.0);

    @Test
    void rowsF32() {
        ScalarReductions twin = new ScalarReductions();
        SplittableRandom rnd = new SplittableRandom(11);
        for (Kernels k : KernelTesting.underTest()) {
            for (ReduceOp op : ReduceOp.values()) {
                for (int n : sizes(F32_LANES)) {
                    for (int off : OFFSETS) {
                        int outer = n > 10_000 ? 1 : 3;
                        float[] x = padded(rnd, off, outer * n, -3, 5);
                        float[] expected = guarded(outer + 2);
                        float[] actual = guarded(outer + 2);
                        twin.reduce(op, x, off, outer, n, 1, expected, 1);
                        k.reductions().reduce(op, x, off, outer, n, 1, actual, 1);
                        String what = label(k, op, "rows f32 n", n, "off", off);
                        if (op != ReduceOp.SUM) {
                            assertUlps(expected, actual, 0, what);
                            continue;
                        }
                        for (int o = 0; o < outer; o++) {
                            double abs = 0;
                            for (int i = 0; i < n; i++) {
                                abs += Math.abs(x[off + o * n + i]);
                            }
                            double tol = n * EPS_F * abs;
                            double diff = Math.abs(expected[1 + o] - actual[1 + o]);
                            assertTrue(diff <= tol, what + " row " + o + ": " + expected[1 + o] + " vs " + actual[1 + o]
                                    + " differ by " + diff + " > " + tol);
                        }
                    }
                }
            }
        }
    }

    @Test
    void rowsF64() {
        ScalarReductions twin = new ScalarReductions();
        SplittableRandom rnd = new SplittableRandom(12);
        for (Kernels k : KernelTesting.underTest()) {
            for (ReduceOp op : ReduceOp.values()) {
                for (int n : sizes(F64_LANES)) {
                    for (int off : OFFSETS) {
                        int outer = n > 10_000 ? 1 : 3;
                        double[] x = paddedD(rnd, off, outer * n, -3, 5);
                        double[] expected = guardedD(outer + 2);
                        double[] actual = guardedD(outer + 2);
                        twin.reduce(op, x, off, outer, n, 1, expected, 1);
                        k.reductions().reduce(op, x, off, outer, n, 1, actual, 1);
                        String what = label(k, op, "rows f64 n", n, "off", off);
                        if (op != ReduceOp.SUM) {
                            assertUlps(expected, actual, 0, what);
                            continue;
                        }
                        for (int o = 0; o < outer; o++) {
                            double abs = 0;
                            for (int i = 0; i < n; i++) {
                                abs += Math.abs(x[off + o * n + i]);
                            }
                            double tol = n * EPS_D * abs;
                            double diff = Math.abs(expected[1 + o] - actual[1 + o]);
                            assertTrue(diff <= tol, what + " row " + o + ": differ by " + diff + " > " + tol);
                        }
                    }
                }
            }
        }
    }

    @Test
    void columnsAreExact() {
        ScalarReductions twin = new ScalarReductions();
        SplittableRandom rnd = new SplittableRandom(13);
        for (Kernels k : KernelTesting.underTest()) {
            for (ReduceOp op : ReduceOp.values()) {
                for (int inner : sizes(F32_LANES)) {
                    if (inner <= 1) {
                        continue;
                    }
                    int n = inner > 10_000 ? 3 : 13;
                    int outer = inner > 10_000 ? 1 : 2;
                    float[] x = padded(rnd, 3, outer * n * inner, -3, 5);
                    float[] expected = guarded(outer * inner + 1);
                    float[] actual = guarded(outer * inner + 1);
                    twin.reduce(op, x, 3, outer, n, inner, expected, 1);
                    k.reductions().reduce(op, x, 3, outer, n, inner, actual, 1);
                    assertUlps(expected, actual, 0, label(k, op, "columns f32 inner", inner));

                    double[] xd = paddedD(rnd, 1, outer * n * inner, -3, 5);
                    double[] expectedD = guardedD(outer * inner + 1);
                    double[] actualD = guardedD(outer * inner + 1);
                    twin.reduce(op, xd, 1, outer, n, inner, expectedD, 0);
                    k.reductions().reduce(op, xd, 1, outer, n, inner, actualD, 0);
                    assertUlps(expectedD, actualD, 0, label(k, op, "columns f64 inner", inner));
                }
            }
        }
    }

    @Test
    void argReduceMatches() {
        ScalarReductions twin = new ScalarReductions();
        SplittableRandom rnd = new SplittableRandom(14);
        for (Kernels k : KernelTesting.underTest()) {
            for (ReduceOp op : new ReduceOp[] {ReduceOp.MAX, ReduceOp.MIN}) {
                for (int inner : new int[] {1, 5}) {
                    float[] x = padded(rnd, 2, 4 * 207 * inner, -3, 3);
                    int[] expected = new int[4 * inner];
                    int[] actual = new int[4 * inner];
                    twin.argReduce(op, x, 2, 4, 207, inner, expected, 0);
                    k.reductions().argReduce(op, x, 2, 4, 207, inner, actual, 0);
                    assertArrayEquals(expected, actual, label(k, op, "arg f32 inner", inner));
                    double[] xd = paddedD(rnd, 2, 4 * 207 * inner, -3, 3);
                    twin.argReduce(op, xd, 2, 4, 207, inner, expected, 0);
                    k.reductions().argReduce(op, xd, 2, 4, 207, inner, actual, 0);
                    assertArrayEquals(expected, actual, label(k, op, "arg f64 inner", inner));
                }
            }
        }
    }

    @Test
    void rowNormalizationsF32() {
        ScalarReductions twin = new ScalarReductions();
        SplittableRandom rnd = new SplittableRandom(15);
        for (Kernels k : KernelTesting.underTest()) {
            for (int cols : sizes(F32_LANES)) {
                int rows = cols > 10_000 ? 1 : 3;
                float[] x = padded(rnd, 1, rows * cols, -20, 20);
                String what = label(k, "f32 cols", cols);
                float[] e = guarded(rows * cols + 3);
                float[] a = guarded(rows * cols + 3);
                twin.softmax(x, 1, rows, cols, e, 2);
                k.reductions().softmax(x, 1, rows, cols, a, 2);
                for (int i = 0; i < e.length; i++) {
                    double tol = (cols + 4) * EPS_F * Math.abs(e[i]);
                    assertTrue(Math.abs(e[i] - a[i]) <= tol, what + " softmax[" + i + "] " + e[i] + " vs " + a[i]);
                }
                float[] lseE = guarded(rows + 2);
                float[] lseA = guarded(rows + 2);
                twin.logSumExp(x, 1, rows, cols, lseE, 1);
                k.reductions().logSumExp(x, 1, rows, cols, lseA, 1);
                for (int i = 0; i < lseE.length; i++) {
                    double tol = EPS_F * (cols + 4 + 2 * Math.abs(lseE[i]));
                    assertTrue(Math.abs(lseE[i] - lseA[i]) <= tol || lseE[i] == lseA[i],
                            what + " logSumExp[" + i + "] " + lseE[i] + " vs " + lseA[i]);
                }
                twin.logSoftmax(x, 1, rows, cols, e, 2);
                k.reductions().logSoftmax(x, 1, rows, cols, a, 2);
                for (int i = 0; i < e.length; i++) {
                    double tol = EPS_F * (cols + 4 + 2 * 25 + Math.abs(e[i]));
                    assertTrue(Math.abs(e[i] - a[i]) <= tol, what + " logSoftmax[" + i + "] " + e[i] + " vs " + a[i]);
                }
            }
        }
    }

    @Test
    void rowNormalizationsF64() {
        ScalarReductions twin = new ScalarReductions();
        SplittableRandom rnd = new SplittableRandom(16);
        for (Kernels k : KernelTesting.underTest()) {
            for (int cols : sizes(F64_LANES)) {
                int rows = cols > 10_000 ? 1 : 3;
                double[] x = paddedD(rnd, 1, rows * cols, -20, 20);
                String what = label(k, "f64 cols", cols);
                double[] e = guardedD(rows * cols + 3);
                double[] a = guardedD(rows * cols + 3);
                twin.softmax(x, 1, rows, cols, e, 2);
                k.reductions().softmax(x, 1, rows, cols, a, 2);
                for (int i = 0; i < e.length; i++) {
                    double tol = (cols + 4) * EPS_D * Math.abs(e[i]);
                    assertTrue(Math.abs(e[i] - a[i]) <= tol, what + " softmax[" + i + "] " + e[i] + " vs " + a[i]);
                }
                double[] lseE = guardedD(rows + 2);
                double[] lseA = guardedD(rows + 2);
                twin.logSumExp(x, 1, rows, cols, lseE, 1);
                k.reductions().logSumExp(x, 1, rows, cols, lseA, 1);
                for (int i = 0; i < lseE.length; i++) {
                    double tol = EPS_D * (cols + 4 + 2 * Math.abs(lseE[i]));
                    assertTrue(Math.abs(lseE[i] - lseA[i]) <= tol || lseE[i] == lseA[i],
                            what + " logSumExp[" + i + "] " + lseE[i] + " vs " + lseA[i]);
                }
                twin.logSoftmax(x, 1, rows, cols, e, 2);
                k.reductions().logSoftmax(x, 1, rows, cols, a, 2);
                for (int i = 0; i < e.length; i++) {
                    double tol = EPS_D * (cols + 4 + 2 * 25 + Math.abs(e[i]));
                    assertTrue(Math.abs(e[i] - a[i]) <= tol, what + " logSoftmax[" + i + "] " + e[i] + " vs " + a[i]);
                }
            }
        }
    }

    @Test
    void repeatedRunsGiveIdenticalBits() {
        SplittableRandom rnd = new SplittableRandom(17);
        float[] x = padded(rnd, 0, 100_003, -1, 1);
        ReductionKernels r = new PanamaReductions();
        float[] first = new float[1];
        r.reduce(ReduceOp.SUM, x, 0, 1, x.length - 2, 1, first, 0);
        for (int rep = 0; rep < 50; rep++) { // crosses interpreter, C1 and C2 code
            float[] again = new float[1];
            r.reduce(ReduceOp.SUM, x, 0, 1, x.length - 2, 1, again, 0);
            assertUlps(first, again, 0, "repeat " + rep);
        }
    }
}
