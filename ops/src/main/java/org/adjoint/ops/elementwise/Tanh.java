package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.Ops;

/**
 * y = tanh x; dx = g * (1 - y^2), fused (reuses the output). d = 1 - y^2: dd/dy = -2y.
 */
public final class Tanh extends ElementwiseUnary {

    public static final Tanh INSTANCE = new Tanh();

    private Tanh() {
        super(UnaryOp.TANH, 0, "tanh");
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
        return Grad.of(o.mul(y, -2.0));
    }
}
