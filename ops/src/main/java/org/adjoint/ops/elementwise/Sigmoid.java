package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.Ops;

/**
 * y = 1 / (1 + e^-x), overflow-safe; dx = g * y (1 - y), fused (reuses the output).
 * d = y - y^2: dd/dy = 1 - 2y.
 */
public final class Sigmoid extends ElementwiseUnary {

    public static final Sigmoid INSTANCE = new Sigmoid();

    private Sigmoid() {
        super(UnaryOp.SIGMOID, 0, "sigmoid");
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
        return Grad.of(o.rsub(1.0, o.mul(y, 2.0)));
    }
}
