package org.adjoint.kernels;

import static jdk.incubator.vector.VectorOperators.FMA;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Deterministic double vector transcendentals: the hand-written double twin of
 * {@link VectorMathF32} (exp, expm1, log, log1p, tanh, sigmoid, softplus, ELU, the exp-sum of
 * softmax, on arrays). Same algorithms, passes and contract; see VectorMathF32 for why these exist
 * (lanewise transcendentals differ between JIT tiers), which operations they may use (exactly
 * rounded ones only) and why each function is a few method-handle-invoked passes (C2's inlining
 * budget on JDK 17). Here: the shifter is {@code 1.5 * 2^52}, the exp polynomial has degree 13 and
 * the log series 9 terms, and tanh's final quotient is corrected for the rounding of u + 2 and of
 * the division.
 *
 * <p>Accuracy (VectorMathTest, dense sweeps and every special value, against {@link Math}): at
 * most 1 ulp for exp, expm1, log, log1p; at most 2 ulp for sigmoid and softplus; tanh at most 3
 * ulp from Math.tanh, which is itself up to 2 ulp off (measured with mpmath at 120 bits: ours 1.6
 * ulp from the exact value, Math.tanh 2.0). Special values as in VectorMathF32.
 *
 * <p>Also pow ({@link #pow(double[], int, int, double[], int, int, double[], int, int)}, and the
 * float pow in double lanes), which has no float twin in VectorMathF32: a double-double log and
 * exp, within 0.76 ulp of the exact value (VectorPowTest).
 *
 * <p>NOTE: hand-written, not generated: GenerateF64 skips VectorMathF32.java because this file
 * exists. Change both when changing one.
 */
final class VectorMathF64 {

    static final VectorSpecies<Double> SPECIES = VectorWidth.F64;
    private static final int LANES = SPECIES.length();
    /** Elements per pass: 8 KiB, a multiple of every vector length. */
    static final int CHUNK = 1024;

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
    /** pow's exp: one more term, r^15/15! &lt;= 1e-19 relative. */
    private static final double C14 = 1.0 / 87178291200L;

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
    /** pow's log: the series up to 2 z^12/25; the next term is z^13/27 &lt;= 5e-22 relative. */
    private static final double L10 = 2.0 / 21;
    private static final double L11 = 2.0 / 23;
    private static final double L12 = 2.0 / 25;
    /** 2/3 = TWO_THIRDS + TWO_THIRDS_LO to ~2^-107. */
    private static final double TWO_THIRDS = 2.0 / 3;
    private static final double TWO_THIRDS_LO = 3.700743415417188e-17;
    /** pow clamps y ln x to [POW_T_MIN, POW_T_MAX] (the limits of exp, see EXP_MIN/EXP_MAX). */
    private static final double POW_T_MIN = -746;
    private static final double POW_T_MAX = 710;

    private VectorMathF64() {
    }

    // ---------------------------------------------------------------- passes and their plumbing

    /** The arguments of one pass, and the per-thread scratch chunks. */
    private static final class Work {
        double[] in;
        int inOff;
        double[] out;
        int outOff;
        double[] aux;
        int auxOff;
        int n;
        double param;
        /** Inside a basic function (exp, expm1, log). */
        final double[] s1 = new double[CHUNK];
        final double[] s2 = new double[CHUNK];
        final double[] s3 = new double[CHUNK];
        /** Inside a composite: the input of the basic function it calls. */
        final double[] t1 = new double[CHUNK];
        /** Inside log1p: 1 + x and ln(1 + x). */
        final double[] t2 = new double[CHUNK];
        final double[] acc = new double[LANES];
        /** Inside pow: two more intermediates, and its inputs and result for the F32 entry (or a broadcast operand). */
        final double[] s4 = new double[CHUNK];
        final double[] s5 = new double[CHUNK];
        final double[] s6 = new double[CHUNK];
        final double[] s7 = new double[CHUNK];
        final double[] px = new double[CHUNK];
        final double[] py = new double[CHUNK];
        final double[] pz = new double[CHUNK];
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
    private static final int POW_LOG_REDUCE = 17;
    private static final int POW_LOG_QUOTIENT = 18;
    private static final int POW_LOG_CUBE = 19;
    private static final int POW_LOG_TAIL = 20;
    private static final int POW_LOG_SUM = 21;
    private static final int POW_EXP_REDUCE = 22;
    private static final int POW_EXP_TAIL = 23;
    private static final int POW_EXP_SUM = 24;
    private static final int POW_SCALE = 25;
    private static final int POW_EDGES = 26;
    private static final int POW_PARITY = 27;
    private static final int POW_SIGN = 28;
    private static final int POW_FINISH = 29;

    /**
     * NOTE: not constants to C2 (array elements): {@code invokeExact} on them is a real call, so
     * each pass is compiled on its own (see the class comment).
     */
    private static final MethodHandle[] PASSES = handles("expReduce", "expScale", "expm1Reduce", "expm1Finish",
            "logReduce", "logCore", "logSpecials", "onePlus", "log1pFinish", "tanhArgument", "tanhFinish", "negAbs",
            "sigmoidFinish", "softplusFinish", "eluFinish", "shifted", "accumulate", "powLogReduce", "powLogQuotient",
            "powLogCube", "powLogTail", "powLogSum", "powExpReduce", "powExpTail", "powExpSum", "powScale", "powEdges",
            "powParity", "powSign", "powFinish");

    private static MethodHandle[] handles(String... names) {
        MethodHandle[] h = new MethodHandle[names.length];
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            for (int i = 0; i < names.length; i++) {
                h[i] = lookup.findStatic(VectorMathF64.class, names[i], MethodType.methodType(void.class, Work.class));
            }
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        return h;
    }

    /** Runs pass {@code id} on {@code n} elements. */
    private static void pass(int id, Work w, double[] in, int inOff, double[] out, int outOff, double[] aux, int auxOff,
                             int n, double param) {
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
    static void exp(double[] x, int xOff, double[] y, int yOff, int n) {
        assert n % LANES == 0;
        Work w = WORK.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            pass(EXP_REDUCE, w, x, xOff + c, y, yOff + c, null, 0, m, 0.0);
            pass(EXP_SCALE, w, y, yOff + c, y, yOff + c, null, 0, m, 0.0);
        }
    }

    /**
     * out = e^r for x = k ln2 + r, |r| &lt;= ln2/2 (Cody-Waite, k = round(x / ln2) by the shifter);
     * s1 = SHIFTER + k. x is clamped to [EXP_MIN, EXP_MAX] first (NaN stays NaN).
     */
    private static void expReduce(Work w) {
        double[] x = w.in;
        double[] p = w.out;
        double[] zs = w.s1;
        int xOff = w.inOff;
        int pOff = w.outOff;
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector xc = DoubleVector.fromArray(SPECIES, x, xOff + i).max(EXP_MIN).min(EXP_MAX);
            DoubleVector z = xc.fma(LOG2E, SHIFTER);
            DoubleVector k = z.sub(SHIFTER);
            DoubleVector r = k.fma(k.broadcast(-LN2_HI), xc);          // exact (Sterbenz)
            r = k.fma(k.broadcast(-LN2_LO), r);
            // e^r = 1 + r + r^2 P(r)
            DoubleVector q = r.fma(C13, C12).lanewise(FMA, r, C11).lanewise(FMA, r, C10).lanewise(FMA, r, C9)
                    .lanewise(FMA, r, C8).lanewise(FMA, r, C7).lanewise(FMA, r, C6).lanewise(FMA, r, C5)
                    .lanewise(FMA, r, C4).lanewise(FMA, r, C3).lanewise(FMA, r, C2);
            r.mul(r).fma(q, r).add(1.0).intoArray(p, pOff + i);
            z.intoArray(zs, i);
        }
    }

    /**
     * out = p * 2^k as (p * 2^k1) * 2^k2, k1 = floor(k/2), k2 = k - k1 (k in [-1076, 1024]): both
     * factors are normal and the product rounds once, so subnormal results round correctly from p
     * and overflow gives +Inf. Logical shifts of k + 2048 &gt; 0: no arithmetic shift needed.
     */
    private static void expScale(Work w) {
        double[] p = w.in;
        double[] y = w.out;
        double[] zs = w.s1;
        int pOff = w.inOff;
        int yOff = w.outOff;
        for (int i = 0; i < w.n; i += LANES) {
            LongVector kb = DoubleVector.fromArray(SPECIES, zs, i).reinterpretAsLongs().add(2048 - SHIFTER_BITS);
            LongVector e1 = kb.lanewise(VectorOperators.LSHR, 1).add(-1);             // k1 + 1023
            LongVector e2 = kb.sub(e1).add(-2);                                        // k2 + 1023
            DoubleVector.fromArray(SPECIES, p, pOff + i)
                    .mul(e1.lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles())
                    .mul(e2.lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles())
                    .intoArray(y, yOff + i);
        }
    }

    // ---------------------------------------------------------------- expm1

    /**
     * {@code y = e^x - 1}, accurate for small |x| too: with x = k ln2 + r and h = 2^(k-1),
     * e^x - 1 = 2 ((h - 1/2) + h r + h (e^r - 1 - r)). The first two terms are added exactly
     * (Fast2Sum: |h - 1/2| &gt;= |h r| for every k), so the cancellation near k = +-1 costs no
     * accuracy; the rounding error of r itself is carried along (rLo). h = 2^(k-1) stays a normal
     * number up to the overflow threshold (k = 1024); doubling at the end is exact or overflows.
     */
    static void expm1(double[] x, int xOff, double[] y, int yOff, int n) {
        assert n % LANES == 0;
        Work w = WORK.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            pass(EXPM1_REDUCE, w, x, xOff + c, null, 0, null, 0, m, 0.0);
            pass(EXPM1_FINISH, w, x, xOff + c, y, yOff + c, null, 0, m, 0.0);
        }
    }

    /** s1 = SHIFTER + k, s2 = r, s3 = e^(r + rLo) - 1 - r ~ r^2 P(r) + rLo (1 + r). */
    private static void expm1Reduce(Work w) {
        double[] x = w.in;
        int xOff = w.inOff;
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector xc = DoubleVector.fromArray(SPECIES, x, xOff + i).max(EXPM1_MIN).min(EXP_MAX);
            DoubleVector z = xc.fma(LOG2E, SHIFTER);
            DoubleVector k = z.sub(SHIFTER);
            DoubleVector rHi = k.fma(k.broadcast(-LN2_HI), xc);                // exact (Sterbenz)
            DoubleVector r = k.fma(k.broadcast(-LN2_LO), rHi);
            DoubleVector rLo = k.fma(k.broadcast(-LN2_LO), rHi.sub(r));        // the rounding error of r
            DoubleVector q = r.fma(C13, C12).lanewise(FMA, r, C11).lanewise(FMA, r, C10).lanewise(FMA, r, C9)
                    .lanewise(FMA, r, C8).lanewise(FMA, r, C7).lanewise(FMA, r, C6).lanewise(FMA, r, C5)
                    .lanewise(FMA, r, C4).lanewise(FMA, r, C3).lanewise(FMA, r, C2);
            r.mul(r).fma(q, rLo.fma(r, rLo)).intoArray(w.s3, i);
            z.intoArray(w.s1, i);
            r.intoArray(w.s2, i);
        }
    }

    /** out = 2 ((h - 1/2) + h r + h t), h = 2^(k-1); x itself below TINY (keeps -0 and subnormals). */
    private static void expm1Finish(Work w) {
        double[] x = w.in;
        double[] y = w.out;
        int xOff = w.inOff;
        int yOff = w.outOff;
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, xOff + i);
            DoubleVector h = DoubleVector.fromArray(SPECIES, w.s1, i).reinterpretAsLongs().add(1022 - SHIFTER_BITS)
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector a = h.sub(0.5);
            DoubleVector b = h.mul(DoubleVector.fromArray(SPECIES, w.s2, i));
            DoubleVector s = a.add(b);
            DoubleVector lo = b.sub(s.sub(a));                                  // a + b = s + lo exactly
            DoubleVector e = s.add(h.fma(DoubleVector.fromArray(SPECIES, w.s3, i), lo)).mul(2.0);
            e.blend(v, v.abs().compare(VectorOperators.LT, TINY)).intoArray(y, yOff + i);
        }
    }

    // ---------------------------------------------------------------- log

    /**
     * {@code y = ln x}: x = 2^e m, m in [sqrt(1/2), sqrt(2)), f = m - 1, s = f / (2 + f);
     * ln x = e ln2 + f - f^2/2 + s (f^2/2 + R(s^2)) (the atanh series). Subnormals are scaled by
     * 2^52 first. +Inf at +Inf, -Inf at +-0, NaN below 0 and at NaN.
     */
    static void log(double[] x, int xOff, double[] y, int yOff, int n) {
        assert n % LANES == 0;
        Work w = WORK.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            pass(LOG_REDUCE, w, x, xOff + c, null, 0, null, 0, m, 0.0);
            pass(LOG_CORE, w, null, 0, null, 0, null, 0, m, 0.0);
            pass(LOG_SPECIALS, w, x, xOff + c, y, yOff + c, null, 0, m, 0.0);
        }
    }

    /** s1 = f = m - 1, s2 = e (as exact integer-valued doubles). */
    private static void logReduce(Work w) {
        double[] x = w.in;
        int xOff = w.inOff;
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, xOff + i);
            VectorMask<Double> subnormal = v.compare(VectorOperators.LT, 0x1p-1022);
            LongVector ix = v.blend(v.mul(0x1p52), subnormal).reinterpretAsLongs().add(ONE_BITS - SQRT_HALF_BITS);
            ix.and(MANTISSA).add(SQRT_HALF_BITS).reinterpretAsDoubles().sub(1.0).intoArray(w.s1, i);
            // the exponent field, put into the mantissa of 2^52: an exact integer-valued double
            ix.lanewise(VectorOperators.LSHR, 52).or(0x4330000000000000L).reinterpretAsDoubles()
                    .sub(v.broadcast(0x1p52 + 1023).blend(0x1p52 + 1075, subnormal))
                    .intoArray(w.s2, i);
        }
    }

    /** s3 = e ln2 + f - f^2/2 + s (f^2/2 + R). */
    private static void logCore(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector f = DoubleVector.fromArray(SPECIES, w.s1, i);
            DoubleVector e = DoubleVector.fromArray(SPECIES, w.s2, i);
            DoubleVector s = f.div(f.add(2.0));
            DoubleVector z = s.mul(s);
            DoubleVector r = z.fma(L9, L8).lanewise(FMA, z, L7).lanewise(FMA, z, L6).lanewise(FMA, z, L5)
                    .lanewise(FMA, z, L4).lanewise(FMA, z, L3).lanewise(FMA, z, L2).lanewise(FMA, z, L1).mul(z);
            DoubleVector hfsq = f.mul(f).mul(0.5);
            DoubleVector t = s.fma(hfsq.add(r), e.mul(LN2_LO));
            e.fma(e.broadcast(LN2_HI), f.sub(hfsq.sub(t))).intoArray(w.s3, i);
        }
    }

    /** out = s3, or +Inf at +Inf, -Inf at +-0, NaN below 0 and at NaN (x - x is NaN there). */
    private static void logSpecials(Work w) {
        double[] x = w.in;
        double[] y = w.out;
        int xOff = w.inOff;
        int yOff = w.outOff;
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, xOff + i);
            DoubleVector.fromArray(SPECIES, w.s3, i).add(v.sub(v))
                    .blend(Double.POSITIVE_INFINITY, v.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY))
                    .blend(Double.NEGATIVE_INFINITY, v.compare(VectorOperators.EQ, 0.0))
                    .blend(Double.NaN, v.compare(VectorOperators.LT, 0.0))
                    .intoArray(y, yOff + i);
        }
    }

    // ---------------------------------------------------------------- log1p

    /**
     * {@code y = ln(1 + x)}, accurate for small |x|: u = 1 + x rounded and err = (1 + x) - u exactly
     * (TwoSum); ln(1 + x) = ln(u) + ln(1 + err/u) = ln(u) + err/u to well below an ulp. ln(u) is
     * {@link #log} (u - 1 is exact where it matters: near u = 1); below 2^-53 in magnitude (and
     * for +-0 and subnormals) ln(1 + x) rounds to x.
     */
    static void log1p(double[] x, int xOff, double[] y, int yOff, int n) {
        assert n % LANES == 0;
        Work w = WORK.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            pass(ONE_PLUS, w, x, xOff + c, w.t2, 0, null, 0, m, 0.0);
            log(w.t2, 0, w.t2, 0, m);
            pass(LOG1P_FINISH, w, x, xOff + c, y, yOff + c, w.t2, 0, m, 0.0);
        }
    }

    private static void onePlus(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector.fromArray(SPECIES, w.in, w.inOff + i).add(1.0).intoArray(w.out, w.outOff + i);
        }
    }

    /** out = ln(u) + err/u (aux = ln u); ln(u) = +-Inf stays as it is. */
    private static void log1pFinish(Work w) {
        double[] x = w.in;
        double[] y = w.out;
        double[] lnU = w.aux;
        int xOff = w.inOff;
        int yOff = w.outOff;
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, xOff + i);
            DoubleVector l = DoubleVector.fromArray(SPECIES, lnU, i);
            DoubleVector u = v.add(1.0);
            DoubleVector bb = u.sub(1.0);
            DoubleVector err = u.sub(bb).neg().add(1.0).add(v.sub(bb));
            DoubleVector c = err.div(u).blend(0.0, l.abs().compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
            l.add(c).blend(v, v.abs().compare(VectorOperators.LT, TINY)).intoArray(y, yOff + i);
        }
    }

    // ---------------------------------------------------------------- composites

    /**
     * {@code y = tanh x = sign(x) t(|x|)} with one expm1: below log(3)/2, u = expm1(-2|x|) and
     * t = -u / (u + 2) (no cancellation near 0); above, u = expm1(2|x|) and t = 1 - 2 / (u + 2)
     * (saturates to 1, also when u overflows). The sign is copied bitwise: tanh(-0) = -0.
     */
    static void tanh(double[] x, int xOff, double[] y, int yOff, int n) {
        Work w = WORK.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            pass(TANH_ARGUMENT, w, x, xOff + c, w.t1, 0, null, 0, m, 0.0);
            expm1(w.t1, 0, w.t1, 0, m);
            pass(TANH_FINISH, w, x, xOff + c, y, yOff + c, w.t1, 0, m, 0.0);
        }
    }

    /** out = -2|x| below the switch, 2|x| above. */
    private static void tanhArgument(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector a = DoubleVector.fromArray(SPECIES, w.in, w.inOff + i).abs();
            DoubleVector a2 = a.add(a).min(40.0);       // tanh = 1 beyond 19.1: keeps u and the remainder finite
            a2.neg().blend(a2, a.compare(VectorOperators.GT, TANH_SWITCH)).intoArray(w.out, w.outOff + i);
        }
    }

    /** out = sign(x) t (aux = u). */
    private static void tanhFinish(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, w.in, w.inOff + i);
            DoubleVector u = DoubleVector.fromArray(SPECIES, w.aux, i);
            VectorMask<Double> big = v.abs().compare(VectorOperators.GT, TANH_SWITCH);
            // q = num / (u + 2), corrected for the rounding of u + 2 (TwoSum) and of the division
            // (its exact remainder, by fma): without it tanh was 3 ulp off Math in double
            DoubleVector num = u.neg().blend(2.0, big);
            DoubleVector d = u.add(2.0);
            DoubleVector bb = d.sub(u);
            DoubleVector dLo = u.sub(d.sub(bb)).add(bb.neg().add(2.0));       // u + 2 = d + dLo exactly
            DoubleVector q = num.div(d);
            q = q.add(q.neg().fma(d, num).sub(q.mul(dLo)).div(d));
            DoubleVector t = q.blend(q.neg().add(1.0), big);
            t.reinterpretAsLongs().or(v.reinterpretAsLongs().and(0x8000000000000000L)).reinterpretAsDoubles()
                    .intoArray(w.out, w.outOff + i);
        }
    }

    /**
     * {@code y = sigmoid(x) = num / (1 + e)} with e = exp(-|x|) and num = 1 for x &gt;= 0, e
     * otherwise: the exponential never overflows, so both tails saturate to 0 and 1, not NaN.
     */
    static void sigmoid(double[] x, int xOff, double[] y, int yOff, int n) {
        sigmoidTimes(x, xOff, null, 0, y, yOff, n);
    }

    /** {@code dx = dy * sigmoid(x)} (the softplus derivative); {@code dy == null}: sigmoid itself. */
    static void sigmoidTimes(double[] x, int xOff, double[] dy, int dyOff, double[] dx, int dxOff, int n) {
        Work w = WORK.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            pass(NEG_ABS, w, x, xOff + c, w.t1, 0, null, 0, m, 0.0);
            exp(w.t1, 0, w.t1, 0, m);
            pass(SIGMOID_FINISH, w, x, xOff + c, dx, dxOff + c, dy, dy == null ? 0 : dyOff + c, m, 0.0);
        }
    }

    /** out = -|x|. */
    private static void negAbs(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector.fromArray(SPECIES, w.in, w.inOff + i).abs().neg().intoArray(w.out, w.outOff + i);
        }
    }

    /** out = [aux *] num / (1 + e), e in t1. */
    private static void sigmoidFinish(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector e = DoubleVector.fromArray(SPECIES, w.t1, i);
            DoubleVector num = e.blend(1.0, DoubleVector.fromArray(SPECIES, w.in, w.inOff + i)
                    .compare(VectorOperators.GE, 0.0));
            DoubleVector s = num.div(e.add(1.0));
            if (w.aux != null) {
                s = DoubleVector.fromArray(SPECIES, w.aux, w.auxOff + i).mul(s);
            }
            s.intoArray(w.out, w.outOff + i);
        }
    }

    /** {@code y = softplus(x) = max(x, 0) + log1p(exp(-|x|))}: no overflow, no cancellation. */
    static void softplus(double[] x, int xOff, double[] y, int yOff, int n) {
        Work w = WORK.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            pass(NEG_ABS, w, x, xOff + c, w.t1, 0, null, 0, m, 0.0);
            exp(w.t1, 0, w.t1, 0, m);
            log1p(w.t1, 0, w.t1, 0, m);
            pass(SOFTPLUS_FINISH, w, x, xOff + c, y, yOff + c, w.t1, 0, m, 0.0);
        }
    }

    /** out = max(x, 0) + aux. */
    private static void softplusFinish(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector.fromArray(SPECIES, w.in, w.inOff + i).max(0.0).add(DoubleVector.fromArray(SPECIES, w.aux, i))
                    .intoArray(w.out, w.outOff + i);
        }
    }

    /** {@code y = x} for x &gt; 0, else {@code alpha (e^x - 1)}. */
    static void elu(double[] x, int xOff, double alpha, double[] y, int yOff, int n) {
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
            DoubleVector v = DoubleVector.fromArray(SPECIES, w.in, w.inOff + i);
            DoubleVector.fromArray(SPECIES, w.aux, i).mul(w.param).blend(v, v.compare(VectorOperators.GT, 0.0))
                    .intoArray(w.out, w.outOff + i);
        }
    }

    /**
     * {@code y = e^(x - shift)} and the sum of those values: one vector accumulator in index
     * order, then its lanes in index order (the caller adds a scalar tail). {@code y} may be null.
     */
    static double expShiftSum(double[] x, int xOff, double shift, double[] y, int yOff, int n) {
        Work w = WORK.get();
        java.util.Arrays.fill(w.acc, 0.0);
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            double[] dst = y == null ? w.t1 : y;
            int dOff = y == null ? 0 : yOff + c;
            pass(SHIFTED, w, x, xOff + c, dst, dOff, null, 0, m, shift);
            exp(dst, dOff, dst, dOff, m);
            pass(ACCUMULATE, w, dst, dOff, null, 0, null, 0, m, 0.0);
        }
        double sum = 0.0;
        for (int lane = 0; lane < LANES; lane++) {
            sum += w.acc[lane];
        }
        return sum;
    }

    /** out = x - param. */
    private static void shifted(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector.fromArray(SPECIES, w.in, w.inOff + i).sub(w.param).intoArray(w.out, w.outOff + i);
        }
    }

    /** acc += in, vector by vector (the accumulator lives in acc between chunks). */
    private static void accumulate(Work w) {
        DoubleVector a = DoubleVector.fromArray(SPECIES, w.acc, 0);
        for (int i = 0; i < w.n; i += LANES) {
            a = a.add(DoubleVector.fromArray(SPECIES, w.in, w.inOff + i));
        }
        a.intoArray(w.acc, 0);
    }

    // ---------------------------------------------------------------- pow

    /**
     * {@code out[oOff + i] = Math.pow(x[xOff + i*xs], y[yOff + i*ys])} for {@code i < n} ({@code n}
     * a multiple of the vector length, strides 0 or 1; {@code out} may be {@code x} or {@code y}):
     * within 1 ulp of the exact value, and every special case of {@link Math#pow} exactly.
     *
     * <p>Method: |x|^y = e^(y ln|x|), with ln|x| as a double-double L (error below 2^-66 relative)
     * and y L as a double-double t, so that e^t keeps all its bits up to |t| ~ 745, where a
     * single-double ln would cost up to 745 * 2^-53 relative (10 ulp). ln: |x| = 2^e m with m in
     * [sqrt(1/2), sqrt(2)), s = (m - 1) / (m + 1) as a double-double, ln m = 2 atanh(s) =
     * 2s + (2/3) s^3 + s^5 (2/5 + 2 s^2/7 + ... + 2 s^20/25); the first two terms are carried in
     * double-double, the rest (below 2^-12 relative) in double. exp: t = k ln2 + r as in
     * {@link #exp}, r carried as r + rr, e^r = 1 + r + r^2/2 + r^3 (1/3! + ... + r^11/14!) with the
     * first three terms added exactly (Fast2Sum) and the rest below 2^-7 relative: the last
     * rounding is the only one that counts (measured worst: see VectorPowTest). Exact integer
     * results (e.g. 3^5) therefore come out exact, as Math.pow's contract requires.
     *
     * <p>The special cases are blended in last: y = 0 gives 1 (even for NaN x), y = 1 gives x, y = 2
     * gives x * x (HotSpot's pow stub does the same, in every tier), NaN propagates, x = +-0 and
     * +-Inf, infinite y (|x| = 1 gives NaN), a negative x gives the sign of an odd integer y and NaN
     * for a finite non-integer y.
     */
    static void pow(double[] x, int xOff, int xs, double[] y, int yOff, int ys, double[] out, int oOff, int n) {
        assert n % LANES == 0 && (xs == 0 || xs == 1) && (ys == 0 || ys == 1);
        if (n == 0) {
            return;
        }
        Work w = WORK.get();
        // a broadcast operand becomes a chunk of copies, read once before out (which may alias it) is written
        if (xs == 0) {
            java.util.Arrays.fill(w.px, x[xOff]);
            x = w.px;
            xOff = 0;
        }
        if (ys == 0) {
            java.util.Arrays.fill(w.py, y[yOff]);
            y = w.py;
            yOff = 0;
        }
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            powChunk(w, x, xs == 0 ? 0 : xOff + c, y, ys == 0 ? 0 : yOff + c, out, oOff + c, m);
        }
    }

    /**
     * The float pow, {@code out[oOff + i] = (float) Math.pow(a[aOff + i*as], b[bOff + i*bs])}
     * (the scalar twin's definition), computed in double lanes by {@link #pow}'s algorithm: the
     * operands are widened exactly, and the double result (within 1 ulp) rounds to the correctly
     * rounded float but when the exact value lies within ~2^-52 relative of a midpoint between
     * two floats. Widening and narrowing are plain Java loops: conversions are exact operations.
     */
    static void pow(float[] a, int aOff, int as, float[] b, int bOff, int bs, float[] out, int oOff, int n) {
        assert (as == 0 || as == 1) && (bs == 0 || bs == 1);
        if (n == 0) {
            return;
        }
        Work w = WORK.get();
        double[] px = w.px;
        double[] py = w.py;
        // a broadcast operand is read once, before out (which may alias it) is written
        if (as == 0) {
            java.util.Arrays.fill(px, a[aOff]);
        }
        if (bs == 0) {
            java.util.Arrays.fill(py, b[bOff]);
        }
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            for (int i = 0; as == 1 && i < m; i++) {
                px[i] = a[aOff + c + i];
            }
            for (int i = 0; bs == 1 && i < m; i++) {
                py[i] = b[bOff + c + i];
            }
            powChunk(w, px, 0, py, 0, w.pz, 0, m);
            double[] pz = w.pz;
            for (int i = 0; i < m; i++) {
                out[oOff + c + i] = (float) pz[i];
            }
        }
    }

    /**
     * One chunk of pow, contiguous operands. NOTE: thirteen short passes, each at most ~20 vector
     * operations: with passes of 30-50 operations C2 on JDK 17 sometimes (depending on what the JVM
     * had run before) inlined part of a pass late and left a store unintrinsified, so that pass
     * boxed its vectors (NoVectorFallbackTest and TierIndependenceTest caught it in ~1 run of 3).
     */
    private static void powChunk(Work w, double[] x, int xOff, double[] y, int yOff, double[] out, int oOff, int m) {
        pass(POW_LOG_REDUCE, w, x, xOff, null, 0, null, 0, m, 0.0);
        pass(POW_LOG_QUOTIENT, w, null, 0, null, 0, null, 0, m, 0.0);
        pass(POW_LOG_CUBE, w, null, 0, null, 0, null, 0, m, 0.0);
        pass(POW_LOG_TAIL, w, null, 0, null, 0, null, 0, m, 0.0);
        pass(POW_LOG_SUM, w, null, 0, null, 0, null, 0, m, 0.0);
        pass(POW_EXP_REDUCE, w, null, 0, null, 0, y, yOff, m, 0.0);
        pass(POW_EXP_TAIL, w, null, 0, null, 0, null, 0, m, 0.0);
        pass(POW_EXP_SUM, w, null, 0, null, 0, null, 0, m, 0.0);
        pass(POW_SCALE, w, null, 0, null, 0, null, 0, m, 0.0);
        pass(POW_EDGES, w, x, xOff, null, 0, y, yOff, m, 0.0);
        pass(POW_PARITY, w, null, 0, null, 0, y, yOff, m, 0.0);
        pass(POW_SIGN, w, x, xOff, null, 0, y, yOff, m, 0.0);
        pass(POW_FINISH, w, x, xOff, out, oOff, y, yOff, m, 0.0);
    }

    /** s1 = f = m - 1 (exact), s2 = e, for |x| = 2^e m (as {@link #logReduce}, on |x|). */
    private static void powLogReduce(Work w) {
        double[] x = w.in;
        int xOff = w.inOff;
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, xOff + i).abs();
            VectorMask<Double> subnormal = v.compare(VectorOperators.LT, 0x1p-1022);
            LongVector ix = v.blend(v.mul(0x1p52), subnormal).reinterpretAsLongs().add(ONE_BITS - SQRT_HALF_BITS);
            ix.and(MANTISSA).add(SQRT_HALF_BITS).reinterpretAsDoubles().sub(1.0).intoArray(w.s1, i);
            ix.lanewise(VectorOperators.LSHR, 52).or(0x4330000000000000L).reinterpretAsDoubles()
                    .sub(v.broadcast(0x1p52 + 1023).blend(0x1p52 + 1075, subnormal))
                    .intoArray(w.s2, i);
        }
    }

    /**
     * s3 + s4 = s = f / (2 + f) as a double-double: 2 + f = d + dLo exactly (Fast2Sum, |f| &lt; 2),
     * sHi = f (1/d), and the remainder f - sHi d (one fma, exact but for ~2^-106) gives sLo.
     */
    private static void powLogQuotient(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector f = DoubleVector.fromArray(SPECIES, w.s1, i);
            DoubleVector d = f.add(2.0);
            DoubleVector dLo = f.sub(d.sub(2.0));
            DoubleVector inv = d.broadcast(1.0).div(d);
            DoubleVector sHi = f.mul(inv);
            sHi.intoArray(w.s3, i);
            sHi.neg().fma(d, f).sub(sHi.mul(dLo)).mul(inv).intoArray(w.s4, i);
        }
    }

    /**
     * From s = s3 + s4: s1 + s5 = (2/3) s^3 and s6 = s^5, s7 = s^2 (rounded). z = s^2 and c = s^3 = s z
     * are each carried as hi + lo (fma gives a product's rounding error exactly); s^5 = c z keeps
     * the low parts too (sHi alone is off by up to ~1.5 ulp of s, five times that in s^5).
     */
    private static void powLogCube(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector sHi = DoubleVector.fromArray(SPECIES, w.s3, i);
            DoubleVector sLo = DoubleVector.fromArray(SPECIES, w.s4, i);
            DoubleVector zHi = sHi.mul(sHi);
            DoubleVector zLo = sHi.fma(sHi, zHi.neg()).add(sHi.mul(sLo).mul(2.0));
            DoubleVector cHi = sHi.mul(zHi);
            DoubleVector cLo = sHi.fma(zHi, cHi.neg()).add(sHi.fma(zLo, sLo.mul(zHi)));
            DoubleVector tHi = cHi.mul(TWO_THIRDS);
            tHi.intoArray(w.s1, i);
            cHi.fma(cHi.broadcast(TWO_THIRDS), tHi.neg()).add(cLo.mul(TWO_THIRDS).add(cHi.mul(TWO_THIRDS_LO)))
                    .intoArray(w.s5, i);
            cHi.fma(zHi, cHi.fma(zLo, cLo.mul(zHi))).intoArray(w.s6, i);
            zHi.intoArray(w.s7, i);
        }
    }

    /** s6 = s^5 P(s^2) = s^5 (2/5 + 2 s^2/7 + ... + 2 s^20/25), from s6 = s^5 and s7 = s^2. */
    private static void powLogTail(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector z = DoubleVector.fromArray(SPECIES, w.s7, i);
            DoubleVector p = z.fma(L12, L11).lanewise(FMA, z, L10).lanewise(FMA, z, L9).lanewise(FMA, z, L8)
                    .lanewise(FMA, z, L7).lanewise(FMA, z, L6).lanewise(FMA, z, L5).lanewise(FMA, z, L4)
                    .lanewise(FMA, z, L3).lanewise(FMA, z, L2);
            DoubleVector.fromArray(SPECIES, w.s6, i).mul(p).intoArray(w.s6, i);
        }
    }

    /**
     * s1 + s2 = L = ln|x| = e ln2 + 2s + (2/3) s^3 + s^5 P(s^2), a double-double: e LN2_HI (exact),
     * 2 sHi and the high part of (2/3) s^3 (s1) are added by Fast2Sum (each at most the previous
     * sum in magnitude: |2s| &lt;= 0.35 &lt; ln2, |(2/3) s^3| &lt; |2s|), the low parts are summed
     * in double, the tail (s6, below 2^-12 of L) joins them last, and one Fast2Sum normalizes.
     */
    private static void powLogSum(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector e = DoubleVector.fromArray(SPECIES, w.s2, i);
            DoubleVector sHi = DoubleVector.fromArray(SPECIES, w.s3, i);
            DoubleVector sLo = DoubleVector.fromArray(SPECIES, w.s4, i);
            DoubleVector tHi = DoubleVector.fromArray(SPECIES, w.s1, i);
            DoubleVector a = e.mul(LN2_HI);                                   // exact: |e| <= 1075
            DoubleVector b = sHi.add(sHi);
            DoubleVector h1 = a.add(b);
            DoubleVector l1 = b.sub(h1.sub(a));
            DoubleVector h2 = h1.add(tHi);
            DoubleVector l2 = tHi.sub(h2.sub(h1));
            DoubleVector lo = DoubleVector.fromArray(SPECIES, w.s6, i).add(DoubleVector.fromArray(SPECIES, w.s5, i)
                    .add(e.mul(LN2_LO)).add(sLo.add(sLo)).add(l2).add(l1));
            DoubleVector hi = h2.add(lo);
            hi.intoArray(w.s1, i);
            lo.sub(hi.sub(h2)).intoArray(w.s2, i);
        }
    }

    /**
     * t = y L = tHi + tLo (fma: the rounding error of y LHi exactly), clamped to [POW_T_MIN,
     * POW_T_MAX] (then tLo = 0); k = round(t / ln2) as in {@link #expReduce}; r + rr = t - k ln2:
     * tHi - k LN2_HI is exact, the rest (|tLo - k LN2_LO| &lt; 3e-7) is added by TwoSum (r may be
     * near 0). s3 = r, s4 = rr, s5 = SHIFTER + k. Reads y from aux.
     */
    private static void powExpReduce(Work w) {
        double[] y = w.aux;
        int yOff = w.auxOff;
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector yv = DoubleVector.fromArray(SPECIES, y, yOff + i);
            DoubleVector lHi = DoubleVector.fromArray(SPECIES, w.s1, i);
            DoubleVector lLo = DoubleVector.fromArray(SPECIES, w.s2, i);
            DoubleVector tHi = yv.mul(lHi);
            DoubleVector tc = tHi.max(POW_T_MIN).min(POW_T_MAX);
            DoubleVector tLo = yv.fma(lHi, tHi.neg()).add(yv.mul(lLo)).blend(0.0, tc.compare(VectorOperators.NE, tHi));
            DoubleVector z = tc.fma(LOG2E, SHIFTER);
            DoubleVector k = z.sub(SHIFTER);
            DoubleVector rHi = k.fma(k.broadcast(-LN2_HI), tc);             // exact (Sterbenz)
            DoubleVector rLo = k.fma(k.broadcast(-LN2_LO), tLo);
            DoubleVector r = rHi.add(rLo);
            DoubleVector bb = r.sub(rHi);
            rHi.sub(r.sub(bb)).add(rLo.sub(bb)).intoArray(w.s4, i);          // rHi + rLo = r + rr exactly
            r.intoArray(w.s3, i);
            z.intoArray(w.s5, i);
        }
    }

    /** s6 = r^3 Q(r), Q(r) = 1/3! + r/4! + ... + r^11/14!: e^r - 1 - r - r^2/2 (r in s3). */
    private static void powExpTail(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector r = DoubleVector.fromArray(SPECIES, w.s3, i);
            DoubleVector q = r.fma(C14, C13).lanewise(FMA, r, C12).lanewise(FMA, r, C11).lanewise(FMA, r, C10)
                    .lanewise(FMA, r, C9).lanewise(FMA, r, C8).lanewise(FMA, r, C7).lanewise(FMA, r, C6)
                    .lanewise(FMA, r, C5).lanewise(FMA, r, C4).lanewise(FMA, r, C3);
            r.mul(r).mul(r).mul(q).intoArray(w.s6, i);
        }
    }

    /**
     * s1 = e^(r + rr) = 1 + r + r^2/2 + [r^3 Q(r) + rr (1 + r)]: r^2 = r2 + r2Lo exactly (fma),
     * 1 + r and then + r2/2 by Fast2Sum (|r| &lt; 0.35 &lt; 1, r2/2 &lt; 0.07 &lt; 1 + r); every
     * error term joins the small bracket, the sum rounds once at the end.
     */
    private static void powExpSum(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector r = DoubleVector.fromArray(SPECIES, w.s3, i);
            DoubleVector rr = DoubleVector.fromArray(SPECIES, w.s4, i);
            DoubleVector r2 = r.mul(r);
            DoubleVector r2Lo = r.fma(r, r2.neg());
            DoubleVector h = r2.mul(0.5);
            DoubleVector s1 = r.add(1.0);
            DoubleVector e1 = r.sub(s1.sub(1.0));
            DoubleVector s2 = s1.add(h);
            DoubleVector e2 = h.sub(s2.sub(s1));
            DoubleVector small = DoubleVector.fromArray(SPECIES, w.s6, i).add(r2Lo.mul(0.5)).add(rr.fma(r, rr))
                    .add(e1.add(e2));
            s2.add(small).intoArray(w.s1, i);
        }
    }

    /** s1 = s1 * 2^k, as {@link #expScale} (k from s5): one rounding, gradual underflow, overflow to +Inf. */
    private static void powScale(Work w) {
        for (int i = 0; i < w.n; i += LANES) {
            LongVector kb = DoubleVector.fromArray(SPECIES, w.s5, i).reinterpretAsLongs().add(2048 - SHIFTER_BITS);
            LongVector e1 = kb.lanewise(VectorOperators.LSHR, 1).add(-1);
            LongVector e2 = kb.sub(e1).add(-2);
            DoubleVector.fromArray(SPECIES, w.s1, i)
                    .mul(e1.lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles())
                    .mul(e2.lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles())
                    .intoArray(w.s1, i);
        }
    }

    /**
     * The magnitude |x|^y where the formula does not apply: |x| = 0 gives +0 (y &gt; 0) or +Inf
     * (y &lt; 0), |x| = Inf the reverse; y = +-Inf gives +Inf when |x| &gt; 1 and y &gt; 0 or
     * |x| &lt; 1 and y &lt; 0, +0 on the other side, NaN at |x| = 1. Reads x (in) and y (aux).
     * NOTE: blends of single comparisons only, no mask logic (and/or/not).
     */
    private static void powEdges(Work w) {
        double[] x = w.in;
        double[] y = w.aux;
        int xOff = w.inOff;
        int yOff = w.auxOff;
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector ax = DoubleVector.fromArray(SPECIES, x, xOff + i).abs();
            DoubleVector yv = DoubleVector.fromArray(SPECIES, y, yOff + i);
            VectorMask<Double> yNeg = yv.compare(VectorOperators.LT, 0.0);
            DoubleVector zero = ax.broadcast(0.0);
            DoubleVector inf = ax.broadcast(Double.POSITIVE_INFINITY);
            DoubleVector up = zero.blend(inf, ax.compare(VectorOperators.GT, 1.0));       // y = +Inf
            DoubleVector down = zero.blend(inf, ax.compare(VectorOperators.LT, 1.0));     // y = -Inf
            DoubleVector yInf = up.blend(down, yNeg).blend(Double.NaN, ax.compare(VectorOperators.EQ, 1.0));
            DoubleVector.fromArray(SPECIES, w.s1, i)
                    .blend(zero.blend(inf, yNeg), ax.compare(VectorOperators.EQ, 0.0))
                    .blend(inf.blend(zero, yNeg), ax.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY))
                    .blend(yInf, yv.abs().compare(VectorOperators.EQ, Double.POSITIVE_INFINITY))
                    .intoArray(w.s1, i);
        }
    }

    /**
     * From y: s5 = -0.0 where y is an odd integer, else +0.0; s6 = |y| - int(|y|), 0 exactly where
     * y is a finite integer (NaN for infinite y and NaN). int(|y|) by the shifter 2^52 below 2^52,
     * |y| itself above; an odd integer (below 2^53) has its lowest bit set, moved into the sign
     * position. Reads y from aux.
     */
    private static void powParity(Work w) {
        double[] y = w.aux;
        int yOff = w.auxOff;
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector ay = DoubleVector.fromArray(SPECIES, y, yOff + i).abs();
            VectorMask<Double> huge = ay.compare(VectorOperators.GE, 0x1p52);
            DoubleVector c = ay.add(0x1p52);
            DoubleVector frac = ay.sub(c.sub(0x1p52).blend(ay, huge));
            c.blend(ay, huge).reinterpretAsLongs().lanewise(VectorOperators.LSHL, 63).reinterpretAsDoubles()
                    .blend(0.0, frac.compare(VectorOperators.NE, 0.0))
                    .blend(0.0, ay.compare(VectorOperators.GE, 0x1p53))
                    .intoArray(w.s5, i);
            frac.intoArray(w.s6, i);
        }
    }

    /**
     * s1 = s1 with x's sign where y is an odd integer (s5 holds -0.0 there; also for -0 and -Inf),
     * NaN for a finite x &lt; 0 with a finite non-integer y (s6 != 0).
     */
    private static void powSign(Work w) {
        double[] x = w.in;
        double[] y = w.aux;
        int xOff = w.inOff;
        int yOff = w.auxOff;
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector xv = DoubleVector.fromArray(SPECIES, x, xOff + i);
            DoubleVector odd = DoubleVector.fromArray(SPECIES, w.s5, i);
            DoubleVector r = DoubleVector.fromArray(SPECIES, w.s1, i).reinterpretAsLongs()
                    .lanewise(VectorOperators.XOR, xv.reinterpretAsLongs().and(odd.reinterpretAsLongs()))
                    .reinterpretAsDoubles();
            // neg < 0 exactly for a finite negative x with a finite non-integer y
            DoubleVector neg = xv.blend(1.0, DoubleVector.fromArray(SPECIES, w.s6, i).compare(VectorOperators.EQ, 0.0))
                    .blend(1.0, DoubleVector.fromArray(SPECIES, y, yOff + i).abs()
                            .compare(VectorOperators.EQ, Double.POSITIVE_INFINITY))
                    .blend(1.0, xv.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
            r.blend(Double.NaN, neg.compare(VectorOperators.LT, 0.0)).intoArray(w.s1, i);
        }
    }

    /** out = s1, NaN for NaN operands; then y = 1 gives x, y = 2 gives x * x and y = 0 gives 1. */
    private static void powFinish(Work w) {
        double[] x = w.in;
        double[] y = w.aux;
        int xOff = w.inOff;
        int yOff = w.auxOff;
        for (int i = 0; i < w.n; i += LANES) {
            DoubleVector xv = DoubleVector.fromArray(SPECIES, x, xOff + i);
            DoubleVector yv = DoubleVector.fromArray(SPECIES, y, yOff + i);
            DoubleVector.fromArray(SPECIES, w.s1, i)
                    .blend(Double.NaN, xv.compare(VectorOperators.NE, xv))
                    .blend(Double.NaN, yv.compare(VectorOperators.NE, yv))
                    .blend(xv, yv.compare(VectorOperators.EQ, 1.0))
                    .blend(xv.mul(xv), yv.compare(VectorOperators.EQ, 2.0))
                    .blend(1.0, yv.compare(VectorOperators.EQ, 0.0))
                    .intoArray(w.out, w.outOff + i);
        }
    }
}
