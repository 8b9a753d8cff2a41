package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.Ops;

/**
 * y = sign(x) in {-1, 0, 1}. Piecewise constant: no gradient (like the comparisons).
 */
public final class Sign extends ElementwiseUnary {

    public static final Sign INSTANCE = new Sign();

    private Sign() {
        super(UnaryOp.SIGN, 0, "sign");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.none());
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
