package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;

/** y = 1 / (1 + e^-x), overflow-safe; dx = g * y (1 - y), fused (reuses the output). */
public final class Sigmoid extends ElementwiseUnary {

    public static final Sigmoid INSTANCE = new Sigmoid();

    private Sigmoid() {
        super(UnaryOp.SIGMOID, 0, "sigmoid");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(UnaryGrad.apply(UnaryOp.SIGMOID, 0, node.input(0), node, g)));
    }
}
