package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.BinaryOp;
import org.adjoint.ops.Ops;

/** y = a / b; da = g / b, db = -g * y / b (reuses the output y = a / b). */
public final class Div extends ElementwiseBinary {

    public static final Div INSTANCE = new Div();

    private Div() {
        super(BinaryOp.DIV, "div");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = ops(node);
        return List.of(Grad.of(o.div(g, node.input(1))), Grad.of(o.neg(o.div(o.mul(g, node), node.input(1)))));
    }
}
