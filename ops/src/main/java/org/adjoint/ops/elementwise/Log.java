package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.Ops;

/** y = ln x; dx = g / x. */
public final class Log extends ElementwiseUnary {

    public static final Log INSTANCE = new Log();

    private Log() {
        super(UnaryOp.LOG, 0, "log");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(Ops.on(node.graph()).div(g, node.input(0))));
    }
}
