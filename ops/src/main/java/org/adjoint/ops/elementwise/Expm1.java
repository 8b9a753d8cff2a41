package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;

/** y = e^x - 1, accurate for small x; dx = g * (y + 1) (reuses the output), fused. */
public final class Expm1 extends ElementwiseUnary {

    public static final Expm1 INSTANCE = new Expm1();

    private Expm1() {
        super(UnaryOp.EXPM1, 0, "expm1");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(UnaryGrad.apply(UnaryOp.EXPM1, 0, node.input(0), node, g)));
    }
}
