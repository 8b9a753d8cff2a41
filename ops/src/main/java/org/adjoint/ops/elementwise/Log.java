package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.Ops;

/**
 * y = ln x; dx = g / x. d = 1/x: dd/dx = -1/x^2.
 */
public final class Log extends ElementwiseUnary {

    public static final Log INSTANCE = new Log();

    private Log() {
        super(UnaryOp.LOG, 0, "log");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(ops(node).div(g, node.input(0))));
    }

    @Override
    Grad derivativeWrtX(Ops o, Node x, Node y) {
        return Grad.of(o.neg(o.reciprocal(o.square(x))));
    }

    @Override
    Grad derivativeWrtY(Ops o, Node x, Node y) {
        return Grad.none();
    }
}
