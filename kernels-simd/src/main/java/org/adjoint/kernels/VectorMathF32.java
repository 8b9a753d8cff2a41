package org.adjoint.kernels;

import static jdk.incubator.vector.VectorOperators.FMA;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Deterministic float vector transcendentals: exp, expm1, log, log1p, tanh, sigmoid, softplus,
 * ELU and the exp-sum of softmax, on arrays: {@code y[yOff + i] = f(x[xOff + i])} for
 * {@code i < n}, {@code n} a multiple of the vector length (callers finish the tail with their
 * scalar reference).
 *
 * <p>Why: {@code lanewise(VectorOperators.EXP)} and friends are computed by Intel SVML stubs once
 * C2 has compiled the caller, but by the Vector API's Java fallback (Math/StrictMath per lane) in
 * the interpreter and C1: the last bits differ (measured: 52 of 4096 random floats for EXP, 11 for
 * TANH), so one computation gave different bits before and after JIT warm-up ("same seed, same
 * bits" broken). Everything here is built only from operations that IEEE 754 rounds exactly and
 * that every tier therefore computes identically: add, sub, mul, div, fma, neg/abs, min/max,
 * compare + blend, and integer adds/shifts/ands on the bit patterns (reinterpret casts). No
 * lanewise transcendental, no float-to-int conversion: integers are made with the
 * round-to-nearest "shifter" {@code 1.5 * 2^23}. TierIndependenceTest compares every function's
 * bits in C2-compiled code against an {@code -Xint} JVM.
 *
 * <p>Accuracy (VectorMathTest, dense sweeps and every special value, against
 * {@code (float) Math.f((double) x)}, which is correctly rounded but for rare ties): at most 1 ulp
 * for exp, expm1, log, log1p; at most 2 ulp for tanh, sigmoid and softplus. Special values follow
 * {@link Math}: NaN propagates, overflow gives +Inf, underflow is gradual through the subnormals
 * to 0, log(0) = -Inf, log(x &lt; 0) = NaN, signed zeros kept where Math keeps them.
 *
 * <p>NOTE (JIT): each function runs as a few passes over chunks of {@value #CHUNK} elements
 * (which stay in L1), each pass a short loop of Vector API calls, and the passes are invoked
 * through method handles that C2 cannot inline, so that every pass is compiled on its own. One
 * loop per function did not work on JDK 17: a transcendental's worth of Vector API calls inlines
 * more than C2's per-compilation budget of bytecodes (DesiredMethodLimit, 8000); the rest is
 * inlined late, where the store (and other) intrinsics failed to find an exact vector type, and
 * vectors were boxed: a JIT cliff that NoVectorFallbackTest caught in some warm-up orders. For
 * the same reason no method here takes or returns a vector (a vector crossing a call is boxed).
 *
 * <p>{@link VectorMathF64} is the hand-written double twin (longer polynomials, other constants);
 * GenerateF64 skips this file because that twin exists.
 */
final class VectorMathF32 {

    static final VectorSpecies<Float> SPECIES = VectorWidth.F32;
    private static final int LANES = SPECIES.length();
    /** Elements per pass: 4 KiB, a multiple of every vector length. */
    static final int CHUNK = 1024;

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

    // ---------------------------------------------------------------- passes and their plumbing

    /** The arguments of one pass, and the per-thread scratch chunks. */
    private static final class Work {
        float[] in;
        int inOff;
        float[] out;
        int outOff;
        float[] aux;
        int auxOff;
        int n;
        float param;
        /** Inside a basic function (exp, expm1, log). */
        final float[] s1 = new float[CHUNK];
        final float[] s2 = new float[CHUNK];
        final float[] s3 = new float[CHUNK];
        /** Inside a composite: the input of the basic function it calls. */
        final float[] t1 = new float[CHUNK];
        /** Inside log1p: 1 + x and ln(1 + x). */
        final float[] t2 = new float[CHUNK];
        final float[] acc = new float[LANES];
    }

    private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

    private static final int EXP_REDUCE = 0;
    private static final int EXP_SCALE = 1;
    private static final int EXPM1_REDUCE = 2;
    private static final int EXPM1_FINISH = 3;
    private static final int LOG_REDUCE = 4;
    private static final int LOG_CORE = 5;
    private static final int LOG_SPECIALS = 6;
    private static final int ONE_PLUS = 7;
    private static final int LOG1P_FINISH = 8;
    private static final int TANH_ARGUMENT = 9;
    private static final int TANH_FINISH = 10;
    private static final int NEG_ABS = 11;
    private static final int SIGMOID_FINISH = 12;
    private static final int SOFTPLUS_FINISH = 13;
    private static final int ELU_FINISH = 14;
    private static final int SHIFTED = 15;
    private static final int ACCUMULATE = 16;

    /**
     * NOTE: not constants to C2 (array elements): {@code invokeExact} on them is a real call, so
     * each pass is compiled on its own (see the class comment).
     */
    private static final MethodHandle[] PASSES = handles("expReduce", "expScale", "expm1Reduce", "expm1Finish",
            "logReduce", "logCore", "logSpecials", "onePlus", "log1pFinish", "tanhArgument", "tanhFinish", "negAbs",
            "sigmoidFinish", "softplusFinish", "eluFinish", "shifted", "accumulate");

    private static MethodHandle[] handles(String... names) {
        MethodHandle[] h = new MethodHandle[names.length];
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            for (int i = 0; i < names.length; i++) {
                h[i] = lookup.findStatic(VectorMathF32.class, names[i], MethodType.methodType(void.class, Work.class));
            }
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        return h;
    }

    /** Runs pass {@code id} on {@code n} elements. */
    private static void pass(int id, Work w, float[] in, int inOff, float[] out, int outOff, float[] aux, int auxOff,
                             int n, float param) {
        w.in = in;
        w.inOff = inOff;
        w.out = out;
        w.outOff = outOff;
        w.aux = aux;
        w.auxOff = auxOff;
        w.n = n;
        w.param = param;
        try {
            PASSES[id].invokeExact(w);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    // ---------------------------------------------------------------- exp

    /** {@code y = e^x}. */
    static void exp(float[] x, int xOff, float[] y, int yOff, int n) {
        assert n % LANES == 0;
        Work w = WORK.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            pass(EXP_REDUCE, w, x, xOff + c, y, yOff + c, null, 0, m, 0f);
            pass(EXP_SCALE, w, y, yOff + c, y, yOff + c, null, 0, m, 0f);
        }
    }

    /**
     * out = e^r for x = k ln2 + r, |r| &lt;= ln2/2 (Cody-Waite, k = round(x / ln2) by the shifter);
     * s1 = SHIFTER + k. x is clamped to [EXP_MIN, EXP_MAX] first (NaN stays NaN).
     */
    private static void expReduce(Work w) {
        float[] x = w.in;
        float[] p = w.out;
        float[] zs = w.s1;
        int xOff = w.inOff;
        int pOff = w.outOff;
        for (int i = 0; i < w.n; i += LANES) {
            FloatVector xc = FloatVector.fromArray(SPECIES, x, xOff + i).max(EXP_MIN).min(EXP_MAX);
            FloatVector z = xc.fma(LOG2E, SHIFTER);
            FloatVector k = z.sub(SHIFTER);
            FloatVector r = k.fma(k.broadcast(-LN2_HI), xc);          // exact (Sterbenz)
            r = k.fma(k.broadcast(-LN2_LO), r);
            // e^r = 1 + r + r^2 P(r)
            FloatVector q = r.fma(C8, C7).lanewise(FMA, r, C6).lanewise(FMA, r, C5).lanewise(FMA, r, C4)
                    .lanewise(FMA, r, C3).lanewise(FMA, r, C2);
            r.mul(r).fma(q, r).add(1f).intoArray(p, pOff + i);
            z.intoArray(zs, i);
        }
    }

    /**
     * out = p * 2^k as (p * 2^k1) * 2^k2, k1 = floor(k/2), k2 = k - k1 (k in [-150, 128]): both
     * factors are normal and the product rounds once, so subnormal results round correctly from p
     * and overflow gives +Inf. Logical shifts of k + 256 &gt; 0: no arithmetic shift needed.
     */
    private static void expScale(Work w) {
        float[] p = w.in;
        float[] y = w.out;
        float[] zs = w.s1;
        int pOff = w.inOff;
        int yOff = w.outOff;
        for (int i = 0; i < w.n; i += LANES) {
            IntVector kb = FloatVector.fromArray(SPECIES, zs, i).reinterpretAsInts().add(256 - SHIFTER_BITS);
            IntVector e1 = kb.lanewise(VectorOperators.LSHR, 1).add(-1);             // k1 + 127
            IntVector e2 = kb.sub(e1).add(-2);                                        // k2 + 127
            FloatVector.fromArray(SPECIES, p, pOff + i)
                    .mul(e1.lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul(e2.lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .intoArray(y, yOff + i);
        }
    }

    // ---------------------------------------------------------------- expm1

    /**
     * {@code y = e^x - 1}, accurate for small |x| too: with x = k ln2 + r and h = 2^(k-1),
     * e^x - 1 = 2 ((h - 1/2) + h r + h (e^r - 1 - r)). The first two terms are added exactly
     * (Fast2Sum: |h - 1/2| &gt;= |h r| for every k), so the cancellation near k = +-1 costs no
     * accuracy; the rounding error of r itself is carried along (rLo). h = 2^(k-1) stays a normal
     * number up to the overflow threshold (k = 128); doubling at the end is exact or overflows.
     */
    static void expm1(float[] x, int xOff, float[] y, int yOff, int n) {
        assert n % LANES == 0;
        Work w = WORK.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            pass(EXPM1_REDUCE, w, x, xOff + c, null, 0, null, 0, m, 0f);
            pass(EXPM1_FINISH, w, x, xOff + c, y, yOff + c, null, 0, m, 0f);
        }
    }

    /** s1 = SHIFTER + k, s2 = r, s3 = e^(r + rLo) - 1 - r ~ r^2 P(r) + rLo (1 + r). */
    private static void expm1Reduce(Work w) {
        float[] x = w.in;
        int xOff = w.inOff;
        for (int i = 0; i < w.n; i += LANES) {
            FloatVector xc = FloatVector.fromArray(SPECIES, x, xOff + i).max(EXPM1_MIN).min(EXP_MAX);
            FloatVector z = xc.fma(LOG2E, SHIFTER);
            FloatVector k = z.sub(SHIFTER);
            FloatVector rHi = k.fma(k.broadcast(-LN2_HI), xc);                // exact (Sterbenz)
            FloatVector r = k.fma(k.broadcast(-LN2_LO), rHi);
            FloatVector rLo = k.fma(k.broadcast(-LN2_LO), rHi.sub(r));        // the rounding error of r
            FloatVector q = r.fma(C8, C7).lanewise(FMA, r, C6).lanewise(FMA, r, C5).lanewise(FMA, r, C4)
                    .lanewise(FMA, r, C3).lanewise(FMA, r, C2);
            r.mul(r).fma(q, rLo.fma(r, rLo)).intoArray(w.s3, i);
            z.intoArray(w.s1, i);
            r.intoArray(w.s2, i);
        }
    }

    /** out = 2 ((h - 1/2) + h r + h t), h = 2^(k-1); x itself below TINY (keeps -0 and subnormals). */
    private static void expm1Finish(Work w) {
        float[] x = w.in;
        float[] y = w.out;
        int xOff = w.inOff;
        int yOff = w.outOff;
        for (int i = 0; i < w.n; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOff + i);
            FloatVector h = FloatVector.fromArray(SPECIES, w.s1, i).reinterpretAsInts().add(126 - SHIFTER_BITS)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector a = h.sub(0.5f);
            FloatVector b = h.mul(FloatVector.fromArray(SPECIES, w.s2, i));
            FloatVector s = a.add(b);
            FloatVector lo = b.sub(s.sub(a));                                  // a + b = s + lo exactly
            FloatVector e = s.add(h.fma(FloatVector.fromArray(SPECIES, w.s3, i), lo)).mul(2f);
            e.blend(v, v.abs().compare(VectorOperators.LT, TINY)).intoArray(y, yOff + i);
        }
    }

    // ---------------------------------------------------------------- log

    /**
     * {@code y = ln x}: x = 2^e m, m in [sqrt(1/2), sqrt(2)), f = m - 1, s = f / (2 + f);
     * ln x = e ln2 + f - f^2/2 + s (f^2/2 + R(s^2)) (the atanh series). Subnormals are scaled by
     * 2^23 first. +Inf at +Inf, -Inf at +-0, NaN below 0 and at NaN.
     */
    static void log(float[] x, int xOff, float[] y, int yOff, int n) {
        assert n % LANES == 0;
        Work w = WORK.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            pass(LOG_REDUCE, w, x, xOff + c, null, 0, null, 0, m, 0f);
            pass(LOG_CORE, w, null, 0, null, 0, null, 0, m, 0f);
            pass(LOG_SPECIALS, w, x, xOff + c, y, yOff + c, null, 0, m, 0f);
        }
    }

    /** s1 = f = m - 1, s2 = e (as exact integer-valued floats). */
    private static void logReduce(Work w) {
        float[] x = w.in;
        int xOff = w.inOff;
        for (int i = 0; i < w.n; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOff + i);
            VectorMask<Float> subnormal = v.compare(VectorOperators.LT, 0x1p-126f);
            IntVector ix = v.blend(v.mul(0x1p23f), subnormal).reinterpretAsInts().add(0x3f800000 - SQRT_HALF_BITS);
            ix.and(0x007fffff).add(SQRT_HALF_BITS).reinterpretAsFloats().sub(1f).intoArray(w.s1, i);
            // the exponent field, put into the mantissa of 2^23: an exact integer-valued float
            ix.lanewise(VectorOperators.LSHR, 23).or(0x4B000000).reinterpretAsFloats()
                    .sub(v.broadcast(0x1p23f + 127).blend(0x1p23f + 150, subnormal))
                    .intoArray(w.s2, i);
        }
    }

    /** s3 = e ln2 + f - f^2/2 + s (f^2/2 + R). */
    private static void logCore(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            FloatVector f = FloatVector.fromArray(SPECIES, w.s1, i);
            FloatVector e = FloatVector.fromArray(SPECIES, w.s2, i);
            FloatVector s = f.div(f.add(2f));
            FloatVector z = s.mul(s);
            FloatVector r = z.fma(L4, L3).lanewise(FMA, z, L2).lanewise(FMA, z, L1).mul(z);
            FloatVector hfsq = f.mul(f).mul(0.5f);
            FloatVector t = s.fma(hfsq.add(r), e.mul(LN2_LO));
            e.fma(e.broadcast(LN2_HI), f.sub(hfsq.sub(t))).intoArray(w.s3, i);
        }
    }

    /** out = s3, or +Inf at +Inf, -Inf at +-0, NaN below 0 and at NaN (x - x is NaN there). */
    private static void logSpecials(Work w) {
        float[] x = w.in;
        float[] y = w.out;
        int xOff = w.inOff;
        int yOff = w.outOff;
        for (int i = 0; i < w.n; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOff + i);
            FloatVector.fromArray(SPECIES, w.s3, i).add(v.sub(v))
                    .blend(Float.POSITIVE_INFINITY, v.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY))
                    .blend(Float.NEGATIVE_INFINITY, v.compare(VectorOperators.EQ, 0f))
                    .blend(Float.NaN, v.compare(VectorOperators.LT, 0f))
                    .intoArray(y, yOff + i);
        }
    }

    // ---------------------------------------------------------------- log1p

    /**
     * {@code y = ln(1 + x)}, accurate for small |x|: u = 1 + x rounded and err = (1 + x) - u exactly
     * (TwoSum); ln(1 + x) = ln(u) + ln(1 + err/u) = ln(u) + err/u to well below an ulp. ln(u) is
     * {@link #log} (u - 1 is exact where it matters: near u = 1); below 2^-24 in magnitude (and
     * for +-0 and subnormals) ln(1 + x) rounds to x.
     */
    static void log1p(float[] x, int xOff, float[] y, int yOff, int n) {
        assert n % LANES == 0;
        Work w = WORK.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            pass(ONE_PLUS, w, x, xOff + c, w.t2, 0, null, 0, m, 0f);
            log(w.t2, 0, w.t2, 0, m);
            pass(LOG1P_FINISH, w, x, xOff + c, y, yOff + c, w.t2, 0, m, 0f);
        }
    }

    private static void onePlus(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            FloatVector.fromArray(SPECIES, w.in, w.inOff + i).add(1f).intoArray(w.out, w.outOff + i);
        }
    }

    /** out = ln(u) + err/u (aux = ln u); ln(u) = +-Inf stays as it is. */
    private static void log1pFinish(Work w) {
        float[] x = w.in;
        float[] y = w.out;
        float[] lnU = w.aux;
        int xOff = w.inOff;
        int yOff = w.outOff;
        for (int i = 0; i < w.n; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOff + i);
            FloatVector l = FloatVector.fromArray(SPECIES, lnU, i);
            FloatVector u = v.add(1f);
            FloatVector bb = u.sub(1f);
            FloatVector err = u.sub(bb).neg().add(1f).add(v.sub(bb));
            FloatVector c = err.div(u).blend(0f, l.abs().compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
            l.add(c).blend(v, v.abs().compare(VectorOperators.LT, TINY)).intoArray(y, yOff + i);
        }
    }

    // ---------------------------------------------------------------- composites

    /**
     * {@code y = tanh x = sign(x) t(|x|)} with one expm1: below log(3)/2, u = expm1(-2|x|) and
     * t = -u / (u + 2) (no cancellation near 0); above, u = expm1(2|x|) and t = 1 - 2 / (u + 2)
     * (saturates to 1, also when u overflows). The sign is copied bitwise: tanh(-0) = -0.
     */
    static void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
        Work w = WORK.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            pass(TANH_ARGUMENT, w, x, xOff + c, w.t1, 0, null, 0, m, 0f);
            expm1(w.t1, 0, w.t1, 0, m);
            pass(TANH_FINISH, w, x, xOff + c, y, yOff + c, w.t1, 0, m, 0f);
        }
    }

    /** out = -2|x| below the switch, 2|x| above. */
    private static void tanhArgument(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            FloatVector a = FloatVector.fromArray(SPECIES, w.in, w.inOff + i).abs();
            FloatVector a2 = a.add(a);
            a2.neg().blend(a2, a.compare(VectorOperators.GT, TANH_SWITCH)).intoArray(w.out, w.outOff + i);
        }
    }

    /** out = sign(x) t (aux = u). */
    private static void tanhFinish(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, w.in, w.inOff + i);
            FloatVector u = FloatVector.fromArray(SPECIES, w.aux, i);
            VectorMask<Float> big = v.abs().compare(VectorOperators.GT, TANH_SWITCH);
            FloatVector q = u.neg().blend(2f, big).div(u.add(2f));
            FloatVector t = q.blend(q.neg().add(1f), big);
            t.reinterpretAsInts().or(v.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats()
                    .intoArray(w.out, w.outOff + i);
        }
    }

    /**
     * {@code y = sigmoid(x) = num / (1 + e)} with e = exp(-|x|) and num = 1 for x &gt;= 0, e
     * otherwise: the exponential never overflows, so both tails saturate to 0 and 1, not NaN.
     */
    static void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
        sigmoidTimes(x, xOff, null, 0, y, yOff, n);
    }

    /** {@code dx = dy * sigmoid(x)} (the softplus derivative); {@code dy == null}: sigmoid itself. */
    static void sigmoidTimes(float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        Work w = WORK.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            pass(NEG_ABS, w, x, xOff + c, w.t1, 0, null, 0, m, 0f);
            exp(w.t1, 0, w.t1, 0, m);
            pass(SIGMOID_FINISH, w, x, xOff + c, dx, dxOff + c, dy, dy == null ? 0 : dyOff + c, m, 0f);
        }
    }

    /** out = -|x|. */
    private static void negAbs(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            FloatVector.fromArray(SPECIES, w.in, w.inOff + i).abs().neg().intoArray(w.out, w.outOff + i);
        }
    }

    /** out = [aux *] num / (1 + e), e in t1. */
    private static void sigmoidFinish(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            FloatVector e = FloatVector.fromArray(SPECIES, w.t1, i);
            FloatVector num = e.blend(1f, FloatVector.fromArray(SPECIES, w.in, w.inOff + i)
                    .compare(VectorOperators.GE, 0f));
            FloatVector s = num.div(e.add(1f));
            if (w.aux != null) {
                s = FloatVector.fromArray(SPECIES, w.aux, w.auxOff + i).mul(s);
            }
            s.intoArray(w.out, w.outOff + i);
        }
    }

    /** {@code y = softplus(x) = max(x, 0) + log1p(exp(-|x|))}: no overflow, no cancellation. */
    static void softplus(float[] x, int xOff, float[] y, int yOff, int n) {
        Work w = WORK.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            pass(NEG_ABS, w, x, xOff + c, w.t1, 0, null, 0, m, 0f);
            exp(w.t1, 0, w.t1, 0, m);
            log1p(w.t1, 0, w.t1, 0, m);
            pass(SOFTPLUS_FINISH, w, x, xOff + c, y, yOff + c, w.t1, 0, m, 0f);
        }
    }

    /** out = max(x, 0) + aux. */
    private static void softplusFinish(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            FloatVector.fromArray(SPECIES, w.in, w.inOff + i).max(0f).add(FloatVector.fromArray(SPECIES, w.aux, i))
                    .intoArray(w.out, w.outOff + i);
        }
    }

    /** {@code y = x} for x &gt; 0, else {@code alpha (e^x - 1)}. */
    static void elu(float[] x, int xOff, float alpha, float[] y, int yOff, int n) {
        Work w = WORK.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            expm1(x, xOff + c, w.t1, 0, m);
            pass(ELU_FINISH, w, x, xOff + c, y, yOff + c, w.t1, 0, m, alpha);
        }
    }

    /** out = x for x &gt; 0, else alpha aux. */
    private static void eluFinish(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, w.in, w.inOff + i);
            FloatVector.fromArray(SPECIES, w.aux, i).mul(w.param).blend(v, v.compare(VectorOperators.GT, 0f))
                    .intoArray(w.out, w.outOff + i);
        }
    }

    /**
     * {@code y = e^(x - shift)} and the sum of those values: one vector accumulator in index
     * order, then its lanes in index order (the caller adds a scalar tail). {@code y} may be null.
     */
    static float expShiftSum(float[] x, int xOff, float shift, float[] y, int yOff, int n) {
        Work w = WORK.get();
        java.util.Arrays.fill(w.acc, 0f);
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            float[] dst = y == null ? w.t1 : y;
            int dOff = y == null ? 0 : yOff + c;
            pass(SHIFTED, w, x, xOff + c, dst, dOff, null, 0, m, shift);
            exp(dst, dOff, dst, dOff, m);
            pass(ACCUMULATE, w, dst, dOff, null, 0, null, 0, m, 0f);
        }
        float sum = 0f;
        for (int lane = 0; lane < LANES; lane++) {
            sum += w.acc[lane];
        }
        return sum;
    }

    /**
     * {@code out[oOff + i] = (float) Math.pow(a[aOff + i*as], b[bOff + i*bs])} for {@code i < n}
     * (strides 0 or 1): computed in double lanes by {@link VectorMathF64#pow(float[], int, int,
     * float[], int, int, float[], int, int)} (a float pow needs a log to ~2^-46 and |b ln a| up to
     * 104; double lanes give it without a double-float split).
     */
    static void pow(float[] a, int aOff, int as, float[] b, int bOff, int bs, float[] out, int oOff, int n) {
        VectorMathF64.pow(a, aOff, as, b, bOff, bs, out, oOff, n);
    }

    /** out = x - param. */
    private static void shifted(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            FloatVector.fromArray(SPECIES, w.in, w.inOff + i).sub(w.param).intoArray(w.out, w.outOff + i);
        }
    }

    /** acc += in, vector by vector (the accumulator lives in acc between chunks). */
    private static void accumulate(Work w) {
        FloatVector a = FloatVector.fromArray(SPECIES, w.acc, 0);
        for (int i = 0; i < w.n; i += LANES) {
            a = a.add(FloatVector.fromArray(SPECIES, w.in, w.inOff + i));
        }
        a.intoArray(w.acc, 0);
    }
}
