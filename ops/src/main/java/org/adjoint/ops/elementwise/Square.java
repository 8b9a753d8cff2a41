package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.Ops;

/**
 * y = x^2; dx = g * 2x. d = 2x: dd/dx = 2.
 */
public final class Square extends ElementwiseUnary {

    public static final Square INSTANCE = new Square();

    private Square() {
        super(UnaryOp.SQUARE, 0, "square");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = ops(node);
        return List.of(Grad.of(o.mul(g, o.mul(node.input(0), 2.0))));
    }

    @Override
    Grad derivativeWrtX(Ops o, Node x, Node y) {
        return Grad.of(o.scalarLike(2.0, x));
    }

    @Override
    Grad derivativeWrtY(Ops o, Node x, Node y) {
        return Grad.none();
    }
}
