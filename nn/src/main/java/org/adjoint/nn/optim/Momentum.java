package org.adjoint.nn.optim;

import org.adjoint.graph.Tensor;
import org.adjoint.kernels.OptimizerKernels;

/**
 * Gradient descent with momentum (state {@code v} per parameter, from zeros), in one of three forms:
 * <ul>
 *   <li>{@link Form#EWA} (default, the course's): {@code v = βv + (1-β)g; w -= lr·v};</li>
 *   <li>{@link Form#HEAVY_BALL} (PyTorch's SGD momentum): {@code v = βv + g; w -= lr·v};</li>
 *   <li>{@link Form#NESTEROV} (PyTorch's): {@code v = βv + g; w -= lr·(g + βv)}.</li>
 * </ul>
 * Default β = 0.9.
 */
public final class Momentum extends Optimizer {

    /** The update form. */
    public enum Form { EWA, HEAVY_BALL, NESTEROV }

    private final double beta;
    private final Form form;

    public Momentum(double learningRate) {
        this(learningRate, 0.9, Form.EWA);
    }

    public Momentum(double learningRate, double beta) {
        this(learningRate, beta, Form.EWA);
    }

    /** @param beta the momentum, in [0, 1) */
    public Momentum(double learningRate, double beta, Form form) {
        super(form == Form.EWA ? "momentum" : form == Form.HEAVY_BALL ? "heavy_ball" : "nesterov", learningRate);
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException(name() + ": momentum must be in [0, 1), got beta=" + beta);
        }
        this.beta = beta;
        this.form = java.util.Objects.requireNonNull(form, "form");
    }

    public double beta() {
        return beta;
    }

    public Form form() {
        return form;
    }

    @Override
    protected String[] slotNames() {
        return new String[] {"v"};
    }

    @Override
    protected void update(OptimizerKernels k, Tensor w, Tensor g, Tensor[] s, double lr, long t) {
        int n = w.size();
        if (isF32(w)) {
            float[] wf = w.floats();
            float[] gf = g.floats();
            float[] vf = s[0].floats();
            switch (form) {
                case EWA: k.momentum(wf, gf, vf, (float) lr, (float) beta, n); break;
                case HEAVY_BALL: k.heavyBall(wf, gf, vf, (float) lr, (float) beta, n); break;
                default: k.nesterov(wf, gf, vf, (float) lr, (float) beta, n);
            }
        } else {
            double[] wd = w.doubles();
            double[] gd = g.doubles();
            double[] vd = s[0].doubles();
            switch (form) {
                case EWA: k.momentum(wd, gd, vd, lr, beta, n); break;
                case HEAVY_BALL: k.heavyBall(wd, gd, vd, lr, beta, n); break;
                default: k.nesterov(wd, gd, vd, lr, beta, n);
            }
        }
    }
}
