package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.BinaryOp;
import org.adjoint.ops.Ops;

/**
 * y = max(a, b) elementwise, with broadcasting; da = g where a &gt;= b, db = g where a &lt; b.
 *
 * <p>NOTE: at ties (a == b) the whole gradient goes to {@code a}, so the two parts always sum
 * to g (a valid subgradient); e.g. relu(x) = maximum(x, 0) sends g to x at x = 0.
 */
public final class Maximum extends ElementwiseBinary {

    public static final Maximum INSTANCE = new Maximum();

    private Maximum() {
        super(BinaryOp.MAX, "maximum");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = ops(node);
        Node a = node.input(0);
        Node b = node.input(1);
        Node toA = o.greaterEqual(a, b);
        Node zeros = o.zerosLike(g);
        // where, not g * mask: an infinite cotangent must not become NaN on the other side
        return List.of(Grad.of(o.where(toA, g, zeros)), Grad.of(o.where(toA, zeros, g)));
    }
}
