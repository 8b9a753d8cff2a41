package org.adjoint.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API optimizer updates. Each update is purely elementwise, and every vector expression
 * keeps the scalar twin's operation order and association (Java never contracts to FMA; lane
 * sqrt is correctly rounded like {@code (float) Math.sqrt}), so the results are bit-identical
 * to {@link ScalarOptimizers}. The tails repeat the twin's formulas (the twins have no offset
 * argument to delegate to).
 */
final class PanamaOptimizers implements OptimizerKernels {

    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;

    /** {@code w -= lr * g}. */
    @Override
    public void sgd(float[] w, float[] g, float lr, int n) {
        int bound = FS.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += FS.length()) {
            FloatVector gv = FloatVector.fromArray(FS, g, i);
            FloatVector.fromArray(FS, w, i).sub(gv.mul(lr)).intoArray(w, i);
        }
        // tail
        for (; i < n; i++) {
            w[i] -= lr * g[i];
        }
    }

    @Override
    public void sgd(double[] w, double[] g, double lr, int n) {
        int bound = DS.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += DS.length()) {
            DoubleVector gv = DoubleVector.fromArray(DS, g, i);
            DoubleVector.fromArray(DS, w, i).sub(gv.mul(lr)).intoArray(w, i);
        }
        // tail
        for (; i < n; i++) {
            w[i] -= lr * g[i];
        }
    }

    /** {@code v = beta*v + (1-beta)*g; w -= lr*v}. */
    @Override
    public void momentum(float[] w, float[] g, float[] v, float lr, float beta, int n) {
        float oneMinusBeta = 1 - beta;
        int bound = FS.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += FS.length()) {
            FloatVector gv = FloatVector.fromArray(FS, g, i);
            FloatVector vv = FloatVector.fromArray(FS, v, i).mul(beta).add(gv.mul(oneMinusBeta));
            vv.intoArray(v, i);
            FloatVector.fromArray(FS, w, i).sub(vv.mul(lr)).intoArray(w, i);
        }
        // tail
        for (; i < n; i++) {
            v[i] = beta * v[i] + (1 - beta) * g[i];
            w[i] -= lr * v[i];
        }
    }

    @Override
    public void momentum(double[] w, double[] g, double[] v, double lr, double beta, int n) {
        double oneMinusBeta = 1 - beta;
        int bound = DS.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += DS.length()) {
            DoubleVector gv = DoubleVector.fromArray(DS, g, i);
            DoubleVector vv = DoubleVector.fromArray(DS, v, i).mul(beta).add(gv.mul(oneMinusBeta));
            vv.intoArray(v, i);
            DoubleVector.fromArray(DS, w, i).sub(vv.mul(lr)).intoArray(w, i);
        }
        // tail
        for (; i < n; i++) {
            v[i] = beta * v[i] + (1 - beta) * g[i];
            w[i] -= lr * v[i];
        }
    }

    /** {@code s = beta*s + (1-beta)*g*g; w -= lr*g / (sqrt(s) + eps)}. */
    @Override
    public void rmsprop(float[] w, float[] g, float[] s, float lr, float beta, float eps, int n) {
        float oneMinusBeta = 1 - beta;
        int bound = FS.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += FS.length()) {
            FloatVector gv = FloatVector.fromArray(FS, g, i);
            FloatVector sv = FloatVector.fromArray(FS, s, i).mul(beta).add(gv.mul(oneMinusBeta).mul(gv));
            sv.intoArray(s, i);
            FloatVector step = gv.mul(lr).div(sv.sqrt().add(eps));
            FloatVector.fromArray(FS, w, i).sub(step).intoArray(w, i);
        }
        // tail
        for (; i < n; i++) {
            s[i] = beta * s[i] + (1 - beta) * g[i] * g[i];
            w[i] -= lr * g[i] / ((float) Math.sqrt(s[i]) + eps);
        }
    }

    @Override
    public void rmsprop(double[] w, double[] g, double[] s, double lr, double beta, double eps, int n) {
        double oneMinusBeta = 1 - beta;
        int bound = DS.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += DS.length()) {
            DoubleVector gv = DoubleVector.fromArray(DS, g, i);
            DoubleVector sv = DoubleVector.fromArray(DS, s, i).mul(beta).add(gv.mul(oneMinusBeta).mul(gv));
            sv.intoArray(s, i);
            DoubleVector step = gv.mul(lr).div(sv.sqrt().add(eps));
            DoubleVector.fromArray(DS, w, i).sub(step).intoArray(w, i);
        }
        // tail
        for (; i < n; i++) {
            s[i] = beta * s[i] + (1 - beta) * g[i] * g[i];
            w[i] -= lr * g[i] / (Math.sqrt(s[i]) + eps);
        }
    }

    /**
     * {@code m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g*g; w -= lr*(m/c1) / (sqrt(v/c2) + eps)}
     * with {@code c1 = 1 - b1^t}, {@code c2 = 1 - b2^t}.
     */
    @Override
    public void adam(float[] w, float[] g, float[] m, float[] v, float lr, float beta1, float beta2, float eps,
                     int t, int n) {
        assert t >= 1 : "adam step t starts at 1";
        float c1 = (float) (1 - Math.pow(beta1, t));
        float c2 = (float) (1 - Math.pow(beta2, t));
        float oneMinusB1 = 1 - beta1;
        float oneMinusB2 = 1 - beta2;
        int bound = FS.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += FS.length()) {
            FloatVector gv = FloatVector.fromArray(FS, g, i);
            FloatVector mv = FloatVector.fromArray(FS, m, i).mul(beta1).add(gv.mul(oneMinusB1));
            FloatVector vv = FloatVector.fromArray(FS, v, i).mul(beta2).add(gv.mul(oneMinusB2).mul(gv));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            FloatVector step = mv.div(c1).mul(lr).div(vv.div(c2).sqrt().add(eps));
            FloatVector.fromArray(FS, w, i).sub(step).intoArray(w, i);
        }
        // tail
        for (; i < n; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            w[i] -= lr * (m[i] / c1) / ((float) Math.sqrt(v[i] / c2) + eps);
        }
    }

    @Override
    public void adam(double[] w, double[] g, double[] m, double[] v, double lr, double beta1, double beta2,
                     double eps, int t, int n) {
        assert t >= 1 : "adam step t starts at 1";
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        double oneMinusB1 = 1 - beta1;
        double oneMinusB2 = 1 - beta2;
        int bound = DS.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += DS.length()) {
            DoubleVector gv = DoubleVector.fromArray(DS, g, i);
            DoubleVector mv = DoubleVector.fromArray(DS, m, i).mul(beta1).add(gv.mul(oneMinusB1));
            DoubleVector vv = DoubleVector.fromArray(DS, v, i).mul(beta2).add(gv.mul(oneMinusB2).mul(gv));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            DoubleVector step = mv.div(c1).mul(lr).div(vv.div(c2).sqrt().add(eps));
            DoubleVector.fromArray(DS, w, i).sub(step).intoArray(w, i);
        }
        // tail
        for (; i < n; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            w[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
        }
    }

    /** {@code v = beta*v + g; w -= lr*v}. */
    @Override
    public void heavyBall(float[] w, float[] g, float[] v, float lr, float beta, int n) {
        int bound = FS.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += FS.length()) {
            FloatVector vv = FloatVector.fromArray(FS, v, i).mul(beta).add(FloatVector.fromArray(FS, g, i));
            vv.intoArray(v, i);
            FloatVector.fromArray(FS, w, i).sub(vv.mul(lr)).intoArray(w, i);
        }
        // tail
        for (; i < n; i++) {
            v[i] = beta * v[i] + g[i];
            w[i] -= lr * v[i];
        }
    }

    @Override
    public void heavyBall(double[] w, double[] g, double[] v, double lr, double beta, int n) {
        int bound = DS.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += DS.length()) {
            DoubleVector vv = DoubleVector.fromArray(DS, v, i).mul(beta).add(DoubleVector.fromArray(DS, g, i));
            vv.intoArray(v, i);
            DoubleVector.fromArray(DS, w, i).sub(vv.mul(lr)).intoArray(w, i);
        }
        // tail
        for (; i < n; i++) {
            v[i] = beta * v[i] + g[i];
            w[i] -= lr * v[i];
        }
    }

    /** {@code v = beta*v + g; w -= lr*(g + beta*v)}. */
    @Override
    public void nesterov(float[] w, float[] g, float[] v, float lr, float beta, int n) {
        int bound = FS.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += FS.length()) {
            FloatVector gv = FloatVector.fromArray(FS, g, i);
            FloatVector vv = FloatVector.fromArray(FS, v, i).mul(beta).add(gv);
            vv.intoArray(v, i);
            FloatVector.fromArray(FS, w, i).sub(gv.add(vv.mul(beta)).mul(lr)).intoArray(w, i);
        }
        // tail
        for (; i < n; i++) {
            v[i] = beta * v[i] + g[i];
            w[i] -= lr * (g[i] + beta * v[i]);
        }
    }

    @Override
    public void nesterov(double[] w, double[] g, double[] v, double lr, double beta, int n) {
        int bound = DS.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += DS.length()) {
            DoubleVector gv = DoubleVector.fromArray(DS, g, i);
            DoubleVector vv = DoubleVector.fromArray(DS, v, i).mul(beta).add(gv);
            vv.intoArray(v, i);
            DoubleVector.fromArray(DS, w, i).sub(gv.add(vv.mul(beta)).mul(lr)).intoArray(w, i);
        }
        // tail
        for (; i < n; i++) {
            v[i] = beta * v[i] + g[i];
            w[i] -= lr * (g[i] + beta * v[i]);
        }
    }

    @Override
    public void scale(float[] x, float s, int n) {
        int bound = FS.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += FS.length()) {
            FloatVector.fromArray(FS, x, i).mul(s).intoArray(x, i);
        }
        // tail
        for (; i < n; i++) {
            x[i] *= s;
        }
    }

    @Override
    public void scale(double[] x, double s, int n) {
        int bound = DS.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += DS.length()) {
            DoubleVector.fromArray(DS, x, i).mul(s).intoArray(x, i);
        }
        // tail
        for (; i < n; i++) {
            x[i] *= s;
        }
    }

    /** NOTE: lanewise max/min propagate NaN like {@link Math#max}/{@link Math#min}. */
    @Override
    public void clip(float[] x, float lo, float hi, int n) {
        int bound = FS.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += FS.length()) {
            FloatVector.fromArray(FS, x, i).max(lo).min(hi).intoArray(x, i);
        }
        // tail
        for (; i < n; i++) {
            x[i] = Math.min(Math.max(x[i], lo), hi);
        }
    }

    @Override
    public void clip(double[] x, double lo, double hi, int n) {
        int bound = DS.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += DS.length()) {
            DoubleVector.fromArray(DS, x, i).max(lo).min(hi).intoArray(x, i);
        }
        // tail
        for (; i < n; i++) {
            x[i] = Math.min(Math.max(x[i], lo), hi);
        }
    }

    /** Float lanes over blocks of 1024 elements, each block's sum added in double. */
    @Override
    public double sumOfSquares(float[] x, int n) {
        double total = 0;
        for (int start = 0; start < n; start += 1024) {
            int end = Math.min(n, start + 1024);
            int bound = start + FS.loopBound(end - start);
            FloatVector acc = FloatVector.zero(FS);
            int i = start;
            // vector loop
            for (; i < bound; i += FS.length()) {
                FloatVector v = FloatVector.fromArray(FS, x, i);
                acc = v.fma(v, acc);
            }
            // reduce
            double block = acc.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
            // tail
            for (; i < end; i++) {
                block += (double) x[i] * x[i];
            }
            total += block;
        }
        return total;
    }

    @Override
    public double sumOfSquares(double[] x, int n) {
        int bound = DS.loopBound(n);
        DoubleVector acc = DoubleVector.zero(DS);
        int i = 0;
        // vector loop
        for (; i < bound; i += DS.length()) {
            DoubleVector v = DoubleVector.fromArray(DS, x, i);
            acc = v.fma(v, acc);
        }
        // reduce
        double total = acc.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        // tail
        for (; i < n; i++) {
            total += x[i] * x[i];
        }
        return total;
    }
}
