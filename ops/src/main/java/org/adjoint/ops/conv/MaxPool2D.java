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
 * Max pooling, NCHW, as a selection: inputs (x, v) of one shape, output at each window the
 * element of v where x has its first maximum (padding never selected). Max pooling is
 * {@code max_pool2d(x, x)}. {@code dv = max_pool2d_grad(x, g)} (routes g to the argmax, ties to
 * the first); no gradient through x's choice of window position (piecewise constant).
 *
 * <p>NOTE: written with the selector x as a separate input so that the gradient's own gradient
 * ({@code max_pool2d(x, h)}) is this op again: two classes closed under differentiation.
 */
public final class MaxPool2D extends PoolOp {

    public MaxPool2D(int[] kernel, int[] stride) {
        this(kernel, stride, new int[] {0, 0}, false);
    }

    public MaxPool2D(int[] kernel, int[] stride, int[] padding, boolean ceil) {
        super("max_pool2d", 2, kernel, stride, padding, ceil);
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        ctx.requireFloating(in, 1);
        ctx.requireSameDType(in);
        if (!in[0].shape().isCompatibleWith(in[1].shape())) {
            throw ctx.error("selector " + in[0].shape() + " and values " + in[1].shape() + " must have the same shape");
        }
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
        return (in, out, run) -> {
            for (int pl = 0; pl < planes; pl++) {
                int base = pl * planeSize;
                for (int q = 0; q < p; q++) {
                    out.setDouble(pl * p + q, in[1].getDouble(base + argmax(in[0], base, t, q, kk)));
                }
            }
        };
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Node dv = ops(node).apply(new MaxPool2DGrad(kernel, stride, padding, ceil), node.input(0), g);
        return List.of(Grad.none(), Grad.of(dv));
    }
}
