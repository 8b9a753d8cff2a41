package org.adjoint.ops.conv;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.Ops;

/**
 * Average pooling, NCHW: the mean of each {@code kernel} window, windows moved by {@code stride},
 * no padding. {@code dx = avg_pool2d_grad(g, x)} (each g spread evenly over its window).
 */
public final class AvgPool2D implements Op {

    private final Pool2D pool;

    public AvgPool2D(int[] kernel, int[] stride) {
        this.pool = new Pool2D(kernel, stride);
    }

    @Override
    public String name() {
        return "avg_pool2d";
    }

    @Override
    public String attributes() {
        return pool.attributes();
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        return new TensorType(in[0].dtype(), pool.outputShape(ctx, in[0].shape()));
    }

    @Override
    public void forward(Tensor[] in, Tensor out) {
        Shape x = in[0].shape();
        Shape y = out.shape();
        int planes = x.dim(0) * x.dim(1);
        int planeSize = x.dim(2) * x.dim(3);
        int p = y.dim(2) * y.dim(3);
        int kk = pool.kernel[0] * pool.kernel[1];
        int[] t = pool.windows(x.dim(2), x.dim(3), y.dim(2), y.dim(3));
        for (int pl = 0; pl < planes; pl++) {
            int base = pl * planeSize;
            for (int q = 0; q < p; q++) {
                double sum = 0;
                for (int k = 0; k < kk; k++) {
                    sum += in[0].getDouble(base + t[q * kk + k]);
                }
                out.setDouble(pl * p + q, sum / kk);
            }
        }
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Node dx = Ops.on(node.graph()).apply(new AvgPool2DGrad(pool.kernel, pool.stride), g, node.input(0));
        return List.of(Grad.of(dx));
    }
}
