package org.adjoint.kernels;

import static jdk.incubator.vector.VectorOperators.FMA;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Deterministic double vector transcendentals: the hand-written double twin of
 * {@link VectorMathF32} (same algorithms, structure and contract; see there why they exist, which
 * operations they may use and why they work on arrays). Longer polynomials and double constants;
 * tanh also corrects its final quotient. Accuracy measured by VectorMathTest against {@link Math}:
 * at most 1 ulp for exp, expm1, log, log1p; sigmoid and softplus at most 2 ulp; tanh at most 3
 * ulp from Math.tanh, which is itself up to 2 ulp off (1.6 ulp from the exact value, measured).
 *
 * <p>NOTE: hand-written, not generated: GenerateF64 skips VectorMathF32.java because this file
 * exists. Change both when changing one.
 */
final class VectorMathF64 {

    static final VectorSpecies<Double> SPECIES = VectorWidth.F64;
    private static final int LANES = SPECIES.length();
    /** Elements per pass of a composite: 8 KiB, a multiple of every vector length. */
    static final int CHUNK = 1024;
    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[CHUNK]);

    /** 1.5 * 2^52: {@code (v + SHIFTER) - SHIFTER} rounds |v| &lt; 2^51 to an integer, whose value is in the low bits. */
    private static final double SHIFTER = 0x1.8p52;
    private static final long SHIFTER_BITS = 0x4338000000000000L;
    private static final double LOG2E = 1.4426950408889634;
    /** ln 2 = LN2_HI + LN2_LO (fdlibm's split); LN2_HI has 32 significant bits: k * LN2_HI is exact for |k| &lt; 2^21. */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** exp(x) overflows above ~709.78 and rounds to 0 below ~-745.13; clamping there keeps k in range. */
    private static final double EXP_MAX = 710;
    private static final double EXP_MIN = -746;
    /** expm1(x) rounds to -1 below ~-37.4. */
    private static final double EXPM1_MIN = -40;
    /** Below this, expm1(x) and log1p(x) round to x (and keep the sign of zero). */
    private static final double TINY = 0x1p-53;
    /** Bits of sqrt(1/2): log's mantissa is reduced to [sqrt(1/2), sqrt(2)). */
    private static final long SQRT_HALF_BITS = 0x3FE6A09E667F3BCDL;
    private static final long ONE_BITS = 0x3FF0000000000000L;
    private static final long MANTISSA = 0x000FFFFFFFFFFFFFL;
    /** log(3) / 2: tanh switches from u / (u + 2) to 1 - 2 / (u + 2) above it. */
    private static final double TANH_SWITCH = 0.5493061443340549;

    // e^r - 1 = r + r^2 (1/2! + r/3! + ... + r^11/13!): Taylor; on |r| <= ln2/2 the next term is
    // r^14/14! <= 5e-18 relative to 1.
    private static final double C2 = 1.0 / 2;
    private static final double C3 = 1.0 / 6;
    private static final double C4 = 1.0 / 24;
    private static final double C5 = 1.0 / 120;
    private static final double C6 = 1.0 / 720;
    private static final double C7 = 1.0 / 5040;
    private static final double C8 = 1.0 / 40320;
    private static final double C9 = 1.0 / 362880;
    private static final double C10 = 1.0 / 3628800;
    private static final double C11 = 1.0 / 39916800;
    private static final double C12 = 1.0 / 479001600;
    private static final double C13 = 1.0 / 6227020800L;

    // log1p(f) = 2 atanh(s), s = f / (2 + f): f - f^2/2 + s (f^2/2 + R), R = 2 z/3 + 2 z^2/5 + ...
    // + 2 z^9/19 with z = s^2 <= 0.0295 on the reduced range; the next term is z^10/21 <= 3e-17
    // relative.
    private static final double L1 = 2.0 / 3;
    private static final double L2 = 2.0 / 5;
    private static final double L3 = 2.0 / 7;
    private static final double L4 = 2.0 / 9;
    private static final double L5 = 2.0 / 11;
    private static final double L6 = 2.0 / 13;
    private static final double L7 = 2.0 / 15;
    private static final double L8 = 2.0 / 17;
    private static final double L9 = 2.0 / 19;

    private VectorMathF64() {
    }

    /** {@code y = e^x}. */
    static void exp(double[] x, int xOff, double[] y, int yOff, int n) {
        assert n % LANES == 0;
        for (int i = 0; i < n; i += LANES) {
            DoubleVector xc = DoubleVector.fromArray(SPECIES, x, xOff + i).max(EXP_MIN).min(EXP_MAX); // NaN stays NaN
            DoubleVector z = xc.fma(LOG2E, SHIFTER);                   // SHIFTER + k, k = round(x / ln2)
            DoubleVector k = z.sub(SHIFTER);
            DoubleVector r = k.fma(k.broadcast(-LN2_HI), xc);          // exact (Sterbenz)
            r = k.fma(k.broadcast(-LN2_LO), r);                       // |r| <= ~0.347
            // e^r = 1 + r + r^2 P(r)
            DoubleVector p = r.fma(C13, C12).lanewise(FMA, r, C11).lanewise(FMA, r, C10).lanewise(FMA, r, C9)
                    .lanewise(FMA, r, C8).lanewise(FMA, r, C7).lanewise(FMA, r, C6).lanewise(FMA, r, C5)
                    .lanewise(FMA, r, C4).lanewise(FMA, r, C3).lanewise(FMA, r, C2);
            p = r.mul(r).fma(p, r).add(1.0);
            // p * 2^k as (p * 2^k1) * 2^k2, k1 = floor(k/2), k2 = k - k1 (k in [-1076, 1024]): both
            // factors are normal, the product rounds once: subnormal results round correctly from p,
            // overflow gives +Inf. (Logical shifts of k + 256 > 0: no arithmetic shift needed.)
            LongVector kb = z.reinterpretAsLongs().add(2048 - SHIFTER_BITS);
            LongVector e1 = kb.lanewise(VectorOperators.LSHR, 1).add(-1);         // k1 + 1023
            LongVector e2 = kb.sub(e1).add(-2);                                    // k2 + 1023
            p = p.mul(e1.lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles());
            p.mul(e2.lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles()).intoArray(y, yOff + i);
        }
    }

    /**
     * {@code y = e^x - 1}, accurate for small |x| too: with x = k ln2 + r and h = 2^(k-1),
     * e^x - 1 = 2 ((h - 1/2) + h r + h (e^r - 1 - r)). The first two terms are added exactly
     * (Fast2Sum: |h - 1/2| &gt;= |h r| for every k), so the cancellation near k = +-1 costs no
     * accuracy; the rounding error of r itself is carried along (rLo). h = 2^(k-1) stays a normal
     * number up to the overflow threshold (k = 1024); doubling at the end is exact or overflows.
     */
    static void expm1(double[] x, int xOff, double[] y, int yOff, int n) {
        assert n % LANES == 0;
        for (int i = 0; i < n; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, xOff + i);
            DoubleVector xc = v.max(EXPM1_MIN).min(EXP_MAX);
            DoubleVector z = xc.fma(LOG2E, SHIFTER);
            DoubleVector k = z.sub(SHIFTER);
            DoubleVector rHi = k.fma(k.broadcast(-LN2_HI), xc);                // exact (Sterbenz)
            DoubleVector r = k.fma(k.broadcast(-LN2_LO), rHi);
            DoubleVector rLo = k.fma(k.broadcast(-LN2_LO), rHi.sub(r));        // the rounding error of r
            // e^(r + rLo) - 1 - r ~ r^2 P(r) + rLo (1 + r)
            DoubleVector p = r.fma(C13, C12).lanewise(FMA, r, C11).lanewise(FMA, r, C10).lanewise(FMA, r, C9)
                    .lanewise(FMA, r, C8).lanewise(FMA, r, C7).lanewise(FMA, r, C6).lanewise(FMA, r, C5)
                    .lanewise(FMA, r, C4).lanewise(FMA, r, C3).lanewise(FMA, r, C2);
            DoubleVector t = r.mul(r).fma(p, rLo.fma(r, rLo));
            DoubleVector h = z.reinterpretAsLongs().add(1022 - SHIFTER_BITS).lanewise(VectorOperators.LSHL, 52)
                    .reinterpretAsDoubles();
            DoubleVector a = h.sub(0.5);
            DoubleVector b = h.mul(r);
            DoubleVector s = a.add(b);
            DoubleVector lo = b.sub(s.sub(a));                                  // a + b = s + lo exactly
            DoubleVector e = s.add(h.fma(t, lo)).mul(2.0);
            e.blend(v, v.abs().compare(VectorOperators.LT, TINY)).intoArray(y, yOff + i);
        }
    }

    /**
     * {@code y = ln x}: x = 2^e m, m in [sqrt(1/2), sqrt(2)), f = m - 1, s = f / (2 + f);
     * ln x = e ln2 + f - f^2/2 + s (f^2/2 + R(s^2)) (the atanh series). Subnormals are scaled by
     * 2^52 first. +Inf at +Inf, -Inf at +-0, NaN below 0 and at NaN.
     */
    static void log(double[] x, int xOff, double[] y, int yOff, int n) {
        assert n % LANES == 0;
        for (int i = 0; i < n; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, xOff + i);
            VectorMask<Double> subnormal = v.compare(VectorOperators.LT, 0x1p-1022);
            LongVector ix = v.blend(v.mul(0x1p52), subnormal).reinterpretAsLongs().add(ONE_BITS - SQRT_HALF_BITS);
            DoubleVector f = ix.and(MANTISSA).add(SQRT_HALF_BITS).reinterpretAsDoubles().sub(1.0);
            // the exponent field, put into the mantissa of 2^52: an exact integer-valued double
            DoubleVector e = ix.lanewise(VectorOperators.LSHR, 52).or(0x4330000000000000L).reinterpretAsDoubles()
                    .sub(v.broadcast(0x1p52 + 1023).blend(0x1p52 + 1075, subnormal));
            DoubleVector s = f.div(f.add(2.0));
            DoubleVector z = s.mul(s);
            DoubleVector r = z.fma(L9, L8).lanewise(FMA, z, L7).lanewise(FMA, z, L6).lanewise(FMA, z, L5)
                    .lanewise(FMA, z, L4).lanewise(FMA, z, L3).lanewise(FMA, z, L2).lanewise(FMA, z, L1).mul(z);
            DoubleVector hfsq = f.mul(f).mul(0.5);
            DoubleVector t = s.fma(hfsq.add(r), e.mul(LN2_LO));
            DoubleVector l = e.fma(e.broadcast(LN2_HI), f.sub(hfsq.sub(t)));
            // x - x is 0 for finite x and NaN at NaN and infinities: NaN propagates without a mask
            l.add(v.sub(v)).blend(Double.POSITIVE_INFINITY, v.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY))
                    .blend(Double.NEGATIVE_INFINITY, v.compare(VectorOperators.EQ, 0.0))
                    .blend(Double.NaN, v.compare(VectorOperators.LT, 0.0))
                    .intoArray(y, yOff + i);
        }
    }

    /**
     * {@code y = ln(1 + x)}, accurate for small |x|: u = 1 + x rounded and err = (1 + x) - u exactly
     * (TwoSum); ln(1 + x) = ln(u) + ln(1 + err/u) = ln(u) + err/u to well below an ulp. ln(u) is
     * {@link #log} (u - 1 is exact where it matters: near u = 1); below 2^-24 in magnitude (and
     * for +-0 and subnormals) ln(1 + x) rounds to x.
     */
    static void log1p(double[] x, int xOff, double[] y, int yOff, int n) {
        double[] t = LOG1P_SCRATCH.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            for (int i = 0; i < m; i += LANES) {
                DoubleVector.fromArray(SPECIES, x, xOff + c + i).add(1.0).intoArray(t, i);
            }
            log(t, 0, t, 0, m);
            log1pFinish(x, xOff + c, t, y, yOff + c, m);
        }
    }

    /** Separate from SCRATCH: softplus calls log1p on its scratch chunk. */
    private static final ThreadLocal<double[]> LOG1P_SCRATCH = ThreadLocal.withInitial(() -> new double[CHUNK]);

    /** {@code y = ln(u) + err/u} (see {@link #log1p}); ln(u) = +-Inf stays as it is. */
    private static void log1pFinish(double[] x, int xOff, double[] lnU, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, xOff + i);
            DoubleVector l = DoubleVector.fromArray(SPECIES, lnU, i);
            DoubleVector u = v.add(1.0);
            DoubleVector bb = u.sub(1.0);
            DoubleVector err = u.sub(bb).neg().add(1.0).add(v.sub(bb));
            DoubleVector c = err.div(u).blend(0.0, l.abs().compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
            l.add(c).blend(v, v.abs().compare(VectorOperators.LT, TINY)).intoArray(y, yOff + i);
        }
    }

    /**
     * {@code y = tanh x = sign(x) t(|x|)} with one expm1: below log(3)/2, u = expm1(-2|x|) and
     * t = -u / (u + 2) (no cancellation near 0); above, u = expm1(2|x|) and t = 1 - 2 / (u + 2)
     * (saturates to 1, also when u overflows). The sign is copied bitwise: tanh(-0) = -0.
     */
    static void tanh(double[] x, int xOff, double[] y, int yOff, int n) {
        double[] u = SCRATCH.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            tanhArgument(x, xOff + c, u, m);
            expm1(u, 0, u, 0, m);
            tanhFinish(x, xOff + c, u, y, yOff + c, m);
        }
    }

    /** {@code u = -2|x|} below the switch, {@code 2|x|} above. */
    private static void tanhArgument(double[] x, int xOff, double[] u, int n) {
        for (int i = 0; i < n; i += LANES) {
            DoubleVector a = DoubleVector.fromArray(SPECIES, x, xOff + i).abs();
            DoubleVector a2 = a.add(a).min(40.0);       // tanh = 1 beyond 19.1: keeps u and the remainder finite
            a2.neg().blend(a2, a.compare(VectorOperators.GT, TANH_SWITCH)).intoArray(u, i);
        }
    }

    private static void tanhFinish(double[] x, int xOff, double[] u, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, xOff + i);
            DoubleVector uv = DoubleVector.fromArray(SPECIES, u, i);
            VectorMask<Double> big = v.abs().compare(VectorOperators.GT, TANH_SWITCH);
            // w = num / (u + 2), corrected for the rounding of u + 2 (TwoSum) and of the division
            // (its exact remainder, by fma): without it tanh was 3 ulp off Math in double
            DoubleVector num = uv.neg().blend(2.0, big);
            DoubleVector d = uv.add(2.0);
            DoubleVector bb = d.sub(uv);
            DoubleVector dLo = uv.sub(d.sub(bb)).add(bb.neg().add(2.0));      // u + 2 = d + dLo exactly
            DoubleVector w = num.div(d);
            w = w.add(w.neg().fma(d, num).sub(w.mul(dLo)).div(d));
            DoubleVector t = w.blend(w.neg().add(1.0), big);
            t.reinterpretAsLongs().or(v.reinterpretAsLongs().and(0x8000000000000000L)).reinterpretAsDoubles()
                    .intoArray(y, yOff + i);
        }
    }

    /**
     * {@code y = sigmoid(x) = num / (1 + e)} with e = exp(-|x|) and num = 1 for x &gt;= 0, e
     * otherwise: the exponential never overflows, so both tails saturate to 0 and 1, not NaN.
     */
    static void sigmoid(double[] x, int xOff, double[] y, int yOff, int n) {
        double[] e = SCRATCH.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            negAbs(x, xOff + c, e, m);
            exp(e, 0, e, 0, m);
            sigmoidFinish(x, xOff + c, e, null, 0, y, yOff + c, m);
        }
    }

    /** {@code dx = dy * sigmoid(x)}: the softplus derivative. */
    static void sigmoidTimes(double[] x, int xOff, double[] dy, int dyOff, double[] dx, int dxOff, int n) {
        double[] e = SCRATCH.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            negAbs(x, xOff + c, e, m);
            exp(e, 0, e, 0, m);
            sigmoidFinish(x, xOff + c, e, dy, dyOff + c, dx, dxOff + c, m);
        }
    }

    /** {@code t = -|x|}. */
    private static void negAbs(double[] x, int xOff, double[] t, int n) {
        for (int i = 0; i < n; i += LANES) {
            DoubleVector.fromArray(SPECIES, x, xOff + i).abs().neg().intoArray(t, i);
        }
    }

    /** {@code y = [dy *] num / (1 + e)}. */
    private static void sigmoidFinish(double[] x, int xOff, double[] e, double[] dy, int dyOff, double[] y, int yOff,
                                      int n) {
        for (int i = 0; i < n; i += LANES) {
            DoubleVector ev = DoubleVector.fromArray(SPECIES, e, i);
            DoubleVector num = ev.blend(1.0, DoubleVector.fromArray(SPECIES, x, xOff + i).compare(VectorOperators.GE, 0.0));
            DoubleVector s = num.div(ev.add(1.0));
            if (dy != null) {
                s = DoubleVector.fromArray(SPECIES, dy, dyOff + i).mul(s);
            }
            s.intoArray(y, yOff + i);
        }
    }

    /** {@code y = softplus(x) = max(x, 0) + log1p(exp(-|x|))}: no overflow, no cancellation. */
    static void softplus(double[] x, int xOff, double[] y, int yOff, int n) {
        double[] t = SCRATCH.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            negAbs(x, xOff + c, t, m);
            exp(t, 0, t, 0, m);
            log1p(t, 0, t, 0, m);
            for (int i = 0; i < m; i += LANES) {
                DoubleVector.fromArray(SPECIES, x, xOff + c + i).max(0.0).add(DoubleVector.fromArray(SPECIES, t, i))
                        .intoArray(y, yOff + c + i);
            }
        }
    }

    /** {@code y = x} for x &gt; 0, else {@code alpha (e^x - 1)}. */
    static void elu(double[] x, int xOff, double alpha, double[] y, int yOff, int n) {
        double[] t = SCRATCH.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            expm1(x, xOff + c, t, 0, m);
            for (int i = 0; i < m; i += LANES) {
                DoubleVector v = DoubleVector.fromArray(SPECIES, x, xOff + c + i);
                DoubleVector.fromArray(SPECIES, t, i).mul(alpha).blend(v, v.compare(VectorOperators.GT, 0.0))
                        .intoArray(y, yOff + c + i);
            }
        }
    }

    /**
     * {@code y = e^(x - shift)} and the sum of those values: one vector accumulator in index
     * order, then its lanes in index order (the caller adds a scalar tail). {@code y} may be null.
     */
    static double expShiftSum(double[] x, int xOff, double shift, double[] y, int yOff, int n) {
        double[] t = SCRATCH.get();
        double[] acc = ACCUMULATOR.get();
        java.util.Arrays.fill(acc, 0.0);
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            double[] dst = y == null ? t : y;
            int dOff = y == null ? 0 : yOff + c;
            shifted(x, xOff + c, shift, dst, dOff, m);
            exp(dst, dOff, dst, dOff, m);
            accumulate(dst, dOff, acc, m);
        }
        double sum = 0.0;
        for (int lane = 0; lane < LANES; lane++) {
            sum += acc[lane];
        }
        return sum;
    }

    private static final ThreadLocal<double[]> ACCUMULATOR = ThreadLocal.withInitial(() -> new double[LANES]);

    private static void shifted(double[] x, int xOff, double shift, double[] t, int tOff, int n) {
        for (int i = 0; i < n; i += LANES) {
            DoubleVector.fromArray(SPECIES, x, xOff + i).sub(shift).intoArray(t, tOff + i);
        }
    }

    /** {@code acc += t[tOff + i]} vector by vector (the accumulator lives in {@code acc}). */
    private static void accumulate(double[] t, int tOff, double[] acc, int n) {
        DoubleVector a = DoubleVector.fromArray(SPECIES, acc, 0);
        for (int i = 0; i < n; i += LANES) {
            a = a.add(DoubleVector.fromArray(SPECIES, t, tOff + i));
        }
        a.intoArray(acc, 0);
    }
}
