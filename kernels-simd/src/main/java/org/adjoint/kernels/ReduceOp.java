package org.adjoint.kernels;

/** Reductions over one axis. */
public enum ReduceOp {
    /** Sum; the empty sum is 0. */
    SUM,
    /** Maximum; NaN propagates; the empty maximum is -infinity. */
    MAX,
    /** Minimum; NaN propagates; the empty minimum is +infinity. */
    MIN
}
