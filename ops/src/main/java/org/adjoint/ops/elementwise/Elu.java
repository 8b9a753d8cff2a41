package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;

/**
 * y = x for x &gt; 0, else alpha (e^x - 1); dx = g * (1 or y + alpha) (reuses the output), fused.
 */
public final class Elu extends ElementwiseUnary {

    public Elu(double alpha) {
        super(UnaryOp.ELU, alpha, "elu");
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("elu: alpha must be finite and > 0, got " + alpha);
        }
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(UnaryGrad.apply(UnaryOp.ELU, alpha(), node.input(0), node, g)));
    }
}
