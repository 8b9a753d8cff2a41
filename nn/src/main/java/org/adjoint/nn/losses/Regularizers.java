package org.adjoint.nn.losses;

import org.adjoint.graph.Node;
import org.adjoint.nn.Parameter;
import org.adjoint.nn.Parameters;
import org.adjoint.ops.Ops;

/**
 * Weight penalties added to the cost, over weights only ({@link Parameter#regularized()}):
 * {@link #l2} is the course's {@code λ/(2m) · Σ‖W‖²} and {@link #l1} is {@code λ/m · Σ|W|}, with m
 * the batch size. (Decoupled weight decay, AdamW's form, is an optimizer option instead:
 * {@code optimizer.weightDecay(wd)}.)
 */
public final class Regularizers {

    private Regularizers() {
    }

    /** {@code λ/(2m) · Σ_W ‖W‖²_F}. */
    public static Regularizer l2(double lambda) {
        checkLambda("l2", lambda);
        return (o, weights, m) -> scaled(o, weights, m, lambda / 2, true);
    }

    /** {@code λ/m · Σ_W Σ|w|}. */
    public static Regularizer l1(double lambda) {
        checkLambda("l1", lambda);
        return (o, weights, m) -> scaled(o, weights, m, lambda, false);
    }

    private static Node scaled(Ops o, Parameters weights, Node m, double factor, boolean squares) {
        Node total = null;
        for (Parameter p : weights) {
            if (!p.regularized()) {
                continue;
            }
            Node w = p.node();
            Node term = o.sum(squares ? o.square(w) : o.abs(w));
            if (term.dtype() != m.dtype()) {
                term = o.cast(term, m.dtype());
            }
            total = total == null ? term : o.add(total, term);
        }
        if (total == null) {
            return o.scalar(0, m.dtype());
        }
        return o.named("penalty").div(o.mul(total, factor), m);
    }

    private static void checkLambda(String name, double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException(name + ": lambda must be a finite number >= 0, got lambda=" + lambda);
        }
    }
}
