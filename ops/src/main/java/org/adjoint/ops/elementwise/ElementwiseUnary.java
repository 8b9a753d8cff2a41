package org.adjoint.ops.elementwise;

import org.adjoint.graph.DType;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.ElementwiseKernels;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.kernels.UnaryOp;

/** Shared shape rule and forward pass of unary elementwise ops: floating input, same type out. */
abstract class ElementwiseUnary implements Op {

    private final UnaryOp kind;
    private final double alpha;
    private final String name;

    ElementwiseUnary(UnaryOp kind, double alpha, String name) {
        this.kind = kind;
        this.alpha = alpha;
        this.name = name;
    }

    /** The kernel function. */
    public final UnaryOp kind() {
        return kind;
    }

    /** The function's parameter (slope, scale), 0 where it has none. */
    public final double alpha() {
        return alpha;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int arity() {
        return 1;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        return in[0];
    }

    @Override
    public final void forward(Tensor[] in, Tensor out) {
        ElementwiseKernels k = KernelProvider.get().elementwise();
        if (out.dtype() == DType.F32) {
            k.unary(kind, alpha, in[0].floats(), 0, out.floats(), 0, out.size());
        } else {
            k.unary(kind, alpha, in[0].doubles(), 0, out.doubles(), 0, out.size());
        }
    }

    @Override
    public String attributes() {
        return alpha == 0 ? "" : "alpha=" + alpha;
    }
}
