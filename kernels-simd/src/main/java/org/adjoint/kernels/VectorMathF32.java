package org.adjoint.kernels;

import static jdk.incubator.vector.VectorOperators.FMA;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Deterministic float vector transcendentals: exp, expm1, log, log1p, tanh, sigmoid, softplus.
 *
 * <p>Why: {@code lanewise(VectorOperators.EXP)} and friends are computed by Intel SVML stubs once
 * C2 has compiled the caller, but by the Vector API's Java fallback (Math/StrictMath per lane) in
 * the interpreter and C1: the last bits differ, so one computation gave different bits before and
 * after JIT warm-up ("same seed, same bits" broken). Everything here is built only from operations
 * that IEEE 754 rounds exactly and that every tier therefore computes identically: add, sub, mul,
 * div, fma, neg/abs, min/max, compare + blend, and integer adds/shifts/ands on the bit patterns
 * (reinterpret casts). No lanewise transcendental, no float-to-int conversion (whose out-of-range
 * behaviour has differed between the intrinsic and the fallback): integers are made with the
 * round-to-nearest "shifter" {@code 1.5 * 2^23}.
 *
 * <p>Accuracy (measured by VectorMathTest over dense sweeps and every special value, against
 * {@code (float) Math.f((double) x)}): at most 1 ulp for exp, expm1, log, log1p; tanh, sigmoid
 * and softplus at most 2 ulp. Special values follow {@link Math}: NaN propagates, overflow gives
 * +Inf, underflow gradual through the subnormals to 0, log(0) = -Inf, log(x &lt; 0) = NaN,
 * signed zeros kept where Math keeps them.
 *
 * <p>{@link VectorMathF64} is the hand-written double twin (longer polynomials, other constants);
 * GenerateF64 skips this file because that twin exists.
 *
 * <p>NOTE: every method takes and returns only {@code FloatVector} (see the NOTE at
 * PanamaElementwiseF32's binary loops: C2 does not inline a method whose signature names a class
 * the caller has not resolved, and a vector crossing a real call is boxed). Each method is kept
 * small so that C2 inlines it into the kernel loop.
 */
final class VectorMathF32 {

    /** 1.5 * 2^23: {@code (v + SHIFTER) - SHIFTER} rounds |v| &lt; 2^22 to an integer, whose value is in the low bits. */
    private static final float SHIFTER = 0x1.8p23f;
    private static final int SHIFTER_BITS = 0x4B400000;
    private static final float LOG2E = 1.44269504088896341f;
    /** ln 2 = LN2_HI + LN2_LO; LN2_HI has 9 significant bits, so k * LN2_HI is exact for |k| &lt; 2^15 (Cody-Waite). */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** exp(x) overflows above ~88.72 and rounds to 0 below ~-103.97; clamping there keeps k in range. */
    private static final float EXP_MAX = 89f;
    private static final float EXP_MIN = -104f;
    /** expm1(x) rounds to -1 below ~-17.3. */
    private static final float EXPM1_MIN = -30f;
    /** Below this, expm1(x) and log1p(x) round to x (and keep the sign of zero). */
    private static final float TINY = 0x1p-24f;
    /** Bits of sqrt(1/2): log's mantissa is reduced to [sqrt(1/2), sqrt(2)). */
    private static final int SQRT_HALF_BITS = 0x3f3504f3;
    /** log(3) / 2: tanh switches from u / (u + 2) to 1 - 2 / (u + 2) above it. */
    private static final float TANH_SWITCH = 0.54930614f;

    // e^r - 1 = r + r^2 (1/2! + r/3! + ... + r^6/8!): Taylor; on |r| <= ln2/2 the next term is
    // r^9/9! <= 2e-10 relative to r.
    private static final float C2 = 1f / 2;
    private static final float C3 = 1f / 6;
    private static final float C4 = 1f / 24;
    private static final float C5 = 1f / 120;
    private static final float C6 = 1f / 720;
    private static final float C7 = 1f / 5040;
    private static final float C8 = 1f / 40320;

    // log1p(f) = 2 atanh(s), s = f / (2 + f): f - f^2/2 + s (f^2/2 + R), R = 2 z/3 + 2 z^2/5 + ...
    // with z = s^2 <= 0.0295 on the reduced range; the next term is z^5/11 <= 2e-9 relative.
    private static final float L1 = 2f / 3;
    private static final float L2 = 2f / 5;
    private static final float L3 = 2f / 7;
    private static final float L4 = 2f / 9;

    private VectorMathF32() {
    }

    /** e^x. */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(EXP_MIN).min(EXP_MAX);             // NaN stays NaN
        FloatVector z = xc.fma(LOG2E, SHIFTER);                   // SHIFTER + k, k = round(x / ln2)
        FloatVector k = z.sub(SHIFTER);
        FloatVector r = k.fma(k.broadcast(-LN2_HI), xc);                       // exact (Sterbenz)
        r = k.fma(k.broadcast(-LN2_LO), r);                                    // |r| <= ~0.347
        FloatVector p = expm1Reduced(r).add(1f);
        return scale(p, z);
    }

    /**
     * e^x - 1, accurate for small |x| too: with x = k ln2 + r and h = 2^(k-1),
     * e^x - 1 = 2 ((h - 1/2) + h r + h (e^r - 1 - r)). The first two terms are added exactly
     * (Fast2Sum: |h - 1/2| &gt;= |h r| for every k), so the cancellation near k = +-1 costs no
     * accuracy; the rounding error of r itself is carried along (rLo). h = 2^(k-1) stays a normal
     * number up to the overflow threshold (k = 128); doubling at the end is exact or overflows.
     */
    static FloatVector expm1(FloatVector x) {
        FloatVector xc = x.max(EXPM1_MIN).min(EXP_MAX);
        FloatVector z = xc.fma(LOG2E, SHIFTER);
        FloatVector k = z.sub(SHIFTER);
        FloatVector rHi = k.fma(k.broadcast(-LN2_HI), xc);                 // exact (Sterbenz)
        FloatVector r = k.fma(k.broadcast(-LN2_LO), rHi);
        FloatVector rLo = k.fma(k.broadcast(-LN2_LO), rHi.sub(r));         // the rounding error of r
        // e^(r + rLo) - 1 - r ~ r^2 P(r) + rLo (1 + r)
        FloatVector t = r.mul(r).fma(expPoly(r), rLo.fma(r, rLo));
        FloatVector h = z.reinterpretAsInts().add(126 - SHIFTER_BITS).lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();
        FloatVector a = h.sub(0.5f);
        FloatVector b = h.mul(r);
        FloatVector s = a.add(b);
        FloatVector lo = b.sub(s.sub(a));                                  // a + b = s + lo exactly
        FloatVector y = s.add(h.fma(t, lo)).mul(2f);
        return y.blend(x, x.abs().compare(VectorOperators.LT, TINY));
    }

    /** e^r - 1 for |r| &lt;= ln2/2 + a little: r + r^2 P(r). */
    private static FloatVector expm1Reduced(FloatVector r) {
        return r.mul(r).fma(expPoly(r), r);
    }

    /** P(r) = (e^r - 1 - r) / r^2, Taylor. */
    private static FloatVector expPoly(FloatVector r) {
        return r.fma(C8, C7).lanewise(FMA, r, C6).lanewise(FMA, r, C5).lanewise(FMA, r, C4).lanewise(FMA, r, C3)
                .lanewise(FMA, r, C2);
    }

    /**
     * p * 2^k, k = bits(z) - bits(SHIFTER) in [-150, 128], as (p * 2^k1) * 2^k2 with
     * k1 = floor(k/2), k2 = k - k1: both factors are normal floats and the product rounds once,
     * so a subnormal result is correctly rounded from p and an overflow gives +Inf.
     */
    private static FloatVector scale(FloatVector p, FloatVector z) {
        IntVector kb = z.reinterpretAsInts().add(256 - SHIFTER_BITS);            // k + 256 > 0
        IntVector e1 = kb.lanewise(VectorOperators.LSHR, 1).add(-1);             // k1 + 127
        IntVector e2 = kb.sub(e1).add(-2);                                        // k2 + 127
        FloatVector s1 = e1.lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = e2.lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    /** ln x: x = 2^e m, m in [sqrt(1/2), sqrt(2)); e ln2 + log1p(m - 1). */
    static FloatVector log(FloatVector x) {
        VectorMask<Float> subnormal = x.compare(VectorOperators.LT, 0x1p-126f);
        FloatVector xs = x.blend(x.mul(0x1p23f), subnormal);
        IntVector ix = xs.reinterpretAsInts().add(0x3f800000 - SQRT_HALF_BITS);
        FloatVector m = ix.and(0x007fffff).add(SQRT_HALF_BITS).reinterpretAsFloats();
        FloatVector e = exponent(ix.reinterpretAsFloats()).sub(x.broadcast(127f).blend(150f, subnormal));
        FloatVector f = m.sub(1f);
        FloatVector y = log1pReduced(f, e, x.broadcast(0f));
        return logSpecials(x, y);
    }

    /**
     * ln(1 + x), accurate for small |x|: u = 1 + x rounded, err = (1 + x) - u exactly (TwoSum);
     * u = 2^e m as in {@link #log}, and ln(1 + x) = e ln2 + log1p(m - 1) + err/u. When e = 0,
     * m - 1 is replaced by x itself (exact, no correction needed).
     */
    static FloatVector log1p(FloatVector x) {
        FloatVector u = x.add(1f);
        FloatVector bb = u.sub(1f);
        FloatVector err = u.sub(bb).neg().add(1f).add(x.sub(bb));
        IntVector iu = u.reinterpretAsInts().add(0x3f800000 - SQRT_HALF_BITS);
        FloatVector m = iu.and(0x007fffff).add(SQRT_HALF_BITS).reinterpretAsFloats();
        FloatVector e = exponent(iu.reinterpretAsFloats()).sub(127f);
        VectorMask<Float> unscaled = e.compare(VectorOperators.EQ, 0f);
        FloatVector f = m.sub(1f).blend(x, unscaled);
        FloatVector c = err.div(u).blend(0f, unscaled);
        FloatVector y = log1pReduced(f, e, c);
        y = y.blend(x, x.abs().compare(VectorOperators.LT, TINY));
        return logSpecials(u, y);
    }

    /**
     * The biased exponent field of {@code v}'s bits (bits 23-30), as a float: the field is put into
     * the mantissa of 2^23 (exact integer arithmetic on the bits).
     */
    private static FloatVector exponent(FloatVector v) {
        return v.reinterpretAsInts().lanewise(VectorOperators.LSHR, 23).or(0x4B000000).reinterpretAsFloats()
                .sub(0x1p23f);
    }

    /** e ln2 + log1p(f) + c for f in [sqrt(1/2) - 1, sqrt(2) - 1), c a small correction. */
    private static FloatVector log1pReduced(FloatVector f, FloatVector e, FloatVector c) {
        FloatVector s = f.div(f.add(2f));
        FloatVector z = s.mul(s);
        FloatVector r = z.fma(L4, L3).lanewise(FMA, z, L2).lanewise(FMA, z, L1).mul(z);
        FloatVector hfsq = f.mul(f).mul(0.5f);
        FloatVector t = s.fma(hfsq.add(r), e.fma(e.broadcast(LN2_LO), c));
        FloatVector y = f.sub(hfsq.sub(t));
        return e.fma(e.broadcast(LN2_HI), y);
    }

    /** The special cases of ln v: +Inf at +Inf, -Inf at 0, NaN below 0 and at NaN. */
    private static FloatVector logSpecials(FloatVector v, FloatVector y) {
        return y.blend(Float.POSITIVE_INFINITY, v.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY))
                .blend(Float.NEGATIVE_INFINITY, v.compare(VectorOperators.EQ, 0f))
                .blend(Float.NaN, v.compare(VectorOperators.GE, 0f).not());
    }

    /**
     * tanh x = sign(x) t(|x|) with one expm1: below log(3)/2, u = expm1(-2|x|) and t = -u / (u + 2)
     * (no cancellation near 0); above, u = expm1(2|x|) and t = 1 - 2 / (u + 2) (saturates to 1,
     * also when u overflows). The sign is copied bitwise, so tanh(-0) = -0.
     */
    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        VectorMask<Float> big = a.compare(VectorOperators.GT, TANH_SWITCH);
        FloatVector a2 = a.add(a);
        FloatVector u = expm1(a2.neg().blend(a2, big));
        FloatVector w = u.neg().blend(2f, big).div(u.add(2f));
        FloatVector t = w.blend(w.neg().add(1f), big);
        return t.reinterpretAsInts().or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
    }

    /**
     * sigmoid(x) = num / (1 + e) with e = exp(-|x|) and num = 1 for x &gt;= 0, e otherwise: the
     * exponential never overflows, so both tails saturate to 0 and 1 instead of NaN.
     */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector e = exp(x.abs().neg());
        FloatVector num = e.blend(1f, x.compare(VectorOperators.GE, 0f));
        return num.div(e.add(1f));
    }

    /** softplus(x) = max(x, 0) + log1p(exp(-|x|)): no overflow, no cancellation. */
    static FloatVector softplus(FloatVector x) {
        return x.max(0f).add(log1p(exp(x.abs().neg())));
    }
}
