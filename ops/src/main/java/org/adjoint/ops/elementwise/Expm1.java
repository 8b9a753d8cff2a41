package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.Ops;

/**
 * y = e^x - 1, accurate for small x; dx = g * (y + 1) (reuses the output), fused. d = y + 1: dd/dy = 1.
 */
public final class Expm1 extends ElementwiseUnary {

    public static final Expm1 INSTANCE = new Expm1();

    private Expm1() {
        super(UnaryOp.EXPM1, 0, "expm1");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return fused(node, g);
    }

    @Override
    Grad derivativeWrtX(Ops o, Node x, Node y) {
        return Grad.none();
    }

    @Override
    Grad derivativeWrtY(Ops o, Node x, Node y) {
        return Grad.of(o.scalarLike(1.0, y));
    }
}
