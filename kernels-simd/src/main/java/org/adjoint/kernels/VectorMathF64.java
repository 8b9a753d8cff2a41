package org.adjoint.kernels;

import static jdk.incubator.vector.VectorOperators.FMA;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Deterministic double vector transcendentals: the hand-written double twin of
 * {@link VectorMathF32} (same algorithms and contract; see there why they exist and which
 * operations they may use). Longer polynomials and double constants; accuracy measured by
 * VectorMathTest against {@link Math}: at most 1 ulp for exp, expm1, log, log1p; tanh, sigmoid
 * and softplus at most 2 ulp.
 *
 * <p>NOTE: hand-written, not generated: GenerateF64 skips VectorMathF32.java because this file
 * exists. Change both when changing one.
 */
final class VectorMathF64 {

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

    /** e^x. */
    static DoubleVector exp(DoubleVector x) {
        DoubleVector xc = x.max(EXP_MIN).min(EXP_MAX);            // NaN stays NaN
        DoubleVector z = xc.fma(LOG2E, SHIFTER);                  // SHIFTER + k, k = round(x / ln2)
        DoubleVector k = z.sub(SHIFTER);
        DoubleVector r = k.fma(k.broadcast(-LN2_HI), xc);                      // exact (Sterbenz)
        r = k.fma(k.broadcast(-LN2_LO), r);                                    // |r| <= ~0.347
        DoubleVector p = expm1Reduced(r).add(1.0);
        return scale(p, z);
    }

    /**
     * e^x - 1, accurate for small |x| too: with x = k ln2 + r and h = 2^(k-1),
     * e^x - 1 = 2 ((h - 1/2) + h r + h (e^r - 1 - r)). The first two terms are added exactly
     * (Fast2Sum: |h - 1/2| &gt;= |h r| for every k), so the cancellation near k = +-1 costs no
     * accuracy; the rounding error of r itself is carried along (rLo). h = 2^(k-1) stays a normal
     * number up to the overflow threshold (k = 1024); doubling at the end is exact or overflows.
     */
    static DoubleVector expm1(DoubleVector x) {
        DoubleVector xc = x.max(EXPM1_MIN).min(EXP_MAX);
        DoubleVector z = xc.fma(LOG2E, SHIFTER);
        DoubleVector k = z.sub(SHIFTER);
        DoubleVector rHi = k.fma(k.broadcast(-LN2_HI), xc);                 // exact (Sterbenz)
        DoubleVector r = k.fma(k.broadcast(-LN2_LO), rHi);
        DoubleVector rLo = k.fma(k.broadcast(-LN2_LO), rHi.sub(r));         // the rounding error of r
        // e^(r + rLo) - 1 - r ~ r^2 P(r) + rLo (1 + r)
        DoubleVector t = r.mul(r).fma(expPoly(r), rLo.fma(r, rLo));
        DoubleVector h = z.reinterpretAsLongs().add(1022 - SHIFTER_BITS).lanewise(VectorOperators.LSHL, 52)
                .reinterpretAsDoubles();
        DoubleVector a = h.sub(0.5);
        DoubleVector b = h.mul(r);
        DoubleVector s = a.add(b);
        DoubleVector lo = b.sub(s.sub(a));                                  // a + b = s + lo exactly
        DoubleVector y = s.add(h.fma(t, lo)).mul(2.0);
        return y.blend(x, x.abs().compare(VectorOperators.LT, TINY));
    }

    /** e^r - 1 for |r| &lt;= ln2/2 + a little: r + r^2 P(r). */
    private static DoubleVector expm1Reduced(DoubleVector r) {
        return r.mul(r).fma(expPoly(r), r);
    }

    /** P(r) = (e^r - 1 - r) / r^2, Taylor. */
    private static DoubleVector expPoly(DoubleVector r) {
        return r.fma(C13, C12).lanewise(FMA, r, C11).lanewise(FMA, r, C10).lanewise(FMA, r, C9).lanewise(FMA, r, C8).lanewise(FMA, r, C7).lanewise(FMA, r, C6)
                .lanewise(FMA, r, C5).lanewise(FMA, r, C4).lanewise(FMA, r, C3).lanewise(FMA, r, C2);
    }

    /**
     * p * 2^k, k = bits(z) - bits(SHIFTER) in [-1076, 1024], as (p * 2^k1) * 2^k2 with
     * k1 = floor(k/2), k2 = k - k1: both factors are normal doubles and the product rounds once,
     * so a subnormal result is correctly rounded from p and an overflow gives +Inf. (Logical
     * shifts only: AVX2 has no arithmetic right shift of 64-bit lanes.)
     */
    private static DoubleVector scale(DoubleVector p, DoubleVector z) {
        LongVector kb = z.reinterpretAsLongs().add(2048 - SHIFTER_BITS);          // k + 2048 > 0
        LongVector e1 = kb.lanewise(VectorOperators.LSHR, 1).add(-1);             // k1 + 1023
        LongVector e2 = kb.sub(e1).add(-2);                                        // k2 + 1023
        DoubleVector s1 = e1.lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector s2 = e2.lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return p.mul(s1).mul(s2);
    }

    /** ln x: x = 2^e m, m in [sqrt(1/2), sqrt(2)); e ln2 + log1p(m - 1). */
    static DoubleVector log(DoubleVector x) {
        VectorMask<Double> subnormal = x.compare(VectorOperators.LT, 0x1p-1022);
        DoubleVector xs = x.blend(x.mul(0x1p52), subnormal);
        LongVector ix = xs.reinterpretAsLongs().add(ONE_BITS - SQRT_HALF_BITS);
        DoubleVector m = ix.and(MANTISSA).add(SQRT_HALF_BITS).reinterpretAsDoubles();
        DoubleVector e = exponent(ix.reinterpretAsDoubles()).sub(x.broadcast(1023.0).blend(1075.0, subnormal));
        DoubleVector f = m.sub(1.0);
        DoubleVector y = log1pReduced(f, e, x.broadcast(0.0));
        return logSpecials(x, y);
    }

    /**
     * ln(1 + x), accurate for small |x|: u = 1 + x rounded, err = (1 + x) - u exactly (TwoSum);
     * u = 2^e m as in {@link #log}, and ln(1 + x) = e ln2 + log1p(m - 1) + err/u. When e = 0,
     * m - 1 is replaced by x itself (exact, no correction needed).
     */
    static DoubleVector log1p(DoubleVector x) {
        DoubleVector u = x.add(1.0);
        DoubleVector bb = u.sub(1.0);
        DoubleVector err = u.sub(bb).neg().add(1.0).add(x.sub(bb));
        LongVector iu = u.reinterpretAsLongs().add(ONE_BITS - SQRT_HALF_BITS);
        DoubleVector m = iu.and(MANTISSA).add(SQRT_HALF_BITS).reinterpretAsDoubles();
        DoubleVector e = exponent(iu.reinterpretAsDoubles()).sub(1023.0);
        VectorMask<Double> unscaled = e.compare(VectorOperators.EQ, 0.0);
        DoubleVector f = m.sub(1.0).blend(x, unscaled);
        DoubleVector c = err.div(u).blend(0.0, unscaled);
        DoubleVector y = log1pReduced(f, e, c);
        y = y.blend(x, x.abs().compare(VectorOperators.LT, TINY));
        return logSpecials(u, y);
    }

    /**
     * The biased exponent field of {@code v}'s bits (bits 52-62), as a double: the field is put
     * into the mantissa of 2^52 (exact integer arithmetic on the bits).
     */
    private static DoubleVector exponent(DoubleVector v) {
        return v.reinterpretAsLongs().lanewise(VectorOperators.LSHR, 52).or(0x4330000000000000L)
                .reinterpretAsDoubles().sub(0x1p52);
    }

    /** e ln2 + log1p(f) + c for f in [sqrt(1/2) - 1, sqrt(2) - 1), c a small correction. */
    private static DoubleVector log1pReduced(DoubleVector f, DoubleVector e, DoubleVector c) {
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector z = s.mul(s);
        DoubleVector r = z.fma(L9, L8).lanewise(FMA, z, L7).lanewise(FMA, z, L6).lanewise(FMA, z, L5).lanewise(FMA, z, L4).lanewise(FMA, z, L3).lanewise(FMA, z, L2)
                .lanewise(FMA, z, L1).mul(z);
        DoubleVector hfsq = f.mul(f).mul(0.5);
        DoubleVector t = s.fma(hfsq.add(r), e.fma(e.broadcast(LN2_LO), c));
        DoubleVector y = f.sub(hfsq.sub(t));
        return e.fma(e.broadcast(LN2_HI), y);
    }

    /** The special cases of ln v: +Inf at +Inf, -Inf at 0, NaN below 0 and at NaN. */
    private static DoubleVector logSpecials(DoubleVector v, DoubleVector y) {
        return y.blend(Double.POSITIVE_INFINITY, v.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY))
                .blend(Double.NEGATIVE_INFINITY, v.compare(VectorOperators.EQ, 0.0))
                .blend(Double.NaN, v.compare(VectorOperators.GE, 0.0).not());
    }

    /**
     * tanh x = sign(x) t(|x|) with one expm1: below log(3)/2, u = expm1(-2|x|) and t = -u / (u + 2)
     * (no cancellation near 0); above, u = expm1(2|x|) and t = 1 - 2 / (u + 2) (saturates to 1).
     * The sign is copied bitwise, so tanh(-0) = -0.
     *
     * <p>Unlike the float twin, the quotient is corrected for the rounding of u + 2 (TwoSum) and of
     * the division (its exact remainder by fma): without it the double version was 3 ulp off Math.
     * 2|x| is clamped to 40 (tanh = 1 in double beyond 19.1) so that u and the remainder stay finite.
     */
    static DoubleVector tanh(DoubleVector x) {
        DoubleVector a = x.abs();
        VectorMask<Double> big = a.compare(VectorOperators.GT, TANH_SWITCH);
        DoubleVector a2 = a.add(a).min(40.0);
        DoubleVector u = expm1(a2.neg().blend(a2, big));
        DoubleVector num = u.neg().blend(2.0, big);
        DoubleVector d = u.add(2.0);
        DoubleVector bb = d.sub(u);
        DoubleVector dLo = u.sub(d.sub(bb)).add(bb.neg().add(2.0));   // u + 2 = d + dLo exactly
        DoubleVector w = num.div(d);
        DoubleVector rem = w.neg().fma(d, num);                        // num - w d, exact
        w = w.add(rem.sub(w.mul(dLo)).div(d));
        DoubleVector t = w.blend(w.neg().add(1.0), big);
        return t.reinterpretAsLongs().or(x.reinterpretAsLongs().and(0x8000000000000000L)).reinterpretAsDoubles();
    }

    /**
     * sigmoid(x) = num / (1 + e) with e = exp(-|x|) and num = 1 for x &gt;= 0, e otherwise: the
     * exponential never overflows, so both tails saturate to 0 and 1 instead of NaN.
     */
    static DoubleVector sigmoid(DoubleVector x) {
        DoubleVector e = exp(x.abs().neg());
        DoubleVector num = e.blend(1.0, x.compare(VectorOperators.GE, 0.0));
        return num.div(e.add(1.0));
    }

    /** softplus(x) = max(x, 0) + log1p(exp(-|x|)): no overflow, no cancellation. */
    static DoubleVector softplus(DoubleVector x) {
        return x.max(0.0).add(log1p(exp(x.abs().neg())));
    }
}
