package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.BinaryOp;

/** y = a + b; da = g, db = g. */
public final class Add extends ElementwiseBinary {

    public static final Add INSTANCE = new Add();

    private Add() {
        super(BinaryOp.ADD, "add");
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(g), Grad.of(g));
    }
}
