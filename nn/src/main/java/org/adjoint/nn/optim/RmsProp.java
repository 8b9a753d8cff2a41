package org.adjoint.nn.optim;

import org.adjoint.graph.Tensor;
import org.adjoint.kernels.OptimizerKernels;

/** RMSprop: {@code s = βs + (1-β)g²; w -= lr·g / (sqrt(s) + eps)}. Defaults β = 0.9, eps = 1e-8. */
public final class RmsProp extends Optimizer {

    private final double beta;
    private final double eps;

    public RmsProp(double learningRate) {
        this(learningRate, 0.9, 1e-8);
    }

    public RmsProp(double learningRate, double beta, double eps) {
        super("rmsprop", learningRate);
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("rmsprop: beta must be in [0, 1), got beta=" + beta);
        }
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("rmsprop: eps must be a positive number, got eps=" + eps);
        }
        this.beta = beta;
        this.eps = eps;
    }

    @Override
    protected String[] slotNames() {
        return new String[] {"s"};
    }

    @Override
    protected void update(OptimizerKernels k, Tensor w, Tensor g, Tensor[] s, double lr, long t) {
        if (isF32(w)) {
            k.rmsprop(w.floats(), g.floats(), s[0].floats(), (float) lr, (float) beta, (float) eps, w.size());
        } else {
            k.rmsprop(w.doubles(), g.doubles(), s[0].doubles(), lr, beta, eps, w.size());
        }
    }
}
