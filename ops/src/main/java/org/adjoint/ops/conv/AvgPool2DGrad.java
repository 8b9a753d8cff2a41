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
 * The gradient of {@link AvgPool2D}: inputs g (pooled shape) and {@code like} [N, C, H, W] (shape
 * only), output of like's shape with each g divided evenly over its window's input elements
 * (overlaps accumulate). Linear in g: {@code dg = avg_pool2d(h)}; no gradient to like.
 */
public final class AvgPool2DGrad extends PoolOp {

    public AvgPool2DGrad(int[] kernel, int[] stride) {
        this(kernel, stride, new int[] {0, 0}, false);
    }

    public AvgPool2DGrad(int[] kernel, int[] stride, int[] padding, boolean ceil) {
        super("avg_pool2d_grad", 2, kernel, stride, padding, ceil);
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        return inferGrad(in, ctx, 0, 1);
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape x = ctx.outputShape();
        Shape g = ctx.inputShape(0);
        int planes = x.dim(0) * x.dim(1);
        int planeSize = x.dim(2) * x.dim(3);
        int p = g.dim(2) * g.dim(3);
        int kk = windowSize();
        int[] t = windows(x.dim(2), x.dim(3), g.dim(2), g.dim(3));
        int[] count = counts(t, kk);
        return (in, out, run) -> {
            out.fill(0);
            for (int pl = 0; pl < planes; pl++) {
                int base = pl * planeSize;
                for (int q = 0; q < p; q++) {
                    double share = in[0].getDouble(pl * p + q) / count[q];
                    for (int k = 0; k < kk; k++) {
                        int off = t[q * kk + k];
                        if (off >= 0) {
                            out.setDouble(base + off, out.getDouble(base + off) + share);
                        }
                    }
                }
            }
        };
    }

    @Override
    public List<Grad> backward(Node node, Node h) {
        Node dg = ops(node).apply(new AvgPool2D(kernel, stride, padding, ceil), h);
        return List.of(Grad.of(dg), Grad.none());
    }
}
