package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.Ops;

/** y = e^x; dx = g * y (reuses the output). */
public final class Exp extends ElementwiseUnary {

    public static final Exp INSTANCE = new Exp();

    private Exp() {
        super(UnaryOp.EXP, 0, "exp");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(Ops.on(node.graph()).mul(g, node)));
    }
}
