package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.Ops;

/**
 * y = x for x &gt; 0, else slope * x; dx = g * (1 or slope), fused. The slope is an attribute
 * (not a node), so it gets no gradient. d is piecewise constant: no second-order terms.
 */
public final class LeakyRelu extends ElementwiseUnary {

    public LeakyRelu(double slope) {
        super(UnaryOp.LEAKY_RELU, slope, "leaky_relu");
        if (!Double.isFinite(slope)) {
            throw new IllegalArgumentException("leaky_relu: slope must be finite, got " + slope);
        }
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return fused(node, g);
    }

    @Override
    Grad derivativeWrtX(Ops o, Node x, Node y) {
        return Grad.none();
    }

    @Override
    Grad derivativeWrtY(Ops o, Node x, Node y) {
        return Grad.none();
    }
}
