package org.adjoint.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The deterministic vector pow ({@link VectorMathF64#pow}, F64 and F32 entries) against
 * {@link Math#pow}: ulp bounds over large random samples, and every special case of Math.pow's
 * contract bit for bit.
 *
 * <p>Samples (F64 and, in float, F32): a base with random bits (every exponent, subnormals, both
 * signs) and an exponent chosen so that |x|^y spans the whole range from below the smallest
 * subnormal to beyond overflow (y = t / log2|x|, t uniform; for a negative base y is rounded to
 * an integer half of the time, so that signed results appear); t concentrated on the overflow and
 * the subnormal edges; bases near 1 with huge exponents (where a single-double log would lose
 * bits); moderate bases and exponents; integer powers of integers (exact results must be exact);
 * and random bit patterns for both operands.
 *
 * <p>Bounds: F64 within 2 ulp of Math.pow. NOTE: not 1, because Math.pow is itself up to 2 ulp
 * off for bases near 1 with huge exponents (HotSpot's pow stub, JDK 17 and 25; e.g.
 * pow(0.9999997614486713, -2.5435318153903127E9): Math.pow 2.02 ulp from the exact value, ours
 * 0.02, measured with mpmath at 400 bits; on every 2-ulp difference of this sample ours was within
 * 0.5 ulp). F32 within 1 ulp of {@code (float) Math.pow(a, b)} (the scalar twin): the double
 * result rounds to the same float but within ~2^-50 of a midpoint. NaN must be NaN, and zeros and
 * infinities must match exactly (with their sign).
 */
class VectorPowTest {

    private static final int LANES_D = VectorWidth.F64.length();
    private static final int SAMPLES = 1 << 18;

    // ---------------------------------------------------------------- samples

    /** Pairs (x[i], y[i]) of every kind described in the class comment, a multiple of every vector length. */
    private static double[][] samplesF64(SplittableRandom rnd) {
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        // |x|^y across the whole range, and concentrated on the overflow and subnormal edges
        double[][] tRanges = {{-1090, 1040}, {1015, 1030}, {-1080, -1015}, {-40, 40}};
        for (double[] t : tRanges) {
            double[] x = new double[SAMPLES];
            double[] y = new double[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                double a = Double.longBitsToDouble(rnd.nextLong() & 0x7fef_ffff_ffff_ffffL);   // finite, >= 0
                double l2 = Math.log(a) / Math.log(2);
                double yi = l2 == 0 || Double.isInfinite(l2) ? rnd.nextDouble(-4, 4) : rnd.nextDouble(t[0], t[1]) / l2;
                boolean negative = rnd.nextBoolean();
                if (negative && rnd.nextBoolean()) {
                    yi = Math.rint(yi);
                }
                x[i] = negative ? -a : a;
                y[i] = yi;
            }
            xs.add(x);
            ys.add(y);
        }
        // near 1, with exponents that reach the edges: the log's low bits decide every result
        double[] x = new double[SAMPLES];
        double[] y = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            double d = Math.scalb(rnd.nextDouble(-1, 1), -rnd.nextInt(1, 50));
            x[i] = 1 + d;
            double l = Math.log1p(d);
            y[i] = l == 0 ? rnd.nextDouble(-1e6, 1e6) : rnd.nextDouble(-745, 709) / l;
        }
        xs.add(x);
        ys.add(y);
        // moderate operands, integer powers of integers, random bits
        x = new double[SAMPLES];
        y = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            x[i] = rnd.nextDouble(0, 10);
            y[i] = rnd.nextDouble(-30, 30);
        }
        xs.add(x);
        ys.add(y);
        x = new double[SAMPLES];
        y = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            x[i] = rnd.nextInt(-40, 41);
            y[i] = rnd.nextInt(-60, 61);
        }
        xs.add(x);
        ys.add(y);
        x = new double[SAMPLES];
        y = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            x[i] = Double.longBitsToDouble(rnd.nextLong());
            y[i] = Double.longBitsToDouble(rnd.nextLong());
        }
        xs.add(x);
        ys.add(y);
        return new double[][] {concat(xs), concat(ys)};
    }

    private static double[] concat(List<double[]> parts) {
        int total = parts.stream().mapToInt(p -> p.length).sum();
        double[] all = new double[total];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** The float samples: the double ones with t scaled to float's range, rounded to float. */
    private static float[][] samplesF32(SplittableRandom rnd) {
        List<float[]> xs = new ArrayList<>();
        List<float[]> ys = new ArrayList<>();
        double[][] tRanges = {{-160, 140}, {120, 135}, {-155, -120}, {-20, 20}};
        for (double[] t : tRanges) {
            float[] x = new float[SAMPLES];
            float[] y = new float[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                float a = Float.intBitsToFloat(rnd.nextInt() & 0x7f7f_ffff);                 // finite, >= 0
                double l2 = Math.log(a) / Math.log(2);
                float yi = (float) (l2 == 0 || Double.isInfinite(l2) ? rnd.nextDouble(-4, 4)
                        : rnd.nextDouble(t[0], t[1]) / l2);
                boolean negative = rnd.nextBoolean();
                if (negative && rnd.nextBoolean()) {
                    yi = (float) Math.rint(yi);
                }
                x[i] = negative ? -a : a;
                y[i] = yi;
            }
            xs.add(x);
            ys.add(y);
        }
        float[] x = new float[SAMPLES];
        float[] y = new float[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            x[i] = (float) (1 + Math.scalb(rnd.nextDouble(-1, 1), -rnd.nextInt(1, 24)));
            double l = Math.log(x[i]);
            y[i] = (float) (l == 0 ? rnd.nextDouble(-1e6, 1e6) : rnd.nextDouble(-103, 88) / l);
        }
        xs.add(x);
        ys.add(y);
        x = new float[SAMPLES];
        y = new float[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            x[i] = (float) rnd.nextDouble(0, 10);
            y[i] = (float) rnd.nextDouble(-30, 30);
        }
        xs.add(x);
        ys.add(y);
        x = new float[SAMPLES];
        y = new float[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            x[i] = rnd.nextInt(-20, 21);
            y[i] = rnd.nextInt(-30, 31);
        }
        xs.add(x);
        ys.add(y);
        x = new float[SAMPLES];
        y = new float[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            x[i] = Float.intBitsToFloat(rnd.nextInt());
            y[i] = Float.intBitsToFloat(rnd.nextInt());
        }
        xs.add(x);
        ys.add(y);
        int total = xs.stream().mapToInt(p -> p.length).sum();
        float[][] all = new float[2][total];
        int at = 0;
        for (int p = 0; p < xs.size(); p++) {
            System.arraycopy(xs.get(p), 0, all[0], at, xs.get(p).length);
            System.arraycopy(ys.get(p), 0, all[1], at, ys.get(p).length);
            at += xs.get(p).length;
        }
        return all;
    }

    // ---------------------------------------------------------------- ulp bounds

    /**
     * F64: identical to Math.pow or within 1 ulp of the exact value (a 50-digit BigDecimal pow,
     * {@link #exactUlps}) — and never more than 3 ulp from Math.pow, whose own error reaches 2.7
     * ulp on these samples.
     */
    @Test
    void doublePowIsWithinOneUlpOfTheExactValueWhereItDiffersFromMathPow() {
        double[][] s = samplesF64(new SplittableRandom(20261201));
        double[] x = s[0];
        double[] y = s[1];
        double[] out = new double[x.length];
        VectorMathF64.pow(x, 0, 1, y, 0, 1, out, 0, x.length);
        check(x, y, out, 3);
        List<String> failures = new ArrayList<>();
        int differing = 0;
        double worstOurs = 0;
        double worstMath = 0;
        for (int i = 0; i < x.length; i++) {
            double m = Math.pow(x[i], y[i]);
            if (out[i] == m || !Double.isFinite(m) || m == 0) {
                continue;                                         // equal, or exactly determined (checked above)
            }
            differing++;
            double ours = exactUlps(x[i], y[i], out[i]);
            worstOurs = Math.max(worstOurs, ours);
            worstMath = Math.max(worstMath, exactUlps(x[i], y[i], m));
            if (ours > 1 && failures.size() < 20) {
                failures.add(String.format("f64 pow(%s, %s) = %s is %.3f ulp from the exact value (Math.pow: %s)",
                        x[i], y[i], out[i], ours, m));
            }
        }
        System.out.printf("f64 pow: where it differs from Math.pow (%d of %d), ours is at most %.3f ulp from the exact"
                + " value, Math.pow at most %.3f%n", differing, x.length, worstOurs, worstMath);
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    private static final java.math.MathContext MC = new java.math.MathContext(50);
    private static final java.math.BigDecimal LN2 = atanh2(java.math.BigDecimal.ONE.divide(java.math.BigDecimal.valueOf(3), MC));

    /** 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...), |s| &lt;= 1/3, to 50 digits. */
    private static java.math.BigDecimal atanh2(java.math.BigDecimal s) {
        java.math.BigDecimal z = s.multiply(s, MC);
        java.math.BigDecimal term = s;
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        java.math.BigDecimal eps = java.math.BigDecimal.ONE.movePointLeft(60);
        for (int k = 1; term.abs().compareTo(eps) > 0; k += 2) {
            sum = sum.add(term.divide(java.math.BigDecimal.valueOf(k), MC), MC);
            term = term.multiply(z, MC);
        }
        return sum.add(sum);
    }

    /**
     * |actual - x^y| in ulps of the double, x^y to 50 digits: ln|x| = e ln2 + 2 atanh((m-1)/(m+1)),
     * t = y ln|x| = k ln2 + r, e^r by its Taylor series, times 2^k exactly.
     */
    static double exactUlps(double x, double y, double actual) {
        double ax = Math.abs(x);
        int e = Math.getExponent(ax) == Double.MIN_EXPONENT - 1 ? Math.getExponent(ax * 0x1p60) - 60 : Math.getExponent(ax);
        java.math.BigDecimal m = new java.math.BigDecimal(ax).multiply(java.math.BigDecimal.valueOf(2).pow(-e, MC), MC);
        java.math.BigDecimal one = java.math.BigDecimal.ONE;
        java.math.BigDecimal ln = LN2.multiply(java.math.BigDecimal.valueOf(e))
                .add(atanh2(m.subtract(one).divide(m.add(one), MC)), MC);
        java.math.BigDecimal t = ln.multiply(new java.math.BigDecimal(y), MC);
        long k = t.divide(LN2, MC).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        java.math.BigDecimal r = t.subtract(LN2.multiply(java.math.BigDecimal.valueOf(k)), MC);
        java.math.BigDecimal er = java.math.BigDecimal.ZERO;
        java.math.BigDecimal term = one;
        java.math.BigDecimal eps = java.math.BigDecimal.ONE.movePointLeft(60);
        for (int j = 1; term.abs().compareTo(eps) > 0; j++) {
            er = er.add(term, MC);
            term = term.multiply(r, MC).divide(java.math.BigDecimal.valueOf(j), MC);
        }
        java.math.BigDecimal two = java.math.BigDecimal.valueOf(2);
        java.math.BigDecimal exact = k >= 0 ? er.multiply(two.pow((int) k), MC)
                : er.divide(two.pow((int) -k), MC);
        java.math.BigDecimal a = new java.math.BigDecimal(Math.abs(actual));
        return a.subtract(exact).abs().divide(new java.math.BigDecimal(Math.ulp(actual)), MC).doubleValue();
    }

    @Test
    void floatPowIsWithinOneUlpOfTheScalarTwin() {
        float[][] s = samplesF32(new SplittableRandom(20261202));
        float[] x = s[0];
        float[] y = s[1];
        float[] out = new float[x.length];
        VectorMathF32.pow(x, 0, 1, y, 0, 1, out, 0, x.length);
        List<String> failures = new ArrayList<>();
        long worst = 0;
        int off = 0;
        for (int i = 0; i < x.length; i++) {
            float expected = (float) Math.pow(x[i], y[i]);
            long d = distance(expected, out[i]);
            worst = Math.max(worst, d);
            off += d == 0 ? 0 : 1;
            if (d > 1 && failures.size() < 20) {
                failures.add(String.format("f32 pow(%s, %s) [0x%08x, 0x%08x] = %s, Math.pow: %s (%s)", x[i], y[i],
                        Float.floatToRawIntBits(x[i]), Float.floatToRawIntBits(y[i]), out[i], expected,
                        d == Long.MAX_VALUE ? "not comparable" : d + " ulp"));
            }
        }
        System.out.printf("f32 pow: worst %d ulp, %d of %d not bit-identical to the twin (bound 1)%n", worst, off,
                x.length);
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    private static void check(double[] x, double[] y, double[] out, long bound) {
        List<String> failures = new ArrayList<>();
        long worst = 0;
        int off = 0;
        for (int i = 0; i < x.length; i++) {
            double expected = Math.pow(x[i], y[i]);
            long d = distance(expected, out[i]);
            worst = Math.max(worst, d);
            off += d == 0 ? 0 : 1;
            if (d > bound && failures.size() < 20) {
                failures.add(String.format("f64 pow(%s, %s) [0x%016x, 0x%016x] = %s, Math.pow: %s (%s)", x[i], y[i],
                        Double.doubleToRawLongBits(x[i]), Double.doubleToRawLongBits(y[i]), out[i], expected,
                        d == Long.MAX_VALUE ? "not comparable" : d + " ulp"));
            }
        }
        System.out.printf("f64 pow: worst %d ulp, %d of %d not bit-identical to Math.pow (bound %d)%n", worst, off,
                x.length, bound);
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    /** Ulps apart; NaN only matches NaN, and infinities and zeros (with their sign) must be exact. */
    private static long distance(float expected, float actual) {
        if (Float.isNaN(expected) || Float.isInfinite(expected) || expected == 0) {
            return Float.floatToIntBits(expected) == Float.floatToIntBits(actual) ? 0 : Long.MAX_VALUE;
        }
        return KernelTesting.ulps(expected, actual);
    }

    private static long distance(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isInfinite(expected) || expected == 0) {
            return Double.doubleToLongBits(expected) == Double.doubleToLongBits(actual) ? 0 : Long.MAX_VALUE;
        }
        return KernelTesting.ulps(expected, actual);
    }

    // ---------------------------------------------------------------- special cases

    /**
     * Operands that exercise every clause of Math.pow's contract: NaN, signed zeros, infinities,
     * +-1, |x| just below and above 1, odd and even integers (also beyond 2^52 and 2^53, where
     * every double is an even integer), non-integers, and the extremes.
     */
    static double[] specialOperands() {
        double[] base = {
            Double.NaN, 0, Double.POSITIVE_INFINITY, 1, Math.nextDown(1.0), Math.nextUp(1.0), 0.5, 2, 3, 4, 1.5,
            2.5, 0x1p52 - 0.5, 0x1p52 - 1, 0x1p52, 0x1p52 + 1, 0x1p53 - 1, 0x1p53, 0x1p53 + 2, 1e300,
            Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 1075, 1076, 0.25,
        };
        double[] out = new double[2 * base.length];
        for (int i = 0; i < base.length; i++) {
            out[2 * i] = base[i];
            out[2 * i + 1] = -base[i];
        }
        return out;
    }

    /**
     * Every pair of special operands, F64 and F32 (the float-representable ones), through the
     * vector pow and through the kernels' binary POW (both providers): identical bits to
     * Math.pow wherever its contract fixes the result (a NaN, an infinity, a zero, +-1, x itself
     * for y = 1, or an exactly representable integer power of an integer); within 1 ulp elsewhere.
     */
    @Test
    void specialCasesFollowMathPowBitForBit() {
        double[] ops = specialOperands();
        int pairs = ops.length * ops.length;
        int n = (pairs + LANES_D - 1) / LANES_D * LANES_D + LANES_D;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = ops[(i % pairs) / ops.length];
            y[i] = ops[i % ops.length];
        }
        float[] xf = new float[n];
        float[] yf = new float[n];
        for (int i = 0; i < n; i++) {
            xf[i] = (float) x[i];
            yf[i] = (float) y[i];
        }
        double[] out = new double[n];
        float[] outF = new float[n];
        VectorMathF64.pow(x, 0, 1, y, 0, 1, out, 0, n);
        VectorMathF32.pow(xf, 0, 1, yf, 0, 1, outF, 0, n);
        int exact = 0;
        for (int i = 0; i < n; i++) {
            double e = reference(x[i], y[i]);
            String what = "f64 pow(" + x[i] + ", " + y[i] + ") = " + out[i] + ", Math.pow: " + e;
            if (determined(x[i], y[i], e)) {
                assertEquals(Double.doubleToLongBits(e), Double.doubleToLongBits(out[i]), what);
                exact += i < pairs ? 1 : 0;
            } else if (distance(e, out[i]) > 1) {
                fail(what);
            }
            float ef = (float) reference(xf[i], yf[i]);
            String whatF = "f32 pow(" + xf[i] + ", " + yf[i] + ") = " + outF[i] + ", Math.pow: " + ef;
            if (determined(xf[i], yf[i], ef)) {
                assertEquals(Float.floatToIntBits(ef), Float.floatToIntBits(outF[i]), whatF);
            } else if (distance(ef, outF[i]) > 1) {
                fail(whatF);
            }
        }
        // and through the Vector API kernels' binary POW, with a broadcast exponent and a broadcast base
        // (the scalar twin is Math.pow itself, which deviates where reference() says)
        for (Kernels k : List.<Kernels>of(new PanamaKernels())) {
            for (int j = 0; j < ops.length; j++) {
                double[] outD = new double[ops.length + 3];
                double[] outB = new double[ops.length + 3];
                double[] pad = new double[ops.length + 3];
                System.arraycopy(ops, 0, pad, 0, ops.length);
                k.elementwise().binary(BinaryOp.POW, pad, 0, pad.length, 1, ops, j, 0, 0, outD, 0, 1, pad.length);
                k.elementwise().binary(BinaryOp.POW, ops, j, 0, 0, pad, 0, pad.length, 1, outB, 0, 1, pad.length);
                float[] opsF = new float[ops.length];
                float[] padF = new float[pad.length];
                for (int i = 0; i < ops.length; i++) {
                    opsF[i] = (float) ops[i];
                    padF[i] = (float) pad[i];
                }
                float[] outF1 = new float[pad.length];
                float[] outF2 = new float[pad.length];
                k.elementwise().binary(BinaryOp.POW, padF, 0, pad.length, 1, opsF, j, 0, 0, outF1, 0, 1, pad.length);
                k.elementwise().binary(BinaryOp.POW, opsF, j, 0, 0, padF, 0, pad.length, 1, outF2, 0, 1, pad.length);
                for (int i = 0; i < ops.length; i++) {
                    checkKernel(k, pad[i], ops[j], outD[i]);
                    checkKernel(k, ops[j], pad[i], outB[i]);
                    checkKernel(k, padF[i], opsF[j], outF1[i]);
                    checkKernel(k, opsF[j], padF[i], outF2[i]);
                }
            }
        }
        System.out.printf("pow specials: %d pairs (F64), %d determined by Math.pow's contract and bit-identical%n",
                pairs, exact);
    }

    private static void checkKernel(Kernels k, double x, double y, double actual) {
        double e = reference(x, y);
        String what = KernelTesting.label(k, "binary POW f64", x, y) + " = " + actual + ", Math.pow: " + e;
        if (determined(x, y, e)) {
            assertEquals(Double.doubleToLongBits(e), Double.doubleToLongBits(actual), what);
        } else if (distance(e, actual) > 1) {
            fail(what);
        }
    }

    private static void checkKernel(Kernels k, float x, float y, float actual) {
        float e = (float) reference(x, y);
        String what = KernelTesting.label(k, "binary POW f32", x, y) + " = " + actual + ", Math.pow: " + e;
        if (determined(x, y, e)) {
            assertEquals(Float.floatToIntBits(e), Float.floatToIntBits(actual), what);
        } else if (distance(e, actual) > 1) {
            fail(what);
        }
    }

    /**
     * The contract's value where it is fixed: Math.pow, except for a base of +-0 or +-Inf, where
     * StrictMath.pow. NOTE: HotSpot's Math.pow (JDK 17 and 25, every tier) breaks its contract there
     * for 2^51 &lt;= |y| &lt; 2^52: pow(-0.0, -(2^52 - 0.5)) = -Inf (y is not an odd integer: +Inf),
     * pow(-0.0, 2^52 - 1) = +0 (y is an odd integer: -0), and the same for -Inf.
     */
    private static double reference(double x, double y) {
        return x == 0 || Double.isInfinite(x) ? StrictMath.pow(x, y) : Math.pow(x, y);
    }

    /** Whether Math.pow's contract fixes the result exactly (see {@link #specialCasesFollowMathPowBitForBit}). */
    private static boolean determined(double x, double y, double result) {
        if (Double.isNaN(result) || Double.isInfinite(result) || result == 0 || Math.abs(result) == 1 || y == 1) {
            return true;
        }
        return x == Math.rint(x) && y == Math.rint(y) && Double.isFinite(x) && Double.isFinite(y)
                && exactIntegerPower(x, y);
    }

    /**
     * Whether x^y (integers) is a double: for y &gt;= 0 an integer of at most 53 significant bits
     * below 2^1024, for y &lt; 0 the reciprocal of a power of two not below 2^-1074. Math.pow must
     * then return it exactly.
     */
    private static boolean exactIntegerPower(double x, double y) {
        if (Math.abs(y) > 1100 || Math.abs(x) > 1e20) {
            return false;
        }
        java.math.BigInteger p = java.math.BigDecimal.valueOf(x).toBigIntegerExact().abs().pow((int) Math.abs(y));
        if (p.signum() == 0) {
            return false;
        }
        if (y < 0) {
            return p.bitCount() == 1 && p.bitLength() - 1 <= 1074;
        }
        return p.shiftRight(p.getLowestSetBit()).bitLength() <= 53 && p.bitLength() <= 1024;
    }
}
