package org.adjoint.kernels;

/**
 * Fused in-place parameter updates over {@code n} elements from offset 0. {@code w} is the
 * parameter, {@code g} its gradient; state arrays are the optimizer's and have the length of
 * {@code w}. Every method modifies {@code w} and its state arrays, never {@code g}.
 */
public interface OptimizerKernels {

    /** {@code w -= lr * g}. */
    void sgd(float[] w, float[] g, float lr, int n);

    void sgd(double[] w, double[] g, double lr, int n);

    /** {@code v = beta*v + (1-beta)*g; w -= lr * v} (exponentially weighted average of gradients). */
    void momentum(float[] w, float[] g, float[] v, float lr, float beta, int n);

    void momentum(double[] w, double[] g, double[] v, double lr, double beta, int n);

    /** {@code s = beta*s + (1-beta)*g^2; w -= lr * g / (sqrt(s) + eps)}. */
    void rmsprop(float[] w, float[] g, float[] s, float lr, float beta, float eps, int n);

    void rmsprop(double[] w, double[] g, double[] s, double lr, double beta, double eps, int n);

    /**
     * Adam with bias correction at step {@code t >= 1}:
     * {@code m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g^2;
     * w -= lr * (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)}.
     */
    void adam(float[] w, float[] g, float[] m, float[] v, float lr, float beta1, float beta2, float eps, int t, int n);

    void adam(double[] w, double[] g, double[] m, double[] v, double lr, double beta1, double beta2, double eps, int t, int n);

    /**
     * Heavy-ball momentum (PyTorch's {@code SGD(momentum=beta)}): {@code v = beta*v + g; w -= lr * v}.
     */
    void heavyBall(float[] w, float[] g, float[] v, float lr, float beta, int n);

    void heavyBall(double[] w, double[] g, double[] v, double lr, double beta, int n);

    /**
     * Nesterov momentum in PyTorch's form: {@code v = beta*v + g; w -= lr * (g + beta*v)}.
     */
    void nesterov(float[] w, float[] g, float[] v, float lr, float beta, int n);

    void nesterov(double[] w, double[] g, double[] v, double lr, double beta, int n);

    /** {@code x *= s} (decoupled weight decay, clipping by norm). Modifies {@code x}. */
    void scale(float[] x, float s, int n);

    void scale(double[] x, double s, int n);

    /** {@code x = min(max(x, lo), hi)} (clipping by value; NaN stays NaN). Modifies {@code x}. */
    void clip(float[] x, float lo, float hi, int n);

    void clip(double[] x, double lo, double hi, int n);

    /**
     * {@code sum(x[i]^2)} over {@code n} elements (for global-norm clipping). F32 input is summed
     * in float blocks of at most 1024 elements whose sums are added in double; not modified.
     */
    double sumOfSquares(float[] x, int n);

    double sumOfSquares(double[] x, int n);
}
