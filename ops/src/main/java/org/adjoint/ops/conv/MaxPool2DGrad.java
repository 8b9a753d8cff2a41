package org.adjoint.ops.conv;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.TensorType;

/**
 * The gradient of {@link MaxPool2D}: inputs x [N, C, H, W] (the selector) and g (pooled shape),
 * output of x's shape with each g added at its window's first maximum of x (overlapping windows
 * accumulate). Linear in g: {@code dg = max_pool2d(x, h)}; no gradient to x (piecewise constant).
 */
public final class MaxPool2DGrad extends PoolOp {

    public MaxPool2DGrad(int[] kernel, int[] stride) {
        this(kernel, stride, new int[] {0, 0}, false);
    }

    public MaxPool2DGrad(int[] kernel, int[] stride, int[] padding, boolean ceil) {
        super("max_pool2d_grad", 2, kernel, stride, padding, ceil);
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        return inferGrad(in, ctx, 1, 0);
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape x = ctx.inputShape(0);
        Shape g = ctx.inputShape(1);
        int planes = x.dim(0) * x.dim(1);
        int planeSize = x.dim(2) * x.dim(3);
        int p = g.dim(2) * g.dim(3);
        int kk = windowSize();
        int[] t = windows(x.dim(2), x.dim(3), g.dim(2), g.dim(3));
        return (in, out, run) -> {
            out.fill(0);
            for (int pl = 0; pl < planes; pl++) {
                int base = pl * planeSize;
                for (int q = 0; q < p; q++) {
                    int at = base + argmax(in[0], base, t, q, kk);
                    out.setDouble(at, out.getDouble(at) + in[1].getDouble(pl * p + q));
                }
            }
        };
    }

    @Override
    public List<Grad> backward(Node node, Node h) {
        Node dg = ops(node).apply(new MaxPool2D(kernel, stride, padding, ceil), node.input(0), h);
        return List.of(Grad.none(), Grad.of(dg));
    }
}
