package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.Ops;

/**
 * y = |x|; dx = g * sign(x) (0 at the kink x = 0), fused. d = sign(x) is piecewise constant.
 */
public final class Abs extends ElementwiseUnary {

    public static final Abs INSTANCE = new Abs();

    private Abs() {
        super(UnaryOp.ABS, 0, "abs");
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
        return Grad.none();
    }
}
