package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.Ops;

/**
 * y = 1 / sqrt(x); dx = g * -0.5 y^3 (reuses the output), fused. d = -0.5 y^3: dd/dy = -1.5 y^2.
 */
public final class Rsqrt extends ElementwiseUnary {

    public static final Rsqrt INSTANCE = new Rsqrt();

    private Rsqrt() {
        super(UnaryOp.RSQRT, 0, "rsqrt");
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
        return Grad.of(o.mul(o.square(y), -1.5));
    }
}
