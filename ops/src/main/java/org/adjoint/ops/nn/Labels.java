package org.adjoint.ops.nn;

import org.adjoint.graph.OpContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.TensorType;

/** Shape rule and run-time range check shared by ops that take integer class labels against [batch, C] rows. */
final class Labels {

    private Labels() {
    }

    /** Input {@code rows} must be a floating [batch, C] matrix and input {@code labels} an i32 or i64 [batch] vector. */
    static void check(TensorType[] in, OpContext ctx, int rows, int labels, String rowsWhat) {
        ctx.requireFloating(in, rows);
        Shape x = in[rows].shape();
        Shape l = in[labels].shape();
        if (x.rank() != 2) {
            throw ctx.error(rowsWhat + " must be a [batch, classes] matrix, got " + in[rows]);
        }
        if (!in[labels].dtype().isInteger()) {
            throw ctx.error("labels must be i32 or i64 class indices, got " + in[labels]);
        }
        if (l.rank() != 1 || !Shape.of(x.dim(0)).isCompatibleWith(l)) {
            throw ctx.error("labels " + l + " must be a vector of one class index per row of " + rowsWhat + " " + x);
        }
    }

    /**
     * Throws naming the label, row and class count unless {@code label} is in [0, classes) (the
     * executor prefixes the op and node).
     */
    static int checkRange(long label, int row, int classes) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label " + label + " in row " + row + " is out of range for "
                    + classes + " classes (expected 0.." + (classes - 1) + ")");
        }
        return (int) label;
    }
}
