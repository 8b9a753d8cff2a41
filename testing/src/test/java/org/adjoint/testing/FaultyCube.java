package org.adjoint.testing;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.Ops;

/**
 * {@code y = x^3}, {@code dx = g * 3 x^2}, with one deliberate fault: the op the harness self
 * test runs through the property checks (never registered in OpRegistry).
 */
final class FaultyCube implements Op {

    /** What is wrong with the op. */
    enum Fault {
        /** A correct op (the control). */
        NONE,
        /** The forward pass is off by 1e-6 x. */
        FORWARD,
        /** The gradient is 1% too large. */
        BACKWARD_SCALE,
        /** The gradient's value is right, but built from stop_gradient(x): its own derivative is wrong. */
        SECOND_ORDER,
        /** A zero cotangent gives a gradient of 1. */
        ZERO_SEED,
        /** Every other run differs in the last bits. */
        NONDETERMINISTIC,
        /** The F32 forward pass is off by 0.1%. */
        F32_DRIFT,
        /** The gradient comes back with shape [n, 1] for an input of shape [n]. */
        GRADIENT_SHAPE,
        /** The forward pass adds to its output buffer instead of overwriting it. */
        ACCUMULATES,
        /** The forward pass scribbles over its input. */
        WRITES_INPUT,
        /** The gradient is 1% off when the input's shape was unknown at build time. */
        UNKNOWN_SHAPE,
        /** The forward pass overflows to NaN for |x| beyond 700 (x^3 e^x / e^x). */
        UNSTABLE
    }

    private final Fault fault;
    private final AtomicLong runs = new AtomicLong();

    FaultyCube(Fault fault) {
        this.fault = fault;
    }

    @Override
    public String name() {
        return "faulty_cube";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        return in[0];
    }

    @Override
    public void forward(Tensor[] in, Tensor out) {
        boolean odd = runs.incrementAndGet() % 2 == 1;
        for (int i = 0; i < out.size(); i++) {
            double x = in[0].getDouble(i);
            double y = x * x * x;
            switch (fault) {
                case FORWARD: y += 1e-6 * x; break;
                case NONDETERMINISTIC: y *= odd ? 1 + 0x1p-40 : 1; break;
                case F32_DRIFT: y *= out.dtype() == DType.F32 ? 1.001 : 1; break;
                case UNSTABLE: y = y * Math.exp(x) / Math.exp(x); break;
                case ACCUMULATES: y += out.getDouble(i); break;
                default: break;
            }
            if (fault == Fault.WRITES_INPUT && i == out.size() - 1) {
                in[0].setDouble(0, 0.5);
            }
            out.setDouble(i, y);
        }
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = Ops.on(node.graph());
        Node x = node.input(0);
        Node dx = o.mul(g, o.mul(o.square(x), 3.0));
        switch (fault) {
            case BACKWARD_SCALE:
                return List.of(Grad.of(o.mul(dx, 1.01)));
            case SECOND_ORDER:
                return List.of(Grad.of(o.mul(g, o.mul(o.square(o.stopGradient(x)), 3.0))));
            case ZERO_SEED:
                return List.of(Grad.of(o.add(dx, o.equal(g, o.zerosLike(g)))));
            case UNKNOWN_SHAPE:
                return List.of(Grad.of(x.shape().isKnown() ? dx : o.mul(dx, 1.01)));
            case GRADIENT_SHAPE:
                return List.of(Grad.of(o.reshape(dx, -1, 1)));
            default:
                return List.of(Grad.of(dx));
        }
    }

    /** A spec of the op with the given fault, shaped like a user's spec. */
    static OpSpec spec(Fault fault) {
        return OpSpec.of("faulty_cube(" + fault.name().toLowerCase() + ")", FaultyCube.class)
                .inputs(rnd -> List.of(Gen.uniform(rnd, org.adjoint.graph.Shape.of(Gen.dim(rnd) + 1), -2, 2)))
                .build((o, in) -> o.apply(new FaultyCube(fault), in.get(0)))
                .reference(in -> Ref.unary(in.get(0), x -> x * x * x))
                .differentiable(0)
                .f32Tol(1e-5)
                .extremes(rnd -> List.of(Gen.discrete(rnd, org.adjoint.graph.Shape.of(4), -1000, -30, 30, 1000)))
                .error("i32 input", o -> o.apply(new FaultyCube(fault),
                                o.constant(Tensor.zeros(DType.I32, org.adjoint.graph.Shape.of(2)))),
                        "faulty_cube '.*': input 0 must be f32 or f64, got i32\\[2\\]");
    }
}
