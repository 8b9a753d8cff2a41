package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.Ops;

/**
 * y = max(x, 0); dx = g where x > 0, else 0 (the subgradient 0 at the kink), fused.
 * d is piecewise constant: no second-order terms.
 */
public final class Relu extends ElementwiseUnary {

    public static final Relu INSTANCE = new Relu();

    private Relu() {
        super(UnaryOp.RELU, 0, "relu");
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
