package org.adjoint.ops.elementwise;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.BinaryOp;
import org.adjoint.ops.internal.Broadcast;

/**
 * A comparison producing a mask: 1 where {@code a op b} holds, else 0, in the operands' dtype,
 * with broadcasting. Floating operands share a dtype; integer operands (i32, i64: labels,
 * argmax results) compare exactly, mixed widths giving an i64 mask. Piecewise constant: no
 * gradient to either input.
 */
public final class Compare extends ElementwiseBinary {

    public Compare(BinaryOp kind) {
        super(kind, nameOf(kind));
        if (!kind.isComparison()) {
            throw new IllegalArgumentException("Compare needs a comparison, got " + kind);
        }
    }

    private static String nameOf(BinaryOp kind) {
        switch (kind) {
            case GT: return "greater";
            case GE: return "greater_equal";
            case LT: return "less";
            case LE: return "less_equal";
            case EQ: return "equal";
            case NE: return "not_equal";
            default: return kind.name().toLowerCase();
        }
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        DType a = in[0].dtype();
        DType b = in[1].dtype();
        if (a.isInteger() && b.isInteger()) {
            DType mask = a == DType.I64 || b == DType.I64 ? DType.I64 : DType.I32;
            return new TensorType(mask, Broadcast.shape(ctx, in[0].shape(), in[1].shape()));
        }
        if (a.isInteger() != b.isInteger()) {
            throw ctx.error("cannot compare " + in[0] + " with " + in[1] + " (an integer and a float: cast one of them)");
        }
        return super.infer(in, ctx);
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        if (!ctx.outputDType().isInteger()) {
            return super.prepare(ctx);
        }
        BinaryOp kind = kind();
        return Broadcast.integerLoop(ctx, (a, b) -> test(kind, a, b) ? 1 : 0, ctx.inputShape(0), ctx.inputShape(1));
    }

    private static boolean test(BinaryOp kind, long a, long b) {
        switch (kind) {
            case GT: return a > b;
            case GE: return a >= b;
            case LT: return a < b;
            case LE: return a <= b;
            case EQ: return a == b;
            default: return a != b;
        }
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.none(), Grad.none());
    }
}
