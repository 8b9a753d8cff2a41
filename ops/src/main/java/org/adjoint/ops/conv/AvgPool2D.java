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
 * Average pooling, NCHW: the mean of the input elements of each {@code kernel} window (padding
 * excluded from the count), windows moved by {@code stride}.
 * {@code dx = avg_pool2d_grad(g, x)} (each g spread evenly over its window's input elements).
 */
public final class AvgPool2D extends PoolOp {

    public AvgPool2D(int[] kernel, int[] stride) {
        this(kernel, stride, new int[] {0, 0}, false);
    }

    public AvgPool2D(int[] kernel, int[] stride, int[] padding, boolean ceil) {
        super("avg_pool2d", 1, kernel, stride, padding, ceil);
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        return new TensorType(in[0].dtype(), outputShape(ctx, in[0].shape()));
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape x = ctx.inputShape(0);
        Shape y = ctx.outputShape();
        int planes = x.dim(0) * x.dim(1);
        int planeSize = x.dim(2) * x.dim(3);
        int p = y.dim(2) * y.dim(3);
        int kk = windowSize();
        int[] t = windows(x.dim(2), x.dim(3), y.dim(2), y.dim(3));
        int[] count = counts(t, kk);
        return (in, out, run) -> {
            for (int pl = 0; pl < planes; pl++) {
                int base = pl * planeSize;
                for (int q = 0; q < p; q++) {
                    double sum = 0;
                    for (int k = 0; k < kk; k++) {
                        int off = t[q * kk + k];
                        sum += off < 0 ? 0 : in[0].getDouble(base + off);
                    }
                    out.setDouble(pl * p + q, sum / count[q]);
                }
            }
        };
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Node dx = ops(node).apply(new AvgPool2DGrad(kernel, stride, padding, ceil), g, node.input(0));
        return List.of(Grad.of(dx));
    }
}
