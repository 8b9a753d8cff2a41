package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.Ops;

/**
 * y = sqrt(x); dx = g * 0.5 / y (reuses the output), fused. d = 0.5 / y: dd/dy = -0.5 / y^2.
 */
public final class Sqrt extends ElementwiseUnary {

    public static final Sqrt INSTANCE = new Sqrt();

    private Sqrt() {
        super(UnaryOp.SQRT, 0, "sqrt");
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
        return Grad.of(o.mul(o.reciprocal(o.square(y)), -0.5));
    }
}
