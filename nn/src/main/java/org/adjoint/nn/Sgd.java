package org.adjoint.nn;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Node;
import org.adjoint.graph.Tensor;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.kernels.OptimizerKernels;

/**
 * Plain (batch or mini-batch) gradient descent: {@code w -= lr * dw} for each parameter, in place,
 * through the fused SIMD update kernel.
 */
public final class Sgd {

    private final List<Node> params;
    private final double learningRate;

    /**
     * @param params the variables to update
     * @param learningRate step size, &gt; 0
     */
    public Sgd(List<Node> params, double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("Sgd: learning rate must be a positive finite number, got "
                    + learningRate);
        }
        for (Node p : params) {
            if (!p.isVariable()) {
                throw new IllegalArgumentException("Sgd: '" + p.name() + "' is not a variable");
            }
        }
        this.params = List.copyOf(params);
        this.learningRate = learningRate;
    }

    /** Applies one update; {@code grads.get(i)} is the gradient of {@code params.get(i)}. */
    public void step(List<Tensor> grads) {
        if (grads.size() != params.size()) {
            throw new IllegalArgumentException("Sgd.step: " + grads.size() + " gradients for " + params.size()
                    + " parameters");
        }
        OptimizerKernels k = KernelProvider.get().optimizers();
        for (int i = 0; i < params.size(); i++) {
            Tensor w = params.get(i).value();
            Tensor g = grads.get(i);
            if (!g.type().equals(w.type())) {
                throw new IllegalArgumentException("Sgd.step: gradient " + i + " is " + g.type() + " but parameter '"
                        + params.get(i).name() + "' is " + w.type());
            }
            if (w.dtype() == DType.F32) {
                k.sgd(w.floats(), g.floats(), (float) learningRate, w.size());
            } else {
                k.sgd(w.doubles(), g.doubles(), learningRate, w.size());
            }
        }
    }
}
