package org.adjoint.ops.nn;

import org.adjoint.graph.Node;
import org.adjoint.ops.Composite;
import org.adjoint.ops.Ops;

/** Inverted dropout as a composite of a seeded mask and {@link ByMode}. */
public final class Dropout {

    private Dropout() {
    }

    /**
     * Inverted dropout in training runs, the identity in evaluation runs:
     * {@code by_mode(x * mask, x)}, the mask 1/keep with probability {@code keep} and 0 otherwise,
     * drawn from {@code seed} and the run's random step (see {@link DropoutMask}); the gradient uses
     * the same mask. {@code keep} must be in (0, 1]; {@code keep == 1} returns {@code x}.
     */
    public static Node dropout(Ops o, Node x, double keep, long seed) {
        return Composite.build(o, "dropout", c -> {
            if (!(keep > 0 && keep <= 1)) {
                throw c.error("keep probability must be in (0, 1], got keep=" + keep);
            }
            if (keep == 1.0) {
                return x;
            }
            Ops in = c.inner();
            return c.last().byMode(in.mul(x, in.apply(new DropoutMask(keep, seed), x)), x);
        });
    }
}
