package org.adjoint.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float Vector API optimizer updates; this source is also the template of
 * {@link PanamaOptimizersF64}, generated at build time (kernels-simd/src/build/java/GenerateF64.java).
 *
 * <p>Each update is purely elementwise, and every vector expression keeps the scalar twin's
 * operation order and association (Java never contracts to FMA; lane sqrt is correctly rounded
 * like {@code (float) Math.sqrt}), so the results are bit-identical to {@link ScalarOptimizers}.
 * The tails repeat the twin's formulas (the twins have no offset argument to delegate to).
 */
final class PanamaOptimizersF32 {

    private static final VectorSpecies<Float> SPECIES = VectorWidth.F32;

    /** Per-thread scratch for one vector's lanes, summed in index order (see PanamaReductionsF32). */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[SPECIES.length()]);

    private PanamaOptimizersF32() {
    }
    static void sgd(float[] w, float[] g, float lr, int n) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += SPECIES.length()) {
            FloatVector gv = FloatVector.fromArray(SPECIES, g, i);
            FloatVector.fromArray(SPECIES, w, i).sub(gv.mul(lr)).intoArray(w, i);
        }
        // tail
        for (; i < n; i++) {
            w[i] -= lr * g[i];
        }
    }

    static void momentum(float[] w, float[] g, float[] v, float lr, float beta, int n) {
        float oneMinusBeta = 1 - beta;
        int bound = SPECIES.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += SPECIES.length()) {
            FloatVector gv = FloatVector.fromArray(SPECIES, g, i);
            FloatVector vv = FloatVector.fromArray(SPECIES, v, i).mul(beta).add(gv.mul(oneMinusBeta));
            vv.intoArray(v, i);
            FloatVector.fromArray(SPECIES, w, i).sub(vv.mul(lr)).intoArray(w, i);
        }
        // tail
        for (; i < n; i++) {
            v[i] = beta * v[i] + (1 - beta) * g[i];
            w[i] -= lr * v[i];
        }
    }

    static void rmsprop(float[] w, float[] g, float[] s, float lr, float beta, float eps, int n) {
        float oneMinusBeta = 1 - beta;
        int bound = SPECIES.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += SPECIES.length()) {
            FloatVector gv = FloatVector.fromArray(SPECIES, g, i);
            FloatVector sv = FloatVector.fromArray(SPECIES, s, i).mul(beta).add(gv.mul(oneMinusBeta).mul(gv));
            sv.intoArray(s, i);
            FloatVector step = gv.mul(lr).div(sv.sqrt().add(eps));
            FloatVector.fromArray(SPECIES, w, i).sub(step).intoArray(w, i);
        }
        // tail
        for (; i < n; i++) {
            s[i] = beta * s[i] + (1 - beta) * g[i] * g[i];
            w[i] -= lr * g[i] / ((float) Math.sqrt(s[i]) + eps);
        }
    }

    /**
     * Adam over elements {@code [from, to)} ({@code from} a multiple of the vector length, so a
     * split range gives the same bits as one call). One division and one square root per
     * element: {@code w -= (lr / c1) * m / (sqrt(v) * (1 / sqrt(c2)) + eps)}.
     */
    static void adam(float[] w, float[] g, float[] m, float[] v, float lr, float beta1, float beta2, float eps,
                     int t, int from, int to) {
        assert t >= 1 : "adam step t starts at 1";
        float c1 = (float) (1 - Math.pow(beta1, t));
        float c2 = (float) (1 - Math.pow(beta2, t));
        float step = lr / c1;
        float rootC2 = (float) (1 / Math.sqrt(c2));
        float oneMinusB1 = 1 - beta1;
        float oneMinusB2 = 1 - beta2;
        int bound = from + SPECIES.loopBound(to - from);
        int i = from;
        // vector loop
        for (; i < bound; i += SPECIES.length()) {
            FloatVector gv = FloatVector.fromArray(SPECIES, g, i);
            FloatVector mv = FloatVector.fromArray(SPECIES, m, i).mul(beta1).add(gv.mul(oneMinusB1));
            FloatVector vv = FloatVector.fromArray(SPECIES, v, i).mul(beta2).add(gv.mul(oneMinusB2).mul(gv));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            FloatVector delta = mv.mul(step).div(vv.sqrt().mul(rootC2).add(eps));
            FloatVector.fromArray(SPECIES, w, i).sub(delta).intoArray(w, i);
        }
        // tail
        for (; i < to; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            w[i] -= m[i] * step / ((float) Math.sqrt(v[i]) * rootC2 + eps);
        }
    }

    static void heavyBall(float[] w, float[] g, float[] v, float lr, float beta, int n) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += SPECIES.length()) {
            FloatVector vv = FloatVector.fromArray(SPECIES, v, i).mul(beta).add(FloatVector.fromArray(SPECIES, g, i));
            vv.intoArray(v, i);
            FloatVector.fromArray(SPECIES, w, i).sub(vv.mul(lr)).intoArray(w, i);
        }
        // tail
        for (; i < n; i++) {
            v[i] = beta * v[i] + g[i];
            w[i] -= lr * v[i];
        }
    }

    static void nesterov(float[] w, float[] g, float[] v, float lr, float beta, int n) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += SPECIES.length()) {
            FloatVector gv = FloatVector.fromArray(SPECIES, g, i);
            FloatVector vv = FloatVector.fromArray(SPECIES, v, i).mul(beta).add(gv);
            vv.intoArray(v, i);
            FloatVector.fromArray(SPECIES, w, i).sub(gv.add(vv.mul(beta)).mul(lr)).intoArray(w, i);
        }
        // tail
        for (; i < n; i++) {
            v[i] = beta * v[i] + g[i];
            w[i] -= lr * (g[i] + beta * v[i]);
        }
    }

    static void scale(float[] x, float s, int n) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, x, i).mul(s).intoArray(x, i);
        }
        // tail
        for (; i < n; i++) {
            x[i] *= s;
        }
    }

    static void clip(float[] x, float lo, float hi, int n) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, x, i).max(lo).min(hi).intoArray(x, i);
        }
        // tail
        for (; i < n; i++) {
            x[i] = Math.min(Math.max(x[i], lo), hi);
        }
    }

    /** Elements per block of {@link #sumOfSquares}: up to 64 float additions per accumulator lane at 512 bits. */
    private static final int SQUARES_BLOCK = 4096;

    /**
     * Float lanes over blocks of {@link #SQUARES_BLOCK} elements, in four accumulators (vectors
     * i, i+1, i+2, i+3 of each step of four), added pairwise; each block's lanes and tail summed
     * in double, in order. NOTE: one accumulator waited on the multiply-add's latency at every
     * vector: measured on Zen 4 (512-bit, JDK 17), 200k elements in L2 took 13.0 us with one
     * accumulator and blocks of 1024, 9.6 us with four, 8.5 us with blocks of 4096.
     */
    static double sumOfSquares(float[] x, int n) {
        float[] lanes = SCRATCH.get();
        int step = 4 * SPECIES.length();
        double total = 0;
        for (int start = 0; start < n; start += SQUARES_BLOCK) {
            int end = Math.min(n, start + SQUARES_BLOCK);
            int bound4 = start + (end - start) / step * step;
            int bound = start + SPECIES.loopBound(end - start);
            FloatVector acc0 = FloatVector.zero(SPECIES);
            FloatVector acc1 = FloatVector.zero(SPECIES);
            FloatVector acc2 = FloatVector.zero(SPECIES);
            FloatVector acc3 = FloatVector.zero(SPECIES);
            int i = start;
            // vector loop: four vectors a step
            for (; i < bound4; i += step) {
                FloatVector v0 = FloatVector.fromArray(SPECIES, x, i);
                FloatVector v1 = FloatVector.fromArray(SPECIES, x, i + SPECIES.length());
                FloatVector v2 = FloatVector.fromArray(SPECIES, x, i + 2 * SPECIES.length());
                FloatVector v3 = FloatVector.fromArray(SPECIES, x, i + 3 * SPECIES.length());
                acc0 = v0.fma(v0, acc0);
                acc1 = v1.fma(v1, acc1);
                acc2 = v2.fma(v2, acc2);
                acc3 = v3.fma(v3, acc3);
            }
            // vector loop: the last whole vectors
            for (; i < bound; i += SPECIES.length()) {
                FloatVector v = FloatVector.fromArray(SPECIES, x, i);
                acc0 = v.fma(v, acc0);
            }
            // reduce
            acc0.add(acc1).add(acc2.add(acc3)).intoArray(lanes, 0);
            double block = 0;
            for (int lane = 0; lane < lanes.length; lane++) {
                block += lanes[lane];
            }
            // tail
            for (; i < end; i++) {
                block += (double) x[i] * x[i];
            }
            total += block;
        }
        return total;
    }
}
