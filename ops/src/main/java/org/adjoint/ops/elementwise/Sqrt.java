package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;

/** y = sqrt(x); dx = g * 0.5 / y (reuses the output), fused. */
public final class Sqrt extends ElementwiseUnary {

    public static final Sqrt INSTANCE = new Sqrt();

    private Sqrt() {
        super(UnaryOp.SQRT, 0, "sqrt");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(UnaryGrad.apply(UnaryOp.SQRT, 0, node.input(0), node, g)));
    }
}
