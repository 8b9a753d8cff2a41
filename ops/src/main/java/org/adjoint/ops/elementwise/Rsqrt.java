package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;

/** y = 1 / sqrt(x); dx = g * -0.5 y^3 (reuses the output), fused. */
public final class Rsqrt extends ElementwiseUnary {

    public static final Rsqrt INSTANCE = new Rsqrt();

    private Rsqrt() {
        super(UnaryOp.RSQRT, 0, "rsqrt");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(UnaryGrad.apply(UnaryOp.RSQRT, 0, node.input(0), node, g)));
    }
}
