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
 * The gradient of {@link AvgPool2D}: inputs g (pooled shape) and {@code like} [N, C, H, W] (shape
 * only), output of like's shape with each g divided evenly over its window (overlaps accumulate).
 * Linear in g: {@code dg = avg_pool2d(h)}; no gradient to like.
 */
public final class AvgPool2DGrad implements Op {

    private final Pool2D pool;

    public AvgPool2DGrad(int[] kernel, int[] stride) {
        this.pool = new Pool2D(kernel, stride);
    }

    @Override
    public String name() {
        return "avg_pool2d_grad";
    }

    @Override
    public String attributes() {
        return pool.attributes();
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        return pool.inferGrad(in, ctx, 0, 1);
    }

    @Override
    public void forward(Tensor[] in, Tensor out) {
        Shape x = out.shape();
        Shape g = in[0].shape();
        int planes = x.dim(0) * x.dim(1);
        int planeSize = x.dim(2) * x.dim(3);
        int p = g.dim(2) * g.dim(3);
        int kk = pool.kernel[0] * pool.kernel[1];
        int[] t = pool.windows(x.dim(2), x.dim(3), g.dim(2), g.dim(3));
        out.fill(0);
        for (int pl = 0; pl < planes; pl++) {
            int base = pl * planeSize;
            for (int q = 0; q < p; q++) {
                double share = in[0].getDouble(pl * p + q) / kk;
                for (int k = 0; k < kk; k++) {
                    int at = base + t[q * kk + k];
                    out.setDouble(at, out.getDouble(at) + share);
                }
            }
        }
    }

    @Override
    public List<Grad> backward(Node node, Node h) {
        Node dg = Ops.on(node.graph()).apply(new AvgPool2D(pool.kernel, pool.stride), h);
        return List.of(Grad.of(dg), Grad.none());
    }
}
