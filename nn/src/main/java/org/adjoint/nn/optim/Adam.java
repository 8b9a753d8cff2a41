package org.adjoint.nn.optim;

import org.adjoint.graph.Tensor;
import org.adjoint.kernels.OptimizerKernels;

/**
 * Adam with bias correction at step t: {@code m = β1·m + (1-β1)g; v = β2·v + (1-β2)g²;
 * w -= lr·(m/(1-β1^t)) / (sqrt(v/(1-β2^t)) + eps)}. Defaults β1 = 0.9, β2 = 0.999, eps = 1e-8.
 * With {@link #weightDecay} it is AdamW (see {@link AdamW}).
 */
public class Adam extends Optimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;

    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8);
    }

    public Adam(double learningRate, double beta1, double beta2, double eps) {
        this("adam", learningRate, beta1, beta2, eps);
    }

    Adam(String name, double learningRate, double beta1, double beta2, double eps) {
        super(name, learningRate);
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException(name + ": beta1 must be in [0, 1), got beta1=" + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException(name + ": beta2 must be in [0, 1), got beta2=" + beta2);
        }
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException(name + ": eps must be a positive number, got eps=" + eps);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    @Override
    protected String[] slotNames() {
        return new String[] {"m", "v"};
    }

    @Override
    protected void update(OptimizerKernels k, Tensor w, Tensor g, Tensor[] s, double lr, long t) {
        int step = (int) Math.min(t, Integer.MAX_VALUE);
        if (isF32(w)) {
            k.adam(w.floats(), g.floats(), s[0].floats(), s[1].floats(), (float) lr, (float) beta1, (float) beta2,
                    (float) eps, step, w.size());
        } else {
            k.adam(w.doubles(), g.doubles(), s[0].doubles(), s[1].doubles(), lr, beta1, beta2, eps, step, w.size());
        }
    }
}
