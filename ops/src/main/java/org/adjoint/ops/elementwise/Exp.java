package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.Ops;

/**
 * y = e^x; dx = g * y (reuses the output). d = y: dd/dy = 1.
 */
public final class Exp extends ElementwiseUnary {

    public static final Exp INSTANCE = new Exp();

    private Exp() {
        super(UnaryOp.EXP, 0, "exp");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(ops(node).mul(g, node)));
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
