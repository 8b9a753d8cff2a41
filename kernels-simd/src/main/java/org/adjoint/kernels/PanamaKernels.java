package org.adjoint.kernels;

/** The Vector API kernels; loaded reflectively by {@link KernelProvider}. */
final class PanamaKernels implements Kernels {

    private final ElementwiseKernels elementwise = new PanamaElementwise();
    private final ReductionKernels reductions = new PanamaReductions();
    private final GemmKernels gemm = new PanamaGemm();
    private final OptimizerKernels optimizers = new PanamaOptimizers();

    PanamaKernels() {
        // fail here, not at the first kernel call, on a bad -Dadjoint.vectorBits
        VectorWidth.bits();
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

    @Override
    public String describe() {
        return String.join("\n",
                "Adjoint kernels: panama (Vector API)",
                "  " + KernelDiagnostics.jdk(),
                "  CPU: " + KernelDiagnostics.cpu() + "; " + CpuCaches.CURRENT,
                "  vectors: " + VectorWidth.describe(),
                "  GEMM: " + ((PanamaGemm) gemm).describe(),
                "  GEMM paths: unpacked for m <= " + PanamaGemm.SMALL_M + " or m*n*k <= " + PanamaGemm.SMALL_MNK
                        + "; a second thread from 2mnk >= " + PanamaGemm.PARALLEL_FLOPS / 1e6 + " MFLOP, or "
                        + PanamaGemm.HOT_PARALLEL_FLOPS / 1e6 + " MFLOP while a worker spins",
                "  " + KernelDiagnostics.threads());
    }
}
