package org.adjoint.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/**
 * Accuracy of {@link VectorMathF32} and {@link VectorMathF64} in ulps against {@link Math} (F32:
 * the double result rounded once to float, i.e. correctly rounded but for rare ties) over dense
 * sweeps: a stride through every float bit pattern (F32) or random bit patterns (F64), dense
 * uniform sweeps of each function's interesting range, and every special value: signed zeros,
 * infinities, NaN, subnormals, the largest finite values, and the neighbourhoods of the overflow
 * and underflow thresholds and of the range-reduction boundaries.
 *
 * <p>Bounds: 1 ulp for exp, expm1, log, log1p; 2 ulp for tanh, sigmoid, softplus (composites of
 * the others plus a division); 3 for F64 tanh, whose reference Math.tanh is itself up to 2 ulp off. NaN must give NaN; infinities and zeros must match exactly,
 * including the sign of zero.
 */
class VectorMathTest {

    private static final VectorSpecies<Float> F = VectorWidth.F32;
    private static final VectorSpecies<Double> D = VectorWidth.F64;

    /** A float function on arrays: {@code y[yOff + i] = f(x[xOff + i])}, i &lt; n. */
    interface FloatFn {
        void apply(float[] x, int xOff, float[] y, int yOff, int n);
    }

    /** A double function on arrays. */
    interface DoubleFn {
        void apply(double[] x, int xOff, double[] y, int yOff, int n);
    }

    /** One function under test: its vector version and the reference. */
    private record Fn<V>(String name, V vector, DoubleUnaryOperator reference, long bound) {
    }

    private static List<Fn<FloatFn>> floatFunctions() {
        return List.of(
                new Fn<>("exp", VectorMathF32::exp, Math::exp, 1),
                new Fn<>("expm1", VectorMathF32::expm1, Math::expm1, 1),
                new Fn<>("log", VectorMathF32::log, Math::log, 1),
                new Fn<>("log1p", VectorMathF32::log1p, Math::log1p, 1),
                new Fn<>("tanh", VectorMathF32::tanh, Math::tanh, 2),
                new Fn<>("sigmoid", VectorMathF32::sigmoid, x -> UnaryOp.SIGMOID.apply(x, 0), 2),
                new Fn<>("softplus", VectorMathF32::softplus, x -> UnaryOp.SOFTPLUS.apply(x, 0), 2));
    }

    private static List<Fn<DoubleFn>> doubleFunctions() {
        return List.of(
                new Fn<>("exp", VectorMathF64::exp, Math::exp, 1),
                new Fn<>("expm1", VectorMathF64::expm1, Math::expm1, 1),
                new Fn<>("log", VectorMathF64::log, Math::log, 1),
                new Fn<>("log1p", VectorMathF64::log1p, Math::log1p, 1),
                // NOTE: Math.tanh (fdlibm) is itself up to ~2 ulp off in double (its spec allows 2.5;
                // measured with mpmath at 120 bits: Math 2.0, ours 1.56 ulp from the exact value)
                new Fn<>("tanh", VectorMathF64::tanh, Math::tanh, 3),
                new Fn<>("sigmoid", VectorMathF64::sigmoid, x -> UnaryOp.SIGMOID.apply(x, 0), 2),
                new Fn<>("softplus", VectorMathF64::softplus, x -> UnaryOp.SOFTPLUS.apply(x, 0), 2));
    }

    /** Special and boundary values, F32 (each also negated). */
    static float[] specialsF32() {
        float[] base = {
            0f, Float.MIN_VALUE, 2 * Float.MIN_VALUE, 0x1p-140f, Float.MIN_NORMAL / 2, Math.nextDown(Float.MIN_NORMAL),
            Float.MIN_NORMAL, Math.nextUp(Float.MIN_NORMAL), 0x1p-60f, 0x1p-25f, 0x1p-24f, Math.nextDown(0x1p-24f),
            0x1p-23f, 1e-7f, 1e-6f, 1e-4f, 0.01f, 0.1f, 0.25f, 0.2554128f, 0.34657359f, 0.5f, 0.54930614f,
            Math.nextUp(0.54930614f), 0.69314718f, 0.70710677f, Math.nextDown(0.70710677f), 0.9f, Math.nextDown(1f),
            1f, Math.nextUp(1f), 1.4142135f, Math.nextUp(1.4142135f), 2f, 3f, 9f, 9.1f, 10f, 17.3f, 20f, 30f, 44f, 80f,
            87.33654f, 88f, 88.37626f, 88.7f, 88.72283f, Math.nextUp(88.72283f), 88.7229f, 89f, 100f, 103.27893f,
            103.97208f, 104f, 150f, 1e10f, 1e30f, 0x1p126f, Float.MAX_VALUE / 2, Math.nextDown(Float.MAX_VALUE),
            Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0x7fc12345),
        };
        float[] out = new float[2 * base.length];
        for (int i = 0; i < base.length; i++) {
            out[2 * i] = base[i];
            out[2 * i + 1] = -base[i];
        }
        return out;
    }

    /** Special and boundary values, F64 (each also negated). */
    static double[] specialsF64() {
        double[] base = {
            0, Double.MIN_VALUE, 2 * Double.MIN_VALUE, 0x1p-1060, Double.MIN_NORMAL / 2, Math.nextDown(Double.MIN_NORMAL),
            Double.MIN_NORMAL, Math.nextUp(Double.MIN_NORMAL), 0x1p-500, 0x1p-54, 0x1p-53, Math.nextDown(0x1p-53),
            0x1p-52, 1e-15, 1e-9, 1e-4, 0.01, 0.1, 0.25, 0.34657359027997264, 0.5, 0.5493061443340549,
            Math.nextUp(0.5493061443340549), 0.6931471805599453, 0.7071067811865476, Math.nextDown(0.7071067811865476),
            0.9, Math.nextDown(1.0), 1, Math.nextUp(1.0), 1.4142135623730951, Math.nextUp(1.4142135623730951), 2, 3,
            19, 19.1, 20, 22, 37.4, 40, 100, 500, 708.3964185322641, 709, 709.782712893384, Math.nextUp(709.782712893384),
            709.79, 710, 744.4400719213812, 745.1332191019411, 745.1332191019412, 746, 800, 1e10, 1e300, 0x1p1022,
            Double.MAX_VALUE / 2, Math.nextDown(Double.MAX_VALUE), Double.MAX_VALUE, Double.POSITIVE_INFINITY,
            Double.NaN, Double.longBitsToDouble(0x7ff8000012345678L),
        };
        double[] out = new double[2 * base.length];
        for (int i = 0; i < base.length; i++) {
            out[2 * i] = base[i];
            out[2 * i + 1] = -base[i];
        }
        return out;
    }

    /** Every 1021st float bit pattern (all signs and exponents), dense ranges, specials. */
    private static float[] sweepF32() {
        List<float[]> parts = new ArrayList<>();
        int n = (int) ((1L << 32) / 1021);
        float[] strided = new float[n];
        for (int i = 0; i < n; i++) {
            strided[i] = Float.intBitsToFloat((int) (i * 1021L));
        }
        parts.add(strided);
        SplittableRandom rnd = new SplittableRandom(20261129);
        double[][] ranges = {{-110, 95}, {-20, 20}, {-1, 1}, {-0.01, 0.01}, {0, 4}, {-1, 0}};
        for (double[] r : ranges) {
            parts.add(KernelTesting.uniform(rnd, 1 << 18, r[0], r[1]));
        }
        parts.add(specialsF32());
        int total = parts.stream().mapToInt(p -> p.length).sum();
        float[] all = new float[(total + F.length() - 1) / F.length() * F.length()];   // whole vectors
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** Random double bit patterns, dense ranges, specials. */
    private static double[] sweepF64() {
        List<double[]> parts = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(20261130);
        double[] bits = new double[1 << 21];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = Double.longBitsToDouble(rnd.nextLong());
        }
        parts.add(bits);
        double[][] ranges = {{-750, 712}, {-40, 40}, {-1, 1}, {-0.01, 0.01}, {0, 4}, {-1, 0}};
        for (double[] r : ranges) {
            parts.add(KernelTesting.uniformD(rnd, 1 << 18, r[0], r[1]));
        }
        parts.add(specialsF64());
        int total = parts.stream().mapToInt(p -> p.length).sum();
        double[] all = new double[(total + D.length() - 1) / D.length() * D.length()];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    @Test
    void floatFunctionsAreWithinTheirBoundsOfMath() {
        float[] x = sweepF32();
        float[] y = new float[x.length];
        List<String> failures = new ArrayList<>();
        for (Fn<FloatFn> fn : floatFunctions()) {
            fn.vector().apply(x, 0, y, 0, x.length);
            long worst = 0;
            float worstAt = 0;
            for (int i = 0; i < x.length; i++) {
                float expected = (float) fn.reference().applyAsDouble(x[i]);
                long d = distance(expected, y[i]);
                if (d > worst) {
                    worst = d;
                    worstAt = x[i];
                }
                if (d > fn.bound() && failures.size() < 20) {
                    failures.add(String.format("f32 %s(%s [0x%08x]) = %s, Math: %s (%s)", fn.name(), x[i],
                            Float.floatToRawIntBits(x[i]), y[i], expected, d == Long.MAX_VALUE ? "not comparable" : d + " ulp"));
                }
            }
            System.out.printf("f32 %-9s worst %d ulp at %s (bound %d, %d inputs)%n", fn.name(), worst, worstAt,
                    fn.bound(), x.length);
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    @Test
    void doubleFunctionsAreWithinTheirBoundsOfMath() {
        double[] x = sweepF64();
        double[] y = new double[x.length];
        List<String> failures = new ArrayList<>();
        for (Fn<DoubleFn> fn : doubleFunctions()) {
            fn.vector().apply(x, 0, y, 0, x.length);
            long worst = 0;
            double worstAt = 0;
            for (int i = 0; i < x.length; i++) {
                double expected = fn.reference().applyAsDouble(x[i]);
                long d = distance(expected, y[i]);
                if (d > worst) {
                    worst = d;
                    worstAt = x[i];
                }
                if (d > fn.bound() && failures.size() < 20) {
                    failures.add(String.format("f64 %s(%s [0x%016x]) = %s, Math: %s (%s)", fn.name(), x[i],
                            Double.doubleToRawLongBits(x[i]), y[i], expected,
                            d == Long.MAX_VALUE ? "not comparable" : d + " ulp"));
                }
            }
            System.out.printf("f64 %-9s worst %d ulp at %s (bound %d, %d inputs)%n", fn.name(), worst, worstAt,
                    fn.bound(), x.length);
        }
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

    /**
     * The exactly determined values, F32 and F64: NaN, infinities, signed zeros, saturation, the
     * smallest float subnormal (a normal double). A NaN in the table is checked only where the
     * input is NaN or the function is undefined (listed in NAN_CELLS); elsewhere it means "not
     * exactly determined", covered by the ulp sweeps.
     */
    @Test
    void specialValuesAndSaturationAreExact() {
        float nan = Float.NaN;
        float inf = Float.POSITIVE_INFINITY;
        float tiny = Float.MIN_VALUE;
        float[] x = {nan, inf, -inf, 0f, -0f, 1f, -1f, -2f, 1000f, -1000f, tiny, -tiny};
        float[][] expected = {
            {nan, inf, 0f, 1f, 1f, nan, nan, nan, inf, 0f, 1f, 1f},            // exp
            {nan, inf, -1f, 0f, -0f, nan, nan, nan, inf, -1f, tiny, -tiny},    // expm1
            {nan, inf, nan, -inf, -inf, 0f, nan, nan, nan, nan, nan, nan},     // log
            {nan, inf, nan, 0f, -0f, nan, -inf, nan, nan, nan, tiny, -tiny},   // log1p
            {nan, 1f, -1f, 0f, -0f, nan, nan, nan, 1f, -1f, tiny, -tiny},      // tanh
            {nan, 1f, 0f, 0.5f, 0.5f, nan, nan, nan, 1f, 0f, 0.5f, 0.5f},      // sigmoid
        };
        int[][] nanCells = {{0}, {0}, {0, 2, 6, 7, 9, 11}, {0, 2, 7, 9}, {0}, {0}};
        String[] names = {"exp", "expm1", "log", "log1p", "tanh", "sigmoid"};
        List<FloatFn> floatFns = List.of(VectorMathF32::exp, VectorMathF32::expm1,
                VectorMathF32::log, VectorMathF32::log1p, VectorMathF32::tanh, VectorMathF32::sigmoid);
        List<DoubleFn> doubleFns = List.of(VectorMathF64::exp, VectorMathF64::expm1,
                VectorMathF64::log, VectorMathF64::log1p, VectorMathF64::tanh, VectorMathF64::sigmoid);
        float[] in = EdgeValueTest.tiled(F.length(), x);
        double[] inD = EdgeValueTest.widen(in);
        float[] out = new float[in.length];
        double[] outD = new double[in.length];
        for (int f = 0; f < names.length; f++) {
            floatFns.get(f).apply(in, 0, out, 0, F.loopBound(in.length));
            doubleFns.get(f).apply(inD, 0, outD, 0, D.loopBound(in.length));
            int finalF = f;
            for (int i = 0; i < F.loopBound(in.length); i++) {
                int j = i % x.length;
                float e = expected[f][j];
                if (Float.isNaN(e) && java.util.Arrays.stream(nanCells[finalF]).noneMatch(c -> c == j)) {
                    continue;
                }
                assertEquals(Float.floatToIntBits(e), Float.floatToIntBits(out[i]),
                        "f32 " + names[f] + "(" + in[i] + ") = " + out[i] + ", expected " + e);
                assertEquals(Double.doubleToLongBits(e), Double.doubleToLongBits(outD[i]),
                        "f64 " + names[f] + "(" + in[i] + ") = " + outD[i] + ", expected " + e);
            }
        }
    }
}
