package org.adjoint.nn.optim;

import org.adjoint.graph.Tensor;
import org.adjoint.kernels.OptimizerKernels;

/** Gradient descent: {@code w -= lr · g}. No state. */
public final class Sgd extends Optimizer {

    public Sgd(double learningRate) {
        super("sgd", learningRate);
    }

    @Override
    protected String[] slotNames() {
        return new String[0];
    }

    @Override
    protected void update(OptimizerKernels k, Tensor w, Tensor g, Tensor[] state, double lr, long t) {
        if (isF32(w)) {
            k.sgd(w.floats(), g.floats(), (float) lr, w.size());
        } else {
            k.sgd(w.doubles(), g.doubles(), lr, w.size());
        }
    }
}
