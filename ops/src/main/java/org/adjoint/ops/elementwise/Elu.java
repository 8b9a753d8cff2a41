package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.Ops;

/**
 * y = x for x &gt; 0, else alpha (e^x - 1); dx = g * (1 or y + alpha) (reuses the output), fused.
 * d = 1 for x &gt; 0, else y + alpha: dd/dy = 1 where x &lt;= 0, else 0.
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
        return fused(node, g);
    }

    @Override
    Grad derivativeWrtX(Ops o, Node x, Node y) {
        return Grad.none();
    }

    @Override
    Grad derivativeWrtY(Ops o, Node x, Node y) {
        return Grad.of(o.lessEqual(x, o.scalarLike(0.0, x)));
    }
}
