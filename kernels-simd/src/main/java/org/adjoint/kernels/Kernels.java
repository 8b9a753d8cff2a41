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

    /**
     * A report for logs and benchmark output: provider, JDK, CPU, vector width, GEMM tiles and
     * cache blocking, threads. Several lines; not parsed by anything.
     */
    default String describe() {
        return "Adjoint kernels: " + name();
    }
}
