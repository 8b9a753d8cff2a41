package org.adjoint.kernels;

import static jdk.incubator.vector.VectorOperators.FMA;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

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
 * <p>NOTE: the functions work on arrays, {@code y[yOff + i] = f(x[xOff + i])} for {@code i < n},
 * {@code n} a multiple of the vector length (callers finish the tail with their scalar reference),
 * and each basic function (exp, expm1, log, log1p) is one loop whose body is written out in full,
 * calling nothing but the Vector API. Vector-valued helpers did not work: C2 (JDK 17) stops
 * inlining ordinary methods once a compilation has created ~18000 IR nodes
 * ("NodeCountInliningCutoff" in -XX:+PrintInlining; the Vector API's own methods are exempt), a
 * transcendental costs ~10000, and a vector that crosses a real call is boxed: a JIT cliff
 * (caught by NoVectorFallbackTest). A loop over arrays needs no inlining: no vector crosses a call.
 * The composites (tanh, sigmoid, softplus, ELU) run a few passes over chunks of
 * {@value #CHUNK} elements that stay in L1: a preparation pass into a per-thread scratch chunk,
 * a basic function in place, a finishing pass.
 */
final class VectorMathF32 {

    static final VectorSpecies<Float> SPECIES = VectorWidth.F32;
    private static final int LANES = SPECIES.length();
    /** Elements per pass of a composite: 4 KiB, a multiple of every vector length. */
    static final int CHUNK = 1024;
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[CHUNK]);

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

    /** {@code y = e^x}. */
    static void exp(float[] x, int xOff, float[] y, int yOff, int n) {
        assert n % LANES == 0;
        for (int i = 0; i < n; i += LANES) {
            FloatVector xc = FloatVector.fromArray(SPECIES, x, xOff + i).max(EXP_MIN).min(EXP_MAX); // NaN stays NaN
            FloatVector z = xc.fma(LOG2E, SHIFTER);                   // SHIFTER + k, k = round(x / ln2)
            FloatVector k = z.sub(SHIFTER);
            FloatVector r = k.fma(k.broadcast(-LN2_HI), xc);          // exact (Sterbenz)
            r = k.fma(k.broadcast(-LN2_LO), r);                       // |r| <= ~0.347
            // e^r = 1 + r + r^2 P(r)
            FloatVector p = r.fma(C8, C7).lanewise(FMA, r, C6).lanewise(FMA, r, C5).lanewise(FMA, r, C4)
                    .lanewise(FMA, r, C3).lanewise(FMA, r, C2);
            p = r.mul(r).fma(p, r).add(1f);
            // p * 2^k as (p * 2^k1) * 2^k2, k1 = floor(k/2), k2 = k - k1 (k in [-150, 128]): both
            // factors are normal, the product rounds once: subnormal results round correctly from p,
            // overflow gives +Inf. (Logical shifts of k + 256 > 0: no arithmetic shift needed.)
            IntVector kb = z.reinterpretAsInts().add(256 - SHIFTER_BITS);
            IntVector e1 = kb.lanewise(VectorOperators.LSHR, 1).add(-1);         // k1 + 127
            IntVector e2 = kb.sub(e1).add(-2);                                    // k2 + 127
            p = p.mul(e1.lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            p.mul(e2.lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats()).intoArray(y, yOff + i);
        }
    }

    /**
     * {@code y = e^x - 1}, accurate for small |x| too: with x = k ln2 + r and h = 2^(k-1),
     * e^x - 1 = 2 ((h - 1/2) + h r + h (e^r - 1 - r)). The first two terms are added exactly
     * (Fast2Sum: |h - 1/2| &gt;= |h r| for every k), so the cancellation near k = +-1 costs no
     * accuracy; the rounding error of r itself is carried along (rLo). h = 2^(k-1) stays a normal
     * number up to the overflow threshold (k = 128); doubling at the end is exact or overflows.
     */
    static void expm1(float[] x, int xOff, float[] y, int yOff, int n) {
        assert n % LANES == 0;
        for (int i = 0; i < n; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOff + i);
            FloatVector xc = v.max(EXPM1_MIN).min(EXP_MAX);
            FloatVector z = xc.fma(LOG2E, SHIFTER);
            FloatVector k = z.sub(SHIFTER);
            FloatVector rHi = k.fma(k.broadcast(-LN2_HI), xc);                // exact (Sterbenz)
            FloatVector r = k.fma(k.broadcast(-LN2_LO), rHi);
            FloatVector rLo = k.fma(k.broadcast(-LN2_LO), rHi.sub(r));        // the rounding error of r
            // e^(r + rLo) - 1 - r ~ r^2 P(r) + rLo (1 + r)
            FloatVector p = r.fma(C8, C7).lanewise(FMA, r, C6).lanewise(FMA, r, C5).lanewise(FMA, r, C4)
                    .lanewise(FMA, r, C3).lanewise(FMA, r, C2);
            FloatVector t = r.mul(r).fma(p, rLo.fma(r, rLo));
            FloatVector h = z.reinterpretAsInts().add(126 - SHIFTER_BITS).lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats();
            FloatVector a = h.sub(0.5f);
            FloatVector b = h.mul(r);
            FloatVector s = a.add(b);
            FloatVector lo = b.sub(s.sub(a));                                  // a + b = s + lo exactly
            FloatVector e = s.add(h.fma(t, lo)).mul(2f);
            e.blend(v, v.abs().compare(VectorOperators.LT, TINY)).intoArray(y, yOff + i);
        }
    }

    /**
     * {@code y = ln x}: x = 2^e m, m in [sqrt(1/2), sqrt(2)), f = m - 1, s = f / (2 + f);
     * ln x = e ln2 + f - f^2/2 + s (f^2/2 + R(s^2)) (the atanh series). Subnormals are scaled by
     * 2^23 first. +Inf at +Inf, -Inf at +-0, NaN below 0 and at NaN.
     */
    static void log(float[] x, int xOff, float[] y, int yOff, int n) {
        assert n % LANES == 0;
        for (int i = 0; i < n; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOff + i);
            VectorMask<Float> subnormal = v.compare(VectorOperators.LT, 0x1p-126f);
            IntVector ix = v.blend(v.mul(0x1p23f), subnormal).reinterpretAsInts().add(0x3f800000 - SQRT_HALF_BITS);
            FloatVector f = ix.and(0x007fffff).add(SQRT_HALF_BITS).reinterpretAsFloats().sub(1f);
            // the exponent field, put into the mantissa of 2^23: an exact integer-valued float
            FloatVector e = ix.lanewise(VectorOperators.LSHR, 23).or(0x4B000000).reinterpretAsFloats()
                    .sub(v.broadcast(0x1p23f + 127).blend(0x1p23f + 150, subnormal));
            FloatVector s = f.div(f.add(2f));
            FloatVector z = s.mul(s);
            FloatVector r = z.fma(L4, L3).lanewise(FMA, z, L2).lanewise(FMA, z, L1).mul(z);
            FloatVector hfsq = f.mul(f).mul(0.5f);
            FloatVector t = s.fma(hfsq.add(r), e.mul(LN2_LO));
            FloatVector l = e.fma(e.broadcast(LN2_HI), f.sub(hfsq.sub(t)));
            // x - x is 0 for finite x and NaN at NaN and infinities: NaN propagates without a mask
            l.add(v.sub(v)).blend(Float.POSITIVE_INFINITY, v.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY))
                    .blend(Float.NEGATIVE_INFINITY, v.compare(VectorOperators.EQ, 0f))
                    .blend(Float.NaN, v.compare(VectorOperators.LT, 0f))
                    .intoArray(y, yOff + i);
        }
    }

    /**
     * {@code y = ln(1 + x)}, accurate for small |x|: u = 1 + x rounded and err = (1 + x) - u exactly
     * (TwoSum); ln(1 + x) = ln(u) + ln(1 + err/u) = ln(u) + err/u to well below an ulp. ln(u) is
     * {@link #log} (u - 1 is exact where it matters: near u = 1); below 2^-24 in magnitude (and
     * for +-0 and subnormals) ln(1 + x) rounds to x.
     */
    static void log1p(float[] x, int xOff, float[] y, int yOff, int n) {
        float[] t = LOG1P_SCRATCH.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            for (int i = 0; i < m; i += LANES) {
                FloatVector.fromArray(SPECIES, x, xOff + c + i).add(1f).intoArray(t, i);
            }
            log(t, 0, t, 0, m);
            log1pFinish(x, xOff + c, t, y, yOff + c, m);
        }
    }

    /** Separate from SCRATCH: softplus calls log1p on its scratch chunk. */
    private static final ThreadLocal<float[]> LOG1P_SCRATCH = ThreadLocal.withInitial(() -> new float[CHUNK]);

    /** {@code y = ln(u) + err/u} (see {@link #log1p}); ln(u) = +-Inf stays as it is. */
    private static void log1pFinish(float[] x, int xOff, float[] lnU, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOff + i);
            FloatVector l = FloatVector.fromArray(SPECIES, lnU, i);
            FloatVector u = v.add(1f);
            FloatVector bb = u.sub(1f);
            FloatVector err = u.sub(bb).neg().add(1f).add(v.sub(bb));
            FloatVector c = err.div(u).blend(0f, l.abs().compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
            l.add(c).blend(v, v.abs().compare(VectorOperators.LT, TINY)).intoArray(y, yOff + i);
        }
    }

    /**
     * {@code y = tanh x = sign(x) t(|x|)} with one expm1: below log(3)/2, u = expm1(-2|x|) and
     * t = -u / (u + 2) (no cancellation near 0); above, u = expm1(2|x|) and t = 1 - 2 / (u + 2)
     * (saturates to 1, also when u overflows). The sign is copied bitwise: tanh(-0) = -0.
     */
    static void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
        float[] u = SCRATCH.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            tanhArgument(x, xOff + c, u, m);
            expm1(u, 0, u, 0, m);
            tanhFinish(x, xOff + c, u, y, yOff + c, m);
        }
    }

    /** {@code u = -2|x|} below the switch, {@code 2|x|} above. */
    private static void tanhArgument(float[] x, int xOff, float[] u, int n) {
        for (int i = 0; i < n; i += LANES) {
            FloatVector a = FloatVector.fromArray(SPECIES, x, xOff + i).abs();
            FloatVector a2 = a.add(a);
            a2.neg().blend(a2, a.compare(VectorOperators.GT, TANH_SWITCH)).intoArray(u, i);
        }
    }

    private static void tanhFinish(float[] x, int xOff, float[] u, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOff + i);
            FloatVector uv = FloatVector.fromArray(SPECIES, u, i);
            VectorMask<Float> big = v.abs().compare(VectorOperators.GT, TANH_SWITCH);
            FloatVector w = uv.neg().blend(2f, big).div(uv.add(2f));
            FloatVector t = w.blend(w.neg().add(1f), big);
            t.reinterpretAsInts().or(v.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats()
                    .intoArray(y, yOff + i);
        }
    }

    /**
     * {@code y = sigmoid(x) = num / (1 + e)} with e = exp(-|x|) and num = 1 for x &gt;= 0, e
     * otherwise: the exponential never overflows, so both tails saturate to 0 and 1, not NaN.
     */
    static void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
        float[] e = SCRATCH.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            negAbs(x, xOff + c, e, m);
            exp(e, 0, e, 0, m);
            sigmoidFinish(x, xOff + c, e, null, 0, y, yOff + c, m);
        }
    }

    /** {@code dx = dy * sigmoid(x)}: the softplus derivative. */
    static void sigmoidTimes(float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        float[] e = SCRATCH.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            negAbs(x, xOff + c, e, m);
            exp(e, 0, e, 0, m);
            sigmoidFinish(x, xOff + c, e, dy, dyOff + c, dx, dxOff + c, m);
        }
    }

    /** {@code t = -|x|}. */
    private static void negAbs(float[] x, int xOff, float[] t, int n) {
        for (int i = 0; i < n; i += LANES) {
            FloatVector.fromArray(SPECIES, x, xOff + i).abs().neg().intoArray(t, i);
        }
    }

    /** {@code y = [dy *] num / (1 + e)}. */
    private static void sigmoidFinish(float[] x, int xOff, float[] e, float[] dy, int dyOff, float[] y, int yOff,
                                      int n) {
        for (int i = 0; i < n; i += LANES) {
            FloatVector ev = FloatVector.fromArray(SPECIES, e, i);
            FloatVector num = ev.blend(1f, FloatVector.fromArray(SPECIES, x, xOff + i).compare(VectorOperators.GE, 0f));
            FloatVector s = num.div(ev.add(1f));
            if (dy != null) {
                s = FloatVector.fromArray(SPECIES, dy, dyOff + i).mul(s);
            }
            s.intoArray(y, yOff + i);
        }
    }

    /** {@code y = softplus(x) = max(x, 0) + log1p(exp(-|x|))}: no overflow, no cancellation. */
    static void softplus(float[] x, int xOff, float[] y, int yOff, int n) {
        float[] t = SCRATCH.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            negAbs(x, xOff + c, t, m);
            exp(t, 0, t, 0, m);
            log1p(t, 0, t, 0, m);
            for (int i = 0; i < m; i += LANES) {
                FloatVector.fromArray(SPECIES, x, xOff + c + i).max(0f).add(FloatVector.fromArray(SPECIES, t, i))
                        .intoArray(y, yOff + c + i);
            }
        }
    }

    /** {@code y = x} for x &gt; 0, else {@code alpha (e^x - 1)}. */
    static void elu(float[] x, int xOff, float alpha, float[] y, int yOff, int n) {
        float[] t = SCRATCH.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            expm1(x, xOff + c, t, 0, m);
            for (int i = 0; i < m; i += LANES) {
                FloatVector v = FloatVector.fromArray(SPECIES, x, xOff + c + i);
                FloatVector.fromArray(SPECIES, t, i).mul(alpha).blend(v, v.compare(VectorOperators.GT, 0f))
                        .intoArray(y, yOff + c + i);
            }
        }
    }

    /**
     * {@code y = e^(x - shift)} and the sum of those values: one vector accumulator in index
     * order, then its lanes in index order (the caller adds a scalar tail). {@code y} may be null.
     */
    static float expShiftSum(float[] x, int xOff, float shift, float[] y, int yOff, int n) {
        float[] t = SCRATCH.get();
        float[] acc = ACCUMULATOR.get();
        java.util.Arrays.fill(acc, 0f);
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            float[] dst = y == null ? t : y;
            int dOff = y == null ? 0 : yOff + c;
            shifted(x, xOff + c, shift, dst, dOff, m);
            exp(dst, dOff, dst, dOff, m);
            accumulate(dst, dOff, acc, m);
        }
        float sum = 0f;
        for (int lane = 0; lane < LANES; lane++) {
            sum += acc[lane];
        }
        return sum;
    }

    private static final ThreadLocal<float[]> ACCUMULATOR = ThreadLocal.withInitial(() -> new float[LANES]);

    private static void shifted(float[] x, int xOff, float shift, float[] t, int tOff, int n) {
        for (int i = 0; i < n; i += LANES) {
            FloatVector.fromArray(SPECIES, x, xOff + i).sub(shift).intoArray(t, tOff + i);
        }
    }

    /** {@code acc += t[tOff + i]} vector by vector (the accumulator lives in {@code acc}). */
    private static void accumulate(float[] t, int tOff, float[] acc, int n) {
        FloatVector a = FloatVector.fromArray(SPECIES, acc, 0);
        for (int i = 0; i < n; i += LANES) {
            a = a.add(FloatVector.fromArray(SPECIES, t, tOff + i));
        }
        a.intoArray(acc, 0);
    }
}
