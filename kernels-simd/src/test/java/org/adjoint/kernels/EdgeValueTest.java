package org.adjoint.kernels;

import static org.adjoint.kernels.KernelTesting.F32_LANES;
import static org.adjoint.kernels.KernelTesting.F64_LANES;
import static org.adjoint.kernels.KernelTesting.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * NaN, infinities, signed zeros and huge magnitudes, placed so that they land in full vectors
 * (each edge array is repeated past several vector widths), checked against the mathematical
 * definitions rather than against the twin alone.
 */
class EdgeValueTest {

    private static final float NAN = Float.NaN;
    private static final float INF = Float.POSITIVE_INFINITY;

    /** {@code base} repeated to cover at least three vectors plus a tail. */
    static float[] tiled(int lanes, float... base) {
        float[] a = new float[3 * lanes + base.length + 1];
        for (int i = 0; i < a.length; i++) {
            a[i] = base[i % base.length];
        }
        return a;
    }

    /** Equal (including both NaN or the same infinity) or within {@code ulps} ulp of {@code expected}. */
    static boolean close(double expected, double actual, int ulps) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            return Double.compare(expected, actual) == 0;
        }
        return Math.abs(expected - actual) <= ulps * Math.ulp((float) expected);
    }

    static double[] widen(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    @Test
    void maxMinPropagateNaNAndOrderSignedZeros() {
        float[] a = tiled(F32_LANES, NAN, 1f, NAN, -0f, 0f, 2f, -INF);
        float[] b = tiled(F32_LANES, 1f, NAN, NAN, 0f, -0f, 3f, INF);
        for (Kernels k : KernelTesting.underTest()) {
            for (BinaryOp op : new BinaryOp[] {BinaryOp.MAX, BinaryOp.MIN}) {
                float[] out = new float[a.length];
                k.elementwise().binary(op, a, 0, a.length, 1, b, 0, b.length, 1, out, 0, 1, a.length);
                double[] ad = widen(a);
                double[] bd = widen(b);
                double[] outD = new double[a.length];
                k.elementwise().binary(op, ad, 0, a.length, 1, bd, 0, b.length, 1, outD, 0, 1, a.length);
                for (int i = 0; i < a.length; i++) {
                    float expected = op == BinaryOp.MAX ? Math.max(a[i], b[i]) : Math.min(a[i], b[i]);
                    String what = label(k, op, a[i], b[i]);
                    assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(out[i]), what + " f32");
                    assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(outD[i]), what + " f64");
                }
            }
        }
    }

    @Test
    void comparisonsWithNaNAreFalseExceptNotEqual() {
        float[] a = tiled(F32_LANES, NAN, 1f, NAN, INF, -0f);
        float[] b = tiled(F32_LANES, 1f, NAN, NAN, INF, 0f);
        for (Kernels k : KernelTesting.underTest()) {
            for (BinaryOp op : BinaryOp.values()) {
                if (!op.isComparison()) {
                    continue;
                }
                float[] out = new float[a.length];
                k.elementwise().binary(op, a, 0, a.length, 1, b, 0, b.length, 1, out, 0, 1, a.length);
                for (int i = 0; i < a.length; i++) {
                    boolean anyNaN = Float.isNaN(a[i]) || Float.isNaN(b[i]);
                    // -0 == 0 and inf == inf follow the reference; any NaN makes all but NE false
                    float expected = anyNaN ? (op == BinaryOp.NE ? 1 : 0) : (float) op.apply(a[i], b[i]);
                    assertEquals(expected, out[i], label(k, op, a[i], b[i]));
                }
            }
        }
    }

    @Test
    void infinitiesInArithmetic() {
        float[] a = tiled(F32_LANES, INF, INF, -INF, 1f, 0f);
        float[] b = tiled(F32_LANES, -INF, 1f, -INF, 0f, 0f);
        for (Kernels k : KernelTesting.underTest()) {
            float[] sum = new float[a.length];
            float[] quotient = new float[a.length];
            k.elementwise().binary(BinaryOp.ADD, a, 0, a.length, 1, b, 0, b.length, 1, sum, 0, 1, a.length);
            k.elementwise().binary(BinaryOp.DIV, a, 0, a.length, 1, b, 0, b.length, 1, quotient, 0, 1, a.length);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i] + b[i], sum[i], label(k, "add", a[i], b[i])); // inf + -inf = NaN
                assertEquals(a[i] / b[i], quotient[i], label(k, "div", a[i], b[i])); // 1/0 = inf, 0/0 = NaN
            }
        }
    }

    @Test
    void expLogAndRootsAtTheEdges() {
        float[] x = tiled(F32_LANES, 0f, -0f, -1f, INF, -INF, NAN, 100f, -200f, 1f);
        for (Kernels k : KernelTesting.underTest()) {
            ElementwiseKernels e = k.elementwise();
            float[] exp = new float[x.length];
            float[] log = new float[x.length];
            float[] log1p = new float[x.length];
            float[] sqrt = new float[x.length];
            e.unary(UnaryOp.EXP, 0, x, 0, exp, 0, x.length);
            e.unary(UnaryOp.LOG, 0, x, 0, log, 0, x.length);
            e.unary(UnaryOp.SQRT, 0, x, 0, sqrt, 0, x.length);
            float[] shifted = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                shifted[i] = x[i] == -1f ? -1f : x[i] - 1; // log1p(-1) = -inf
            }
            e.unary(UnaryOp.LOG1P, 0, shifted, 0, log1p, 0, x.length);
            for (int i = 0; i < x.length; i++) {
                String what = label(k, "x", x[i]);
                assertEquals((float) Math.exp(x[i]), exp[i], what + " exp"); // exp(100f) overflows to inf, exp(-200f) to 0
                assertEquals((float) Math.log(x[i]), log[i], what + " log"); // log(0) = -inf, log(-1) = NaN
                assertEquals((float) Math.sqrt(x[i]), sqrt[i], what + " sqrt");
                float lp = (float) Math.log1p(shifted[i]);
                assertTrue(close(lp, log1p[i], 2), what + " log1p " + lp + " vs " + log1p[i]);
            }
        }
    }

    @Test
    void sigmoidAndSoftplusSaturateWithoutOverflow() {
        float[] x = tiled(F32_LANES, 50f, -50f, 100f, -100f, 1e4f, -1e4f, 1e30f, -1e30f, INF, -INF, 0f);
        for (Kernels k : KernelTesting.underTest()) {
            float[] sig = new float[x.length];
            float[] sp = new float[x.length];
            k.elementwise().unary(UnaryOp.SIGMOID, 0, x, 0, sig, 0, x.length);
            k.elementwise().unary(UnaryOp.SOFTPLUS, 0, x, 0, sp, 0, x.length);
            double[] xd = widen(x);
            double[] sigD = new double[x.length];
            double[] spD = new double[x.length];
            k.elementwise().unary(UnaryOp.SIGMOID, 0, xd, 0, sigD, 0, x.length);
            k.elementwise().unary(UnaryOp.SOFTPLUS, 0, xd, 0, spD, 0, x.length);
            for (int i = 0; i < x.length; i++) {
                String what = label(k, "x", x[i]);
                assertTrue(sig[i] >= 0 && sig[i] <= 1, what + " sigmoid " + sig[i]);
                assertTrue(sigD[i] >= 0 && sigD[i] <= 1, what + " sigmoid f64 " + sigD[i]);
                if (x[i] >= 50) {
                    assertEquals(1f, sig[i], what);
                } else if (x[i] <= -1e4f) {
                    assertEquals(0f, sig[i], what);
                } else if (x[i] < 0) {
                    float expected = (float) Math.exp(x[i]); // sigmoid(x) = e^x (1 + O(e^x)) for x << 0
                    assertTrue(Math.abs(sig[i] - expected) <= 2 * Math.ulp(expected), what + " " + sig[i]);
                }
                // softplus(x) = x + log1p(e^-x) -> x for x >> 0, e^x -> 0 for x << 0; never NaN
                float spExpected = x[i] > 0 ? x[i] : (float) Math.exp(x[i]);
                if (x[i] != 0) {
                    assertTrue(close(spExpected, sp[i], 2), what + " softplus " + sp[i]);
                    assertTrue(close(x[i] > 0 ? x[i] : Math.exp(x[i]), spD[i], 2), what + " softplus f64 " + spD[i]);
                }
            }
        }
    }

    @Test
    void reductionsPropagateNaNAndInfinity() {
        int n = 4 * F32_LANES + 3;
        for (Kernels k : KernelTesting.underTest()) {
            for (int pos : new int[] {0, F32_LANES + 1, n - 1}) { // in the unrolled body, a vector, the tail
                float[] x = new float[n];
                for (int i = 0; i < n; i++) {
                    x[i] = i;
                }
                float[] out = new float[1];
                x[pos] = NAN;
                for (ReduceOp op : ReduceOp.values()) {
                    k.reductions().reduce(op, x, 0, 1, n, 1, out, 0);
                    assertTrue(Float.isNaN(out[0]), label(k, op, "NaN at", pos, "gave", out[0]));
                }
                x[pos] = INF;
                k.reductions().reduce(ReduceOp.SUM, x, 0, 1, n, 1, out, 0);
                assertEquals(INF, out[0], label(k, "sum with inf at", pos));
                k.reductions().reduce(ReduceOp.MAX, x, 0, 1, n, 1, out, 0);
                assertEquals(INF, out[0], label(k, "max with inf at", pos));
                x[(pos + 3) % n] = -INF;
                k.reductions().reduce(ReduceOp.SUM, x, 0, 1, n, 1, out, 0);
                assertTrue(Float.isNaN(out[0]), label(k, "inf + -inf at", pos));
                k.reductions().reduce(ReduceOp.MIN, x, 0, 1, n, 1, out, 0);
                assertEquals(-INF, out[0], label(k, "min with -inf at", pos));
            }
            float[] empty = {7f, 7f, 7f};
            for (ReduceOp op : ReduceOp.values()) {
                k.reductions().reduce(op, new float[0], 0, 1, 0, 1, empty, 1);
                assertEquals((float) ScalarReductions.identityF(op), empty[1], label(k, op, "empty"));
            }
        }
    }

    @Test
    void softmaxIsStableForHugeLogits() {
        int cols = 2 * F64_LANES * 4 + 3;
        for (Kernels k : KernelTesting.underTest()) {
            float[] x = new float[cols];
            double[] xd = new double[cols];
            for (int c = 0; c < cols; c++) {
                x[c] = c == 5 ? 1e4f : -1e4f + c;
                xd[c] = x[c];
            }
            float[] y = new float[cols];
            double[] yd = new double[cols];
            k.reductions().softmax(x, 0, 1, cols, y, 0);
            k.reductions().softmax(xd, 0, 1, cols, yd, 0);
            for (int c = 0; c < cols; c++) {
                assertEquals(c == 5 ? 1f : 0f, y[c], label(k, "softmax f32 col", c));
                assertEquals(c == 5 ? 1.0 : 0.0, yd[c], label(k, "softmax f64 col", c));
            }
            float[] lse = new float[2];
            float[] rows = new float[2 * cols];
            for (int c = 0; c < cols; c++) {
                rows[c] = -INF;
                rows[cols + c] = c == 3 ? INF : c;
            }
            k.reductions().logSumExp(rows, 0, 2, cols, lse, 0);
            assertEquals(-INF, lse[0], label(k, "logsumexp of all -inf"));
            assertEquals(INF, lse[1], label(k, "logsumexp with +inf"));
            float[] logp = new float[cols];
            k.reductions().logSoftmax(x, 0, 1, cols, logp, 0);
            assertEquals(0f, logp[5], label(k, "log-softmax of the dominant logit"));
            assertTrue(logp[0] <= -1.9e4f && !Float.isInfinite(logp[0]), label(k, "log-softmax stays finite", logp[0]));
        }
    }

    /**
     * Rows shorter than a vector are exponentiated many rows per vector pass: every row, across
     * the chunks of that pass (500 rows), must still match the scalar twin, including a row of
     * -inf (log-sum-exp -inf), a row with +inf, a row with NaN, and huge logits.
     */
    @Test
    void shortRowsMatchTheTwinAcrossChunks() {
        ScalarReductions twin = new ScalarReductions();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(21);
        for (int cols : new int[] {1, 3, 5}) {
            int rows = 500;
            float[] x = new float[rows * cols];
            double[] xd = new double[rows * cols];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (rnd.nextDouble() * 40 - 20);
            }
            for (int c = 0; c < cols; c++) {
                x[7 * cols + c] = -INF;
                x[450 * cols + c] = c == 0 ? 1e4f : -1e4f;
            }
            x[300 * cols] = INF;
            x[301 * cols + cols - 1] = Float.NaN;
            for (int i = 0; i < x.length; i++) {
                xd[i] = x[i];
            }
            float[] e = new float[rows * cols];
            double[] ed = new double[rows * cols];
            float[] lse = new float[rows];
            double[] lsed = new double[rows];
            twin.softmax(x, 0, rows, cols, e, 0);
            twin.softmax(xd, 0, rows, cols, ed, 0);
            twin.logSumExp(x, 0, rows, cols, lse, 0);
            twin.logSumExp(xd, 0, rows, cols, lsed, 0);
            for (Kernels k : KernelTesting.underTest()) {
                float[] a = new float[rows * cols];
                double[] ad = new double[rows * cols];
                float[] lseA = new float[rows];
                double[] lsedA = new double[rows];
                k.reductions().softmax(x, 0, rows, cols, a, 0);
                k.reductions().softmax(xd, 0, rows, cols, ad, 0);
                k.reductions().logSumExp(x, 0, rows, cols, lseA, 0);
                k.reductions().logSumExp(xd, 0, rows, cols, lsedA, 0);
                for (int i = 0; i < a.length; i++) {
                    assertClose(e[i], a[i], 2e-6, label(k, "softmax f32 cols", cols, "element", i));
                    assertClose(ed[i], ad[i], 1e-14, label(k, "softmax f64 cols", cols, "element", i));
                }
                for (int r = 0; r < rows; r++) {
                    assertClose(lse[r], lseA[r], 2e-6, label(k, "logSumExp f32 cols", cols, "row", r));
                    assertClose(lsed[r], lsedA[r], 1e-14, label(k, "logSumExp f64 cols", cols, "row", r));
                }
                assertEquals(-INF, lseA[7], label(k, "logSumExp of -inf row, cols", cols));
                assertEquals(INF, lseA[300], label(k, "logSumExp with +inf, cols", cols));
                assertTrue(Float.isNaN(lseA[301]), label(k, "logSumExp with NaN, cols", cols));
                assertEquals(1f, a[450 * cols], label(k, "softmax of huge logits, cols", cols));
            }
        }
    }

    /** Equal as values (NaN to NaN, infinities to themselves) or within {@code rel} of each other. */
    private static void assertClose(double expected, double actual, double rel, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
        } else {
            assertTrue(Math.abs(expected - actual) <= rel * Math.max(1, Math.abs(expected)), what + ": " + expected + " vs " + actual);
        }
    }
}
