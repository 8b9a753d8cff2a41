package org.adjoint.nn.layers;

import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.nn.Layer;
import org.adjoint.nn.init.Initializer;

/**
 * Layer normalization over the last axis: {@code (x - mean) / sqrt(var + eps) · gamma + beta} with
 * the statistics of each row; the same in training and evaluation. Variables {@code gamma} (ones)
 * and {@code beta} (zeros), unregularized. Default eps 1e-5.
 */
public final class LayerNorm extends Layer {

    private final double eps;
    private Node gamma;
    private Node beta;

    public LayerNorm() {
        this(1e-5);
    }

    public LayerNorm(double eps) {
        super("layer_norm");
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("layer_norm: eps must be a positive number, got eps=" + eps);
        }
        this.eps = eps;
    }

    @Override
    protected void build(Node x) {
        int d = knownDim(x, -1, "the last dimension");
        gamma = addBias("gamma", floatingOf(x), Shape.of(d), Initializer.ones());
        beta = addBias("beta", floatingOf(x), Shape.of(d), Initializer.zeros());
    }

    @Override
    protected Node forward(Node x) {
        return ops("out").layerNorm(x, gamma, beta, eps);
    }
}
