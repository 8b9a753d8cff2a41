package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;

/** y = ln(1 + e^x), evaluated as max(x, 0) + log1p(e^-|x|) so it never overflows; dx = g * sigmoid(x), fused. */
public final class Softplus extends ElementwiseUnary {

    public static final Softplus INSTANCE = new Softplus();

    private Softplus() {
        super(UnaryOp.SOFTPLUS, 0, "softplus");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(UnaryGrad.apply(UnaryOp.SOFTPLUS, 0, node.input(0), node, g)));
    }
}
