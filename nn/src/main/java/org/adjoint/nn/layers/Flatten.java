package org.adjoint.nn.layers;

import org.adjoint.graph.Node;
import org.adjoint.nn.Layer;

/** Reshapes [batch, d1, d2, ...] to [batch, d1·d2·...] (the trailing dimensions must be known). No variables. */
public final class Flatten extends Layer {

    private int features;

    public Flatten() {
        super("flatten");
    }

    @Override
    protected void build(Node x) {
        if (x.shape().rank() < 2) {
            throw error("input '" + x.name() + "' must have rank >= 2, got " + x.type());
        }
        int n = 1;
        for (int i = 1; i < x.shape().rank(); i++) {
            n *= knownDim(x, i, "dimension " + i);
        }
        features = n;
    }

    @Override
    protected Node forward(Node x) {
        return ops("out").reshape(x, -1, features);
    }
}
