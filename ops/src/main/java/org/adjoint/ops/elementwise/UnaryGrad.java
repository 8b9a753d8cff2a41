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
 * Fused backward pass of a unary function f: inputs (x, y, dy) where y = f(x), output
 * {@code dx = dy * f'(x, y)} in one kernel pass.
 *
 * <p>Its own gradient (for second order) writes {@code d = f'(x, y)} as a function of x and y:
 * {@code d(dy) = g * d} (this op again), {@code d(x) = g * dy * dd/dx}, {@code d(y) = g * dy * dd/dy};
 * y's gradient then flows on through f's own rule. Each function states its two partials
 * beside itself ({@link ElementwiseUnary#derivativeWrtX}, {@link ElementwiseUnary#derivativeWrtY}).
 *
 * <p>NOTE: a fused primitive for speed: the composite {@code dy * y * (1 - y)} makes three passes
 * over the activations and keeps two temporaries alive.
 */
public final class UnaryGrad extends AbstractOp {

    private final ElementwiseUnary f;

    public UnaryGrad(ElementwiseUnary f) {
        super("unary_grad", 3);
        this.f = f;
    }

    /** Builds {@code dy * f'(x, y)} for {@code y = f(x)}. */
    public static Node apply(ElementwiseUnary f, Node x, Node y, Node dy) {
        return dy.graph().apply(new UnaryGrad(f), null, x, y, dy);
    }

    /** The function whose derivative this computes. */
    public ElementwiseUnary function() {
        return f;
    }

    @Override
    public String attributes() {
        return f.name() + (f.alpha() == 0 ? "" : ", alpha=" + f.alpha());
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 2);
        ctx.requireSameDType(in);
        for (int i = 0; i < 2; i++) {
            if (!in[i].shape().isCompatibleWith(in[2].shape())) {
                throw ctx.error("input " + i + " has shape " + in[i].shape() + " but the incoming gradient has "
                        + in[2].shape());
            }
        }
        return in[2];
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        UnaryOp kind = f.kind();
        double alpha = f.alpha();
        int reads = ElementwiseKernels.backwardReads(kind);
        boolean readsX = (reads & 1) != 0;
        boolean readsY = (reads & 2) != 0;
        ElementwiseKernels k = KernelProvider.get().elementwise();
        if (ctx.outputDType() == DType.F32) {
            return (in, out, run) -> k.unaryBackward(kind, alpha, readsX ? in[0].floats() : null, 0,
                    readsY ? in[1].floats() : null, 0, in[2].floats(), 0, out.floats(), 0, out.size());
        }
        return (in, out, run) -> k.unaryBackward(kind, alpha, readsX ? in[0].doubles() : null, 0,
                readsY ? in[1].doubles() : null, 0, in[2].doubles(), 0, out.doubles(), 0, out.size());
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = ops(node);
        Node x = node.input(0);
        Node y = node.input(1);
        Node dy = node.input(2);
        Node gdy = o.mul(g, dy);
        Grad ddx = f.derivativeWrtX(o, x, y);
        Grad ddy = f.derivativeWrtY(o, x, y);
        return List.of(ddx.isNone() ? Grad.none() : Grad.of(o.mul(gdy, ddx.node())),
                ddy.isNone() ? Grad.none() : Grad.of(o.mul(gdy, ddy.node())),
                Grad.of(apply(f, x, y, g)));
    }
}
