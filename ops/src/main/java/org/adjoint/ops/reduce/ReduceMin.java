package org.adjoint.ops.reduce;

import org.adjoint.kernels.ReduceOp;
import org.adjoint.ops.elementwise.Minimum;

/**
 * Minimum over the given axes (all if none), optionally keeping them as size 1. The gradient
 * goes to the minimal elements; ties share it equally (see {@link ReduceExtremum}).
 */
public final class ReduceMin extends ReduceExtremum {

    public ReduceMin(int[] axes, boolean keepDims) {
        super(ReduceOp.MIN, "min", axes, keepDims);
    }
}
