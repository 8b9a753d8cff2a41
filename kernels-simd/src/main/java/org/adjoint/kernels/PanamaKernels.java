package org.adjoint.kernels;

/** The Vector API kernels; loaded reflectively by {@link KernelProvider}. */
final class PanamaKernels implements Kernels {

    private final ElementwiseKernels elementwise = new PanamaElementwise();
    private final ReductionKernels reductions = new PanamaReductions();
    private final GemmKernels gemm = new PanamaGemm();
    private final OptimizerKernels optimizers = new PanamaOptimizers();

    PanamaKernels() {
    }

    @Override
    public String name() {
        return "panama";
    }

    @Override
    public ElementwiseKernels elementwise() {
        return elementwise;
    }

    @Override
    public ReductionKernels reductions() {
        return reductions;
    }

    @Override
    public GemmKernels gemm() {
        return gemm;
    }

    @Override
    public OptimizerKernels optimizers() {
        return optimizers;
    }
}
