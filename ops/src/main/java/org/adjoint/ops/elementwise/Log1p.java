package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;

/** y = ln(1 + x), accurate for small x; dx = g / (1 + x), fused. */
public final class Log1p extends ElementwiseUnary {

    public static final Log1p INSTANCE = new Log1p();

    private Log1p() {
        super(UnaryOp.LOG1P, 0, "log1p");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(UnaryGrad.apply(UnaryOp.LOG1P, 0, node.input(0), node, g)));
    }
}
