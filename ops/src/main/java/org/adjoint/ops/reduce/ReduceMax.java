package org.adjoint.ops.reduce;

import org.adjoint.kernels.ReduceOp;
import org.adjoint.ops.elementwise.Maximum;

/**
 * Maximum over the given axes (all if none), optionally keeping them as size 1. The gradient
 * goes to the maximal elements; ties share it equally (see {@link ReduceExtremum}).
 */
public final class ReduceMax extends ReduceExtremum {

    public ReduceMax(int[] axes, boolean keepDims) {
        super(ReduceOp.MAX, "max", axes, keepDims);
    }
}
