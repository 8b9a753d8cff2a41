package org.adjoint.kernels;

/** The scalar twins: plain loops, the oracle for every vectorized kernel and the fallback. */
public final class ScalarKernels implements Kernels {

    static final ScalarKernels INSTANCE = new ScalarKernels();

    private final ElementwiseKernels elementwise = new ScalarElementwise();
    private final ReductionKernels reductions = new ScalarReductions();
    private final GemmKernels gemm = new ScalarGemm();
    private final OptimizerKernels optimizers = new ScalarOptimizers();

    private ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
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
                "Adjoint kernels: scalar (plain loops; Vector API module "
                        + (KernelProvider.vectorApiAvailable() ? "readable" : "not readable") + ")",
                "  " + KernelDiagnostics.jdk(),
                "  CPU: " + KernelDiagnostics.cpu(),
                "  " + KernelDiagnostics.threads());
    }
}
