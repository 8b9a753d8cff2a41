package org.adjoint.nn.optim;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter): before each Adam update, weights (not
 * biases) shrink by {@code w *= 1 - lr·wd}. Default wd = 0.01.
 */
public final class AdamW extends Adam {

    public AdamW(double learningRate) {
        this(learningRate, 0.01);
    }

    public AdamW(double learningRate, double weightDecay) {
        this(learningRate, weightDecay, 0.9, 0.999, 1e-8);
    }

    public AdamW(double learningRate, double weightDecay, double beta1, double beta2, double eps) {
        super("adamw", learningRate, beta1, beta2, eps);
        weightDecay(weightDecay);
    }
}
