package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.Ops;

/**
 * y = ln(1 + x), accurate for small x; dx = g / (1 + x), fused. d = 1/(1 + x): dd/dx = -1/(1 + x)^2.
 */
public final class Log1p extends ElementwiseUnary {

    public static final Log1p INSTANCE = new Log1p();

    private Log1p() {
        super(UnaryOp.LOG1P, 0, "log1p");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return fused(node, g);
    }

    @Override
    Grad derivativeWrtX(Ops o, Node x, Node y) {
        return Grad.of(o.neg(o.reciprocal(o.square(o.add(x, 1.0)))));
    }

    @Override
    Grad derivativeWrtY(Ops o, Node x, Node y) {
        return Grad.none();
    }
}
