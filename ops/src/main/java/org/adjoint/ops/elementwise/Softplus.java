package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.Ops;

/**
 * y = ln(1 + e^x), evaluated as max(x, 0) + log1p(e^-|x|) so it never overflows;
 * dx = g * sigmoid(x), fused. d = sigmoid(x): dd/dx = s (1 - s) with s = sigmoid(x).
 */
public final class Softplus extends ElementwiseUnary {

    public static final Softplus INSTANCE = new Softplus();

    private Softplus() {
        super(UnaryOp.SOFTPLUS, 0, "softplus");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return fused(node, g);
    }

    @Override
    Grad derivativeWrtX(Ops o, Node x, Node y) {
        return derivativeOfSigmoid(o, x);
    }

    @Override
    Grad derivativeWrtY(Ops o, Node x, Node y) {
        return Grad.none();
    }

    private static Grad derivativeOfSigmoid(Ops o, Node x) {
        Node s = o.sigmoid(x);
        return Grad.of(o.mul(s, o.rsub(1.0, s)));
    }
}
