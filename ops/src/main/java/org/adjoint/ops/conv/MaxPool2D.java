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
 * Max pooling, NCHW, as a selection: inputs (x, v) of one shape, output at each window the
 * element of v where x has its first maximum. Max pooling is {@code max_pool2d(x, x)}.
 * {@code dv = max_pool2d_grad(x, g)} (routes g to the argmax, ties to the first); no gradient
 * through x's choice of window position (piecewise constant).
 *
 * <p>NOTE: written with the selector x as a separate input so that the gradient's own gradient
 * ({@code max_pool2d(x, h)}) is this op again: two classes closed under differentiation.
 */
public final class MaxPool2D implements Op {

    private final Pool2D pool;

    public MaxPool2D(int[] kernel, int[] stride) {
        this.pool = new Pool2D(kernel, stride);
    }

    @Override
    public String name() {
        return "max_pool2d";
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
        ctx.requireFloating(in, 0);
        ctx.requireFloating(in, 1);
        ctx.requireSameDType(in);
        if (!in[0].shape().isCompatibleWith(in[1].shape())) {
            throw ctx.error("selector " + in[0].shape() + " and values " + in[1].shape() + " must have the same shape");
        }
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
                out.setDouble(pl * p + q, in[1].getDouble(base + Pool2D.argmax(in[0], base, t, q, kk)));
            }
        }
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Node x = node.input(0);
        Node dv = Ops.on(node.graph()).apply(new MaxPool2DGrad(pool.kernel, pool.stride), x, g);
        return List.of(Grad.none(), Grad.of(dv));
    }
}
