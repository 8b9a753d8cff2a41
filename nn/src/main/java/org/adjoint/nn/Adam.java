package org.adjoint.nn;

import java.util.ArrayList;
import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Node;
import org.adjoint.graph.Tensor;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.kernels.OptimizerKernels;

/**
 * Adam with bias correction, through the fused SIMD update kernel:
 * {@code m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; w -= lr (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)}.
 */
public final class Adam {

    private final List<Node> params;
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final List<Tensor> m = new ArrayList<>();
    private final List<Tensor> v = new ArrayList<>();
    private int t;

    /** Adam with the usual defaults beta1 = 0.9, beta2 = 0.999, eps = 1e-8. */
    public Adam(List<Node> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8);
    }

    public Adam(List<Node> params, double lr, double beta1, double beta2, double eps) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("Adam: learning rate must be a positive finite number, got " + lr);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("Adam: beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam: beta2 must be in [0, 1), got " + beta2);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("Adam: eps must be > 0, got " + eps);
        }
        for (Node p : params) {
            if (!p.isVariable()) {
                throw new IllegalArgumentException("Adam: '" + p.name() + "' is not a variable");
            }
            m.add(Tensor.zeros(p.value().type()));
            v.add(Tensor.zeros(p.value().type()));
        }
        this.params = List.copyOf(params);
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /** Applies one update; {@code grads.get(i)} is the gradient of {@code params.get(i)}. */
    public void step(List<Tensor> grads) {
        if (grads.size() != params.size()) {
            throw new IllegalArgumentException("Adam.step: " + grads.size() + " gradients for " + params.size()
                    + " parameters");
        }
        t++;
        OptimizerKernels k = KernelProvider.get().optimizers();
        for (int i = 0; i < params.size(); i++) {
            Tensor w = params.get(i).value();
            Tensor g = grads.get(i);
            if (!g.type().equals(w.type())) {
                throw new IllegalArgumentException("Adam.step: gradient " + i + " is " + g.type() + " but parameter '"
                        + params.get(i).name() + "' is " + w.type());
            }
            if (w.dtype() == DType.F32) {
                k.adam(w.floats(), g.floats(), m.get(i).floats(), v.get(i).floats(), (float) lr, (float) beta1,
                        (float) beta2, (float) eps, t, w.size());
            } else {
                k.adam(w.doubles(), g.doubles(), m.get(i).doubles(), v.get(i).doubles(), lr, beta1, beta2, eps, t,
                        w.size());
            }
        }
    }
}
