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

    /** Float lanes over blocks of 1024 elements; each block's lanes and tail summed in double, in order. */
    static double sumOfSquares(float[] x, int n) {
        float[] lanes = SCRATCH.get();
        double total = 0;
        for (int start = 0; start < n; start += 1024) {
            int end = Math.min(n, start + 1024);
            int bound = start + SPECIES.loopBound(end - start);
            FloatVector acc = FloatVector.zero(SPECIES);
            int i = start;
            // vector loop
            for (; i < bound; i += SPECIES.length()) {
                FloatVector v = FloatVector.fromArray(SPECIES, x, i);
                acc = v.fma(v, acc);
            }
            // reduce
            acc.intoArray(lanes, 0);
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
