package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;

/** y = tanh x; dx = g * (1 - y^2), fused (reuses the output). */
public final class Tanh extends ElementwiseUnary {

    public static final Tanh INSTANCE = new Tanh();

    private Tanh() {
        super(UnaryOp.TANH, 0, "tanh");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(UnaryGrad.apply(UnaryOp.TANH, 0, node.input(0), node, g)));
    }
}
