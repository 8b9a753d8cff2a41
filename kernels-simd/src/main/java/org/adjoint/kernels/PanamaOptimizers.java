package org.adjoint.kernels;

/**
 * Vector API optimizer updates: the bodies are {@link PanamaOptimizersF32} and the generated
 * {@link PanamaOptimizersF64}, bit-identical to {@link ScalarOptimizers}.
 */
final class PanamaOptimizers implements OptimizerKernels {

    @Override
    public void sgd(float[] w, float[] g, float lr, int n) {
        PanamaOptimizersF32.sgd(w, g, lr, n);
    }

    @Override
    public void sgd(double[] w, double[] g, double lr, int n) {
        PanamaOptimizersF64.sgd(w, g, lr, n);
    }

    @Override
    public void momentum(float[] w, float[] g, float[] v, float lr, float beta, int n) {
        PanamaOptimizersF32.momentum(w, g, v, lr, beta, n);
    }

    @Override
    public void momentum(double[] w, double[] g, double[] v, double lr, double beta, int n) {
        PanamaOptimizersF64.momentum(w, g, v, lr, beta, n);
    }

    @Override
    public void rmsprop(float[] w, float[] g, float[] s, float lr, float beta, float eps, int n) {
        PanamaOptimizersF32.rmsprop(w, g, s, lr, beta, eps, n);
    }

    @Override
    public void rmsprop(double[] w, double[] g, double[] s, double lr, double beta, double eps, int n) {
        PanamaOptimizersF64.rmsprop(w, g, s, lr, beta, eps, n);
    }

    @Override
    public void adam(float[] w, float[] g, float[] m, float[] v, float lr, float beta1, float beta2, float eps, int t, int n) {
        int parts = parts(n);
        if (parts == 1) {
            PanamaOptimizersF32.adam(w, g, m, v, lr, beta1, beta2, eps, t, 0, n);
        } else {
            int lanes = VectorWidth.F32.length();
            Parallel.forEach(parts, parts, p -> PanamaOptimizersF32.adam(w, g, m, v, lr, beta1, beta2, eps, t,
                    cut(n, p, parts, lanes), cut(n, p + 1, parts, lanes)));
        }
    }

    @Override
    public void adam(double[] w, double[] g, double[] m, double[] v, double lr, double beta1, double beta2, double eps, int t, int n) {
        int parts = parts(n);
        if (parts == 1) {
            PanamaOptimizersF64.adam(w, g, m, v, lr, beta1, beta2, eps, t, 0, n);
        } else {
            int lanes = VectorWidth.F64.length();
            Parallel.forEach(parts, parts, p -> PanamaOptimizersF64.adam(w, g, m, v, lr, beta1, beta2, eps, t,
                    cut(n, p, parts, lanes), cut(n, p + 1, parts, lanes)));
        }
    }

    /**
     * From this many elements an Adam update is split over the threads, when a worker is still
     * spinning after a parallel call ({@link Parallel#hot()}: right after a training step's
     * backward GEMMs). Measured (Zen 4, 512-bit, JDK 17): Adam over the 784-256-256-10 MLP's
     * 270k parameters ~1 ns per element on one thread.
     */
    static final int PARALLEL_ELEMENTS = 1 << 16;

    /** Threads for an update of {@code n} elements (see {@link #PARALLEL_ELEMENTS}). */
    static int parts(int n) {
        int threads = Parallel.threads();
        return threads > 1 && n >= PARALLEL_ELEMENTS && Parallel.hot() ? Math.min(threads, n / (PARALLEL_ELEMENTS / 2)) : 1;
    }

    /**
     * Start of part {@code p} of {@code parts} over {@code n} elements, rounded down to a
     * multiple of {@code lanes} (so every element sees the same vector or tail code for any split).
     */
    static int cut(int n, int p, int parts, int lanes) {
        if (p >= parts) {
            return n;
        }
        return (int) ((long) n * p / parts) / lanes * lanes;
    }

    @Override
    public void heavyBall(float[] w, float[] g, float[] v, float lr, float beta, int n) {
        PanamaOptimizersF32.heavyBall(w, g, v, lr, beta, n);
    }

    @Override
    public void heavyBall(double[] w, double[] g, double[] v, double lr, double beta, int n) {
        PanamaOptimizersF64.heavyBall(w, g, v, lr, beta, n);
    }

    @Override
    public void nesterov(float[] w, float[] g, float[] v, float lr, float beta, int n) {
        PanamaOptimizersF32.nesterov(w, g, v, lr, beta, n);
    }

    @Override
    public void nesterov(double[] w, double[] g, double[] v, double lr, double beta, int n) {
        PanamaOptimizersF64.nesterov(w, g, v, lr, beta, n);
    }

    @Override
    public void scale(float[] x, float s, int n) {
        PanamaOptimizersF32.scale(x, s, n);
    }

    @Override
    public void scale(double[] x, double s, int n) {
        PanamaOptimizersF64.scale(x, s, n);
    }

    @Override
    public void clip(float[] x, float lo, float hi, int n) {
        PanamaOptimizersF32.clip(x, lo, hi, n);
    }

    @Override
    public void clip(double[] x, double lo, double hi, int n) {
        PanamaOptimizersF64.clip(x, lo, hi, n);
    }

    @Override
    public double sumOfSquares(float[] x, int n) {
        return PanamaOptimizersF32.sumOfSquares(x, n);
    }

    @Override
    public double sumOfSquares(double[] x, int n) {
        return PanamaOptimizersF64.sumOfSquares(x, n);
    }
}
