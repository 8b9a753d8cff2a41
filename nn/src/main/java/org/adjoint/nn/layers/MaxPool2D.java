package org.adjoint.nn.layers;

import org.adjoint.graph.Node;
import org.adjoint.nn.Layer;

/** Max pooling of NCHW input over square windows (no padding). No variables. */
public final class MaxPool2D extends Layer {

    private final int kernel;
    private final int stride;

    /** Window {@code kernel}, step {@code kernel}. */
    public MaxPool2D(int kernel) {
        this(kernel, kernel);
    }

    public MaxPool2D(int kernel, int stride) {
        super("max_pool2d");
        if (kernel < 1 || stride < 1) {
            throw new IllegalArgumentException("max_pool2d: kernel and stride must be >= 1, got kernel=" + kernel
                    + ", stride=" + stride);
        }
        this.kernel = kernel;
        this.stride = stride;
    }

    @Override
    protected void build(Node x) {
        if (x.shape().rank() != 4) {
            throw error("input '" + x.name() + "' must be NCHW [N, C, H, W], got " + x.type());
        }
    }

    @Override
    protected Node forward(Node x) {
        return ops("out").maxPool2d(x, kernel, stride);
    }
}
