package org.adjoint.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Shared fixtures for the kernel-vs-scalar-twin tests: sizes, data, ulp comparisons, guards. */
final class KernelTesting {

    static final int F32_LANES = VectorWidth.F32.length();
    static final int F64_LANES = VectorWidth.F64.length();

    /** Offsets of the first element: aligned and not. */
    static final int[] OFFSETS = {0, 3};

    /** Value written around every output range: any write outside the range is caught. */
    static final float GUARD_F = -12345.5f;
    static final double GUARD_D = -12345.5;

    private KernelTesting() {
    }

    /** 0, 1, lanes-1, lanes, lanes+1, the primes 13, 207 (not prime; odd), 1021, and a large one. */
    static int[] sizes(int lanes) {
        return IntStream.of(0, 1, lanes - 1, lanes, lanes + 1, 13, 207, 1021, 100_003).distinct().toArray();
    }

    /**
     * The implementations under test: the provider's choice (scalar in the scalar run, which then
     * checks the provider path against itself) and, always, the Vector API classes directly.
     */
    static List<Kernels> underTest() {
        return List.of(KernelProvider.get(), new PanamaKernels());
    }

    static String label(Kernels k, Object... parts) {
        StringBuilder sb = new StringBuilder(k.name());
        for (Object p : parts) {
            sb.append(' ').append(p);
        }
        return sb.toString();
    }

    static float[] uniform(SplittableRandom rnd, int n, double lo, double hi) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (lo + (hi - lo) * rnd.nextDouble());
        }
        return a;
    }

    static double[] uniformD(SplittableRandom rnd, int n, double lo, double hi) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = lo + (hi - lo) * rnd.nextDouble();
        }
        return a;
    }

    /** {@code off} guard cells, then {@code n} uniform values, then 2 guard cells. */
    static float[] padded(SplittableRandom rnd, int off, int n, double lo, double hi) {
        float[] a = new float[off + n + 2];
        Arrays.fill(a, GUARD_F);
        System.arraycopy(uniform(rnd, n, lo, hi), 0, a, off, n);
        return a;
    }

    static double[] paddedD(SplittableRandom rnd, int off, int n, double lo, double hi) {
        double[] a = new double[off + n + 2];
        Arrays.fill(a, GUARD_D);
        System.arraycopy(uniformD(rnd, n, lo, hi), 0, a, off, n);
        return a;
    }

    static float[] guarded(int length) {
        float[] a = new float[length];
        Arrays.fill(a, GUARD_F);
        return a;
    }

    static double[] guardedD(int length) {
        double[] a = new double[length];
        Arrays.fill(a, GUARD_D);
        return a;
    }

    /** Distance in units in the last place; NaN matches only NaN; equal infinities are 0 apart. */
    static long ulps(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return Float.isNaN(a) && Float.isNaN(b) ? 0 : Long.MAX_VALUE;
        }
        return Math.abs((long) ordered(a) - ordered(b));
    }

    static long ulps(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b) ? 0 : Long.MAX_VALUE;
        }
        long d = ordered(a) - ordered(b);
        return d == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(d);
    }

    private static int ordered(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits < 0 ? Integer.MIN_VALUE - bits : bits;
    }

    private static long ordered(double d) {
        long bits = Double.doubleToRawLongBits(d);
        return bits < 0 ? Long.MIN_VALUE - bits : bits;
    }

    /**
     * Asserts {@code actual} is within {@code maxUlps} of {@code expected} on every element (the
     * whole arrays, so guard cells must match too) and returns the largest distance seen.
     * {@code maxUlps == 0} demands identical bits (NaN payloads aside).
     */
    static long assertUlps(float[] expected, float[] actual, long maxUlps, String what) {
        assertEquals(expected.length, actual.length, what);
        long worst = 0;
        for (int i = 0; i < expected.length; i++) {
            long d = maxUlps == 0 && !Float.isNaN(expected[i])
                    ? (Float.floatToIntBits(expected[i]) == Float.floatToIntBits(actual[i]) ? 0 : Long.MAX_VALUE)
                    : ulps(expected[i], actual[i]);
            if (d > maxUlps) {
                fail(what + ": element " + i + " expected " + expected[i] + " but was " + actual[i]
                        + " (" + (d == Long.MAX_VALUE ? "not comparable" : d + " ulp") + ", bound " + maxUlps + ")");
            }
            worst = Math.max(worst, d);
        }
        return worst;
    }

    static long assertUlps(double[] expected, double[] actual, long maxUlps, String what) {
        assertEquals(expected.length, actual.length, what);
        long worst = 0;
        for (int i = 0; i < expected.length; i++) {
            long d = maxUlps == 0 && !Double.isNaN(expected[i])
                    ? (Double.doubleToLongBits(expected[i]) == Double.doubleToLongBits(actual[i]) ? 0 : Long.MAX_VALUE)
                    : ulps(expected[i], actual[i]);
            if (d > maxUlps) {
                fail(what + ": element " + i + " expected " + expected[i] + " but was " + actual[i]
                        + " (" + (d == Long.MAX_VALUE ? "not comparable" : d + " ulp") + ", bound " + maxUlps + ")");
            }
            worst = Math.max(worst, d);
        }
        return worst;
    }

    /** Prints a measured worst case beside its bound (surefire keeps it in the test's output file). */
    static void report(String what, long worst, long bound) {
        System.out.printf("%-40s worst %d ulp (bound %d)%n", what, worst, bound);
    }
}
