package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.Ops;

/**
 * y = 1 / x; dx = -g * y^2 (reuses the output). d = -y^2: dd/dy = -2y.
 */
public final class Reciprocal extends ElementwiseUnary {

    public static final Reciprocal INSTANCE = new Reciprocal();

    private Reciprocal() {
        super(UnaryOp.RECIPROCAL, 0, "reciprocal");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = ops(node);
        return List.of(Grad.of(o.neg(o.mul(g, o.square(node)))));
    }

    @Override
    Grad derivativeWrtX(Ops o, Node x, Node y) {
        return Grad.none();
    }

    @Override
    Grad derivativeWrtY(Ops o, Node x, Node y) {
        return Grad.of(o.mul(y, -2.0));
    }
}
