package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.BinaryOp;
import org.adjoint.ops.Ops;

/** y = a - b; da = g, db = -g. */
public final class Sub extends ElementwiseBinary {

    public static final Sub INSTANCE = new Sub();

    private Sub() {
        super(BinaryOp.SUB, "sub");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = ops(node);
        return List.of(Grad.of(g), Grad.of(o.neg(g)));
    }
}
