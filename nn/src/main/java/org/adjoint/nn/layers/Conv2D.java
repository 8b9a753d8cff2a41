package org.adjoint.nn.layers;

import org.adjoint.graph.DType;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.nn.Layer;
import org.adjoint.nn.init.Fans;
import org.adjoint.nn.init.Initializer;

/**
 * 2-D convolution of NCHW input: {@code activation(conv2d(x, w) + b)} with filters w
 * [filters, C, k, k] and bias b [filters]. Defaults: stride 1, padding 0, He-normal weights
 * (fans from the filter shape), zero bias, no activation.
 */
public final class Conv2D extends Layer {

    private final int filters;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final Activation activation;
    private Initializer kernelInit = Initializer.he();
    private Node w;
    private Node b;

    public Conv2D(int filters, int kernel) {
        this(filters, kernel, 1, 0, Activation.linear());
    }

    public Conv2D(int filters, int kernel, int stride, int padding, Activation activation) {
        super("conv2d");
        if (filters < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("conv2d: need filters, kernel, stride >= 1 and padding >= 0, got filters="
                    + filters + ", kernel=" + kernel + ", stride=" + stride + ", padding=" + padding);
        }
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.activation = activation;
    }

    public Conv2D kernelInit(Initializer init) {
        this.kernelInit = init;
        return this;
    }

    @Override
    protected void build(Node x) {
        if (x.shape().rank() != 4) {
            throw error("input '" + x.name() + "' must be NCHW [N, C, H, W], got " + x.type());
        }
        int c = knownDim(x, 1, "the channel dimension");
        DType dtype = floatingOf(x);
        Shape shape = Shape.of(filters, c, kernel, kernel);
        w = addWeight("w", dtype, shape, kernelInit, Fans.of(shape));
        b = addBias("b", dtype, Shape.of(filters), Initializer.zeros());
    }

    @Override
    protected Node forward(Node x) {
        Node conv = ops("conv").conv2d(x, w, stride, padding);
        Node z = ops("z").add(conv, ops().reshape(b, -1, 1, 1));
        return activation.apply(ops(), z);
    }
}
