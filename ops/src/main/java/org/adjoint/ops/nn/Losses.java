package org.adjoint.ops.nn;

import org.adjoint.graph.Node;
import org.adjoint.ops.Composite;
import org.adjoint.ops.Ops;

/** Composite losses (the fused, numerically delicate ones are ops of their own). */
public final class Losses {

    private Losses() {
    }

    /** {@code mean((predictions - targets)^2)} over all elements; the shapes must match (no broadcasting). */
    public static Node meanSquaredError(Ops o, Node predictions, Node targets) {
        return Composite.build(o, "mean_squared_error", c -> {
            if (!predictions.shape().isCompatibleWith(targets.shape())) {
                throw c.error("predictions " + predictions.type() + " and targets " + targets.type()
                        + " must have the same shape");
            }
            Ops in = c.inner();
            return c.last().mean(in.square(in.sub(predictions, targets)));
        });
    }
}
