package org.adjoint.ops;

import org.adjoint.kernels.ReduceOp;

/**
 * Minimum over the given axes (all if none), optionally keeping them as size 1. The gradient
 * goes to the minimal elements; ties share it equally (see {@link ReduceExtremum}).
 */
public final class ReduceMin extends ReduceExtremum {

    public ReduceMin(int[] axes, boolean keepDims) {
        super(ReduceOp.MIN, "min", axes, keepDims);
    }
}
