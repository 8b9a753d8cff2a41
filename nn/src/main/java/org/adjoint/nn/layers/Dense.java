package org.adjoint.nn.layers;

import org.adjoint.graph.DType;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.nn.Layer;
import org.adjoint.nn.init.Fans;
import org.adjoint.nn.init.Initializer;

/**
 * A fully connected layer: {@code activation(x · w + b)} with w [in, units] ({@code <layer>/w}) and
 * b [units] ({@code <layer>/b}). x is [batch, in] or [batch, time, in] (the same weights at every
 * step); {@code in} is read from x's static shape on the first call. Defaults: Glorot-uniform
 * weights, zero bias, no activation.
 */
public final class Dense extends Layer {

    private final int units;
    private final Activation activation;
    private Initializer kernelInit = Initializer.glorotUniform();
    private Initializer biasInit = Initializer.zeros();
    private boolean useBias = true;
    private Node w;
    private Node b;

    /** A linear layer (outputs logits). */
    public Dense(int units) {
        this(units, Activation.linear());
    }

    public Dense(int units, Activation activation) {
        super("dense");
        if (units < 1) {
            throw new IllegalArgumentException("dense: units must be >= 1, got units=" + units);
        }
        this.units = units;
        this.activation = activation;
    }

    /** The weight initializer (call before the first use). */
    public Dense kernelInit(Initializer init) {
        this.kernelInit = init;
        return this;
    }

    public Dense biasInit(Initializer init) {
        this.biasInit = init;
        return this;
    }

    /** Without a bias. */
    public Dense noBias() {
        this.useBias = false;
        return this;
    }

    public int units() {
        return units;
    }

    /** The weight node (after the first call). */
    public Node w() {
        return w;
    }

    /** The bias node (after the first call; null without bias). */
    public Node b() {
        return b;
    }

    @Override
    protected void build(Node x) {
        if (x.shape().rank() < 2) {
            throw error("input '" + x.name() + "' must be [batch, features] or [batch, time, features], got " + x.type());
        }
        int in = knownDim(x, -1, "the feature dimension");
        DType dtype = floatingOf(x);
        Shape shape = Shape.of(in, units);
        w = addWeight("w", dtype, shape, kernelInit, new Fans(in, units));
        if (useBias) {
            b = addBias("b", dtype, Shape.of(units), biasInit);
        }
    }

    @Override
    protected Node forward(Node x) {
        Node z = ops(useBias ? "matmul" : "z").matmul(x, w);
        if (useBias) {
            z = ops("z").add(z, b);
        }
        return activation.apply(ops(), z);
    }
}
