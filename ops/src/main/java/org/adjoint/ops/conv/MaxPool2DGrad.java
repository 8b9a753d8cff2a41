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
 * The gradient of {@link MaxPool2D}: inputs x [N, C, H, W] (the selector) and g (pooled shape),
 * output of x's shape with each g added at its window's first maximum of x (overlapping windows
 * accumulate). Linear in g: {@code dg = max_pool2d(x, h)}; no gradient to x (piecewise constant).
 */
public final class MaxPool2DGrad implements Op {

    private final Pool2D pool;

    public MaxPool2DGrad(int[] kernel, int[] stride) {
        this.pool = new Pool2D(kernel, stride);
    }

    @Override
    public String name() {
        return "max_pool2d_grad";
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
        return pool.inferGrad(in, ctx, 1, 0);
    }

    @Override
    public void forward(Tensor[] in, Tensor out) {
        Shape x = in[0].shape();
        Shape g = in[1].shape();
        int planes = x.dim(0) * x.dim(1);
        int planeSize = x.dim(2) * x.dim(3);
        int p = g.dim(2) * g.dim(3);
        int kk = pool.kernel[0] * pool.kernel[1];
        int[] t = pool.windows(x.dim(2), x.dim(3), g.dim(2), g.dim(3));
        out.fill(0);
        for (int pl = 0; pl < planes; pl++) {
            int base = pl * planeSize;
            for (int q = 0; q < p; q++) {
                int at = base + Pool2D.argmax(in[0], base, t, q, kk);
                out.setDouble(at, out.getDouble(at) + in[1].getDouble(pl * p + q));
            }
        }
    }

    @Override
    public List<Grad> backward(Node node, Node h) {
        Node x = node.input(0);
        Node dg = Ops.on(node.graph()).apply(new MaxPool2D(pool.kernel, pool.stride), x, h);
        return List.of(Grad.none(), Grad.of(dg));
    }
}
