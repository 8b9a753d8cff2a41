package org.adjoint.ops.elementwise;

import java.util.ArrayList;
import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.ElementwiseKernels;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.Ops;

/**
 * Fused backward pass of an activation: inputs (x, y, dy) where y = f(x), output
 * {@code dx = dy * f'(x, y)} in one kernel pass.
 *
 * <p>Its own gradient (for second order) writes {@code d = f'(x, y)} as a function of x and y:
 * {@code d(dy) = g * d} (this op again), {@code d(x) = g * dy * dd/dx}, {@code d(y) = g * dy * dd/dy};
 * y's gradient then flows on through f's own rule.
 *
 * <p>NOTE: a fused primitive for speed: the composite {@code dy * y * (1 - y)} makes three passes
 * over the activations and keeps two temporaries alive.
 */
public final class UnaryGrad implements Op {

    private final UnaryOp kind;
    private final double alpha;

    public UnaryGrad(UnaryOp kind, double alpha) {
        this.kind = kind;
        this.alpha = alpha;
    }

    /** Builds {@code dy * f'(x, y)} for {@code y = f(x)}. */
    public static Node apply(UnaryOp kind, double alpha, Node x, Node y, Node dy) {
        return dy.graph().apply(new UnaryGrad(kind, alpha), null, x, y, dy);
    }

    public UnaryOp kind() {
        return kind;
    }

    @Override
    public String name() {
        return "unary_grad";
    }

    @Override
    public String attributes() {
        return kind.name().toLowerCase() + (alpha == 0 ? "" : ", alpha=" + alpha);
    }

    @Override
    public int arity() {
        return 3;
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
    public void forward(Tensor[] in, Tensor out) {
        int reads = ElementwiseKernels.backwardReads(kind);
        ElementwiseKernels k = KernelProvider.get().elementwise();
        if (out.dtype() == DType.F32) {
            float[] x = (reads & 1) != 0 ? in[0].floats() : null;
            float[] y = (reads & 2) != 0 ? in[1].floats() : null;
            k.unaryBackward(kind, alpha, x, 0, y, 0, in[2].floats(), 0, out.floats(), 0, out.size());
        } else {
            double[] x = (reads & 1) != 0 ? in[0].doubles() : null;
            double[] y = (reads & 2) != 0 ? in[1].doubles() : null;
            k.unaryBackward(kind, alpha, x, 0, y, 0, in[2].doubles(), 0, out.doubles(), 0, out.size());
        }
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = Ops.on(node.graph());
        Node x = node.input(0);
        Node y = node.input(1);
        Node dy = node.input(2);
        Node gdy = o.mul(g, dy);
        List<Grad> grads = new ArrayList<>(3);
        Node ddx = partialX(o, x, y);
        Node ddy = partialY(o, x, y);
        grads.add(ddx == null ? Grad.none() : Grad.of(o.mul(gdy, ddx)));
        grads.add(ddy == null ? Grad.none() : Grad.of(o.mul(gdy, ddy)));
        grads.add(Grad.of(apply(kind, alpha, x, y, g)));
        return grads;
    }

    /** dd/dx with y held fixed, or null where it is identically zero. */
    private Node partialX(Ops o, Node x, Node y) {
        switch (kind) {
            case SIGMOID: case TANH: case RELU: case LEAKY_RELU: case ELU:
            case SQRT: case RSQRT: case RECIPROCAL: case EXP: case EXPM1: case NEG: case SIGN:
                return null;
            case SOFTPLUS: {
                Node s = o.sigmoid(x); // d = sigmoid(x)
                return o.mul(s, o.rsub(1.0, s));
            }
            case LOG:
                return o.neg(o.reciprocal(o.square(x)));
            case LOG1P:
                return o.neg(o.reciprocal(o.square(o.add(x, 1.0))));
            case SQUARE:
                return o.scalarLike(2.0, x);
            case ABS:
                return null;
            default:
                throw new IllegalStateException("unary_grad(" + kind + ") has no second-derivative rule");
        }
    }

    /** dd/dy with x held fixed, or null where it is identically zero. */
    private Node partialY(Ops o, Node x, Node y) {
        switch (kind) {
            case SIGMOID: // d = y - y^2
                return o.rsub(1.0, o.mul(y, 2.0));
            case TANH: // d = 1 - y^2
                return o.mul(y, -2.0);
            case EXP: // d = y
                return o.scalarLike(1.0, y);
            case EXPM1: // d = y + 1
                return o.scalarLike(1.0, y);
            case SQRT: // d = 0.5 / y
                return o.mul(o.reciprocal(o.square(y)), -0.5);
            case RSQRT: // d = -0.5 y^3
                return o.mul(o.square(y), -1.5);
            case RECIPROCAL: // d = -y^2
                return o.mul(y, -2.0);
            case ELU: // d = 1 for x > 0, else y + alpha
                return o.lessEqual(x, o.scalarLike(0.0, x));
            case RELU: case LEAKY_RELU: case SOFTPLUS: case LOG: case LOG1P: case SQUARE: case ABS: case NEG:
            case SIGN:
                return null;
            default:
                throw new IllegalStateException("unary_grad(" + kind + ") has no second-derivative rule");
        }
    }
}
