package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.ElementwiseKernels;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.AbstractOp;
import org.adjoint.ops.Ops;

/**
 * Shared type rule and kernel of unary elementwise functions {@code y = f(x)}: floating input,
 * same type out. Each function also states, beside its first derivative, the two partial
 * derivatives of that derivative {@code d = f'(x, y)} written as a function of x and y
 * ({@link #derivativeWrtX}, {@link #derivativeWrtY}): the fused backward op {@link UnaryGrad}
 * needs them for second order.
 */
public abstract class ElementwiseUnary extends AbstractOp {

    private final UnaryOp kind;
    private final double alpha;

    ElementwiseUnary(UnaryOp kind, double alpha, String name) {
        super(name, 1);
        this.kind = kind;
        this.alpha = alpha;
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
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        return in[0];
    }

    @Override
    public final OpKernel prepare(PrepareContext ctx) {
        ElementwiseKernels k = KernelProvider.get().elementwise();
        if (ctx.outputDType() == DType.F32) {
            return (in, out, run) -> k.unary(kind, alpha, in[0].floats(), 0, out.floats(), 0, out.size());
        }
        return (in, out, run) -> k.unary(kind, alpha, in[0].doubles(), 0, out.doubles(), 0, out.size());
    }

    @Override
    public String attributes() {
        return alpha == 0 ? "" : "alpha=" + alpha;
    }

    /** The gradient through the fused kernel: {@code dx = unary_grad(x, y, g)}. */
    final List<Grad> fused(Node node, Node g) {
        return List.of(Grad.of(UnaryGrad.apply(this, node.input(0), node, g)));
    }

    /**
     * {@code dd/dx} with y held fixed, where {@code d = f'(x, y)} is the derivative as the fused
     * kernel computes it; {@link Grad#none()} where it is identically zero.
     */
    abstract Grad derivativeWrtX(Ops o, Node x, Node y);

    /** {@code dd/dy} with x held fixed; {@link Grad#none()} where it is identically zero. */
    abstract Grad derivativeWrtY(Ops o, Node x, Node y);
}
