package org.adjoint.nn.layers;

import org.adjoint.graph.Node;
import org.adjoint.nn.Layer;

/**
 * Inverted dropout with keep probability {@code keep}: in training runs each element is kept with
 * probability keep and scaled by 1/keep; in evaluation runs the identity. The mask is drawn from
 * the layer's seed and the run's random step (a trainer passes its global step), so the same seed
 * gives the same masks. No variables.
 */
public final class Dropout extends Layer {

    private final double keep;

    /** @param keep the keep probability, in (0, 1] (1 disables dropout) */
    public Dropout(double keep) {
        super("dropout");
        if (!(keep > 0 && keep <= 1)) {
            throw new IllegalArgumentException("dropout: keep probability must be in (0, 1], got keep=" + keep);
        }
        this.keep = keep;
    }

    public double keep() {
        return keep;
    }

    @Override
    protected void build(Node x) {
        if (!x.dtype().isFloating()) {
            throw error("input '" + x.name() + "' must be f32 or f64, got " + x.type());
        }
    }

    @Override
    protected Node forward(Node x) {
        return ops("out").dropout(x, keep, seed());
    }
}
