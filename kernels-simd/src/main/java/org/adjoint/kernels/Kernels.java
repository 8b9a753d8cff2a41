package org.adjoint.kernels;

/**
 * One complete set of kernels: either the scalar twins or the Vector API implementations.
 * Obtain the process-wide set with {@link KernelProvider#get()}.
 */
public interface Kernels {

    /** {@code "scalar"} or {@code "panama"}. */
    String name();

    ElementwiseKernels elementwise();

    ReductionKernels reductions();

    GemmKernels gemm();

    OptimizerKernels optimizers();

    /** Fused recurrent-cell kernels (the scalar twins unless the implementation has faster ones). */
    default RecurrentKernels recurrent() {
        return ScalarRecurrent.INSTANCE;
    }
}
