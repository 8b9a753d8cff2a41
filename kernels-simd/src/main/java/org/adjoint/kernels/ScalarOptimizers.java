package org.adjoint.kernels;

/** Scalar twin of the fused optimizer updates. */
public final class ScalarOptimizers implements OptimizerKernels {

    @Override
    public void sgd(float[] w, float[] g, float lr, int n) {
        for (int i = 0; i < n; i++) {
            w[i] -= lr * g[i];
        }
    }

    @Override
    public void sgd(double[] w, double[] g, double lr, int n) {
        for (int i = 0; i < n; i++) {
            w[i] -= lr * g[i];
        }
    }

    @Override
    public void momentum(float[] w, float[] g, float[] v, float lr, float beta, int n) {
        for (int i = 0; i < n; i++) {
            v[i] = beta * v[i] + (1 - beta) * g[i];
            w[i] -= lr * v[i];
        }
    }

    @Override
    public void momentum(double[] w, double[] g, double[] v, double lr, double beta, int n) {
        for (int i = 0; i < n; i++) {
            v[i] = beta * v[i] + (1 - beta) * g[i];
            w[i] -= lr * v[i];
        }
    }

    @Override
    public void rmsprop(float[] w, float[] g, float[] s, float lr, float beta, float eps, int n) {
        for (int i = 0; i < n; i++) {
            s[i] = beta * s[i] + (1 - beta) * g[i] * g[i];
            w[i] -= lr * g[i] / ((float) Math.sqrt(s[i]) + eps);
        }
    }

    @Override
    public void rmsprop(double[] w, double[] g, double[] s, double lr, double beta, double eps, int n) {
        for (int i = 0; i < n; i++) {
            s[i] = beta * s[i] + (1 - beta) * g[i] * g[i];
            w[i] -= lr * g[i] / (Math.sqrt(s[i]) + eps);
        }
    }

    @Override
    public void adam(float[] w, float[] g, float[] m, float[] v, float lr, float beta1, float beta2, float eps,
                     int t, int n) {
        float c1 = (float) (1 - Math.pow(beta1, t));
        float c2 = (float) (1 - Math.pow(beta2, t));
        float step = lr / c1;
        float rootC2 = (float) (1 / Math.sqrt(c2));
        for (int i = 0; i < n; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            w[i] -= m[i] * step / ((float) Math.sqrt(v[i]) * rootC2 + eps);
        }
    }

    @Override
    public void adam(double[] w, double[] g, double[] m, double[] v, double lr, double beta1, double beta2,
                     double eps, int t, int n) {
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        double step = lr / c1;
        double rootC2 = 1 / Math.sqrt(c2);
        for (int i = 0; i < n; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            w[i] -= m[i] * step / (Math.sqrt(v[i]) * rootC2 + eps);
        }
    }

    @Override
    public void heavyBall(float[] w, float[] g, float[] v, float lr, float beta, int n) {
        for (int i = 0; i < n; i++) {
            v[i] = beta * v[i] + g[i];
            w[i] -= lr * v[i];
        }
    }

    @Override
    public void heavyBall(double[] w, double[] g, double[] v, double lr, double beta, int n) {
        for (int i = 0; i < n; i++) {
            v[i] = beta * v[i] + g[i];
            w[i] -= lr * v[i];
        }
    }

    @Override
    public void nesterov(float[] w, float[] g, float[] v, float lr, float beta, int n) {
        for (int i = 0; i < n; i++) {
            v[i] = beta * v[i] + g[i];
            w[i] -= lr * (g[i] + beta * v[i]);
        }
    }

    @Override
    public void nesterov(double[] w, double[] g, double[] v, double lr, double beta, int n) {
        for (int i = 0; i < n; i++) {
            v[i] = beta * v[i] + g[i];
            w[i] -= lr * (g[i] + beta * v[i]);
        }
    }

    @Override
    public void scale(float[] x, float s, int n) {
        for (int i = 0; i < n; i++) {
            x[i] *= s;
        }
    }

    @Override
    public void scale(double[] x, double s, int n) {
        for (int i = 0; i < n; i++) {
            x[i] *= s;
        }
    }

    @Override
    public void clip(float[] x, float lo, float hi, int n) {
        for (int i = 0; i < n; i++) {
            x[i] = Math.min(Math.max(x[i], lo), hi);
        }
    }

    @Override
    public void clip(double[] x, double lo, double hi, int n) {
        for (int i = 0; i < n; i++) {
            x[i] = Math.min(Math.max(x[i], lo), hi);
        }
    }

    @Override
    public double sumOfSquares(float[] x, int n) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += (double) x[i] * x[i];
        }
        return total;
    }

    @Override
    public double sumOfSquares(double[] x, int n) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += x[i] * x[i];
        }
        return total;
    }
}
