package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;

/** y = |x|; dx = g * sign(x) (0 at the kink x = 0), fused. */
public final class Abs extends ElementwiseUnary {

    public static final Abs INSTANCE = new Abs();

    private Abs() {
        super(UnaryOp.ABS, 0, "abs");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(UnaryGrad.apply(UnaryOp.ABS, 0, node.input(0), node, g)));
    }
}
