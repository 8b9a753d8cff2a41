package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.BinaryOp;
import org.adjoint.ops.Ops;

/** y = a * b; da = g * b, db = g * a. */
public final class Mul extends ElementwiseBinary {

    public static final Mul INSTANCE = new Mul();

    private Mul() {
        super(BinaryOp.MUL, "mul");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = ops(node);
        return List.of(Grad.of(o.mul(g, node.input(1))), Grad.of(o.mul(g, node.input(0))));
    }
}
