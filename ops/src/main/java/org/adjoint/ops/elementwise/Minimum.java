package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.BinaryOp;
import org.adjoint.ops.Ops;

/**
 * y = min(a, b) elementwise, with broadcasting; da = g where a &lt;= b, db = g where a &gt; b.
 *
 * <p>NOTE: at ties (a == b) the whole gradient goes to {@code a}, as in {@link Maximum}.
 */
public final class Minimum extends ElementwiseBinary {

    public static final Minimum INSTANCE = new Minimum();

    private Minimum() {
        super(BinaryOp.MIN, "minimum");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = ops(node);
        Node a = node.input(0);
        Node b = node.input(1);
        Node toA = o.lessEqual(a, b);
        Node zeros = o.zerosLike(g);
        // where, not g * mask: an infinite cotangent must not become NaN on the other side
        return List.of(Grad.of(o.where(toA, g, zeros)), Grad.of(o.where(toA, zeros, g)));
    }
}
