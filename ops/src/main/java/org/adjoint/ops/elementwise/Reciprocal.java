package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.Ops;

/** y = 1 / x; dx = -g * y^2 (reuses the output). */
public final class Reciprocal extends ElementwiseUnary {

    public static final Reciprocal INSTANCE = new Reciprocal();

    private Reciprocal() {
        super(UnaryOp.RECIPROCAL, 0, "reciprocal");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = Ops.on(node.graph());
        return List.of(Grad.of(o.neg(o.mul(g, o.square(node)))));
    }
}
