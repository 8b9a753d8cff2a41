package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.kernels.BinaryOp;

/**
 * A comparison producing a mask: 1 where {@code a op b} holds, else 0, in the operands' dtype,
 * with broadcasting. Piecewise constant: no gradient to either input.
 */
public final class Compare extends ElementwiseBinary {

    public Compare(BinaryOp kind) {
        super(kind, nameOf(kind));
        if (!kind.isComparison()) {
            throw new IllegalArgumentException("Compare needs a comparison, got " + kind);
        }
    }

    private static String nameOf(BinaryOp kind) {
        switch (kind) {
            case GT: return "greater";
            case GE: return "greater_equal";
            case LT: return "less";
            case LE: return "less_equal";
            case EQ: return "equal";
            case NE: return "not_equal";
            default: return kind.name().toLowerCase();
        }
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.none(), Grad.none());
    }
}
