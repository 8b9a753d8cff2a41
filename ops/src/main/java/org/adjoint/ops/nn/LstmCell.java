package org.adjoint.ops.nn;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.kernels.LstmPart;
import org.adjoint.kernels.RecurrentKernels;
import org.adjoint.ops.AbstractOp;
import org.adjoint.ops.Ops;

/**
 * One half of a fused LSTM step, from the gate pre-activations {@code z = p + q} (p: the input's
 * projection with the bias, q: the recurrent projection h⟨t−1⟩·w_h; both [batch, 4u], blocks
 * [i | f | g | o]) and a state c [batch, u]:
 * <ul>
 *   <li>{@code lstm_state}: {@code c' = σ(z_f)·c + σ(z_i)·tanh(z_g)};</li>
 *   <li>{@code lstm_output}: {@code h' = σ(z_o)·tanh(c)}, called with the new state c'.</li>
 * </ul>
 * Gradients ({@link LstmCellGrad}, fused too): for state, {@code dz = [d·tanh(z_g)·σ'(z_i) |
 * d·c·σ'(z_f) | d·σ(z_i)·tanh'(z_g) | 0]}, {@code dc = d·σ(z_f)}; for output, {@code dz = [0 | 0 |
 * 0 | d·tanh(c)·σ'(z_o)]}, {@code dc = d·σ(z_o)·tanh'(c)}; p and q get the same dz.
 *
 * <p>NOTE: a fused primitive for measured speed (bench/README.md, "Recurrent networks"): the
 * composite cell is a dozen elementwise nodes per step, their gate slices and the gradients'
 * placements and unbroadcasts (~50 nodes per step with the gradient); this is 2 forward and 4
 * gradient nodes, each one pass (RecurrentKernels.lstm).
 */
public final class LstmCell extends AbstractOp {

    private final LstmPart part;

    /** {@code state}: c' from (p, q, c); {@code output}: h' from (p, q, c'). */
    public LstmCell(boolean state) {
        super(state ? "lstm_state" : "lstm_output", 3);
        this.part = state ? LstmPart.STATE : LstmPart.OUTPUT;
    }

    public boolean isState() {
        return part == LstmPart.STATE;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        return check(in, ctx, "c", false);
    }

    /**
     * Checks (p, q, c[, d]): one floating dtype, p and q [batch, 4u], c (and d) [batch, u].
     *
     * @return the type of a [batch, u] output, or [batch, 4u] when {@code wide}
     */
    static TensorType check(TensorType[] in, OpContext ctx, String stateName, boolean wide) {
        for (int i = 0; i < in.length; i++) {
            ctx.requireFloating(in, i);
        }
        DType dtype = ctx.requireSameDType(in);
        Shape p = in[0].shape();
        Shape q = in[1].shape();
        Shape c = in[2].shape();
        if (p.rank() != 2 || q.rank() != 2 || c.rank() != 2) {
            throw ctx.error("p, q and " + stateName + " must be matrices [batch, 4u], [batch, 4u], [batch, u], got "
                    + p + ", " + q + ", " + c);
        }
        int u = c.dim(1);
        int pw = p.dim(1) != Shape.UNKNOWN ? p.dim(1) : q.dim(1);
        boolean fits = p.isCompatibleWith(q) && (pw == Shape.UNKNOWN || pw % 4 == 0)
                && (u == Shape.UNKNOWN || pw == Shape.UNKNOWN || pw == 4 * u)
                && Shape.of(p.dim(0), Shape.UNKNOWN).isCompatibleWith(c) && Shape.of(q.dim(0), Shape.UNKNOWN).isCompatibleWith(c);
        if (!fits) {
            throw ctx.error("p " + p + " and q " + q + " must be [batch, 4u] for " + stateName + " " + c
                    + " [batch, u] (gate blocks [i | f | g | o])");
        }
        for (int i = 3; i < in.length; i++) {
            if (!in[i].shape().isCompatibleWith(c)) {
                throw ctx.error("the gradient " + in[i].shape() + " must have the shape of " + stateName + " " + c);
            }
        }
        if (u == Shape.UNKNOWN && pw != Shape.UNKNOWN) {
            u = pw / 4;
        }
        int batch = Shape.UNKNOWN;
        for (int i = 0; i < in.length && batch == Shape.UNKNOWN; i++) {
            batch = in[i].shape().dim(0);
        }
        return new TensorType(dtype, Shape.of(batch, u == Shape.UNKNOWN ? Shape.UNKNOWN : wide ? 4 * u : u));
    }

    @Override
    public String attributes() {
        return "";
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        return kernel(ctx, part);
    }

    /** The kernel of {@code part} for the prepared types; input 3 (if any) is the incoming gradient. */
    static OpKernel kernel(PrepareContext ctx, LstmPart part) {
        RecurrentKernels k = KernelProvider.get().recurrent();
        int rows = ctx.inputShape(0).dim(0);
        int units = ctx.inputShape(2).dim(1);
        boolean gradient = part.isGradient();
        if (ctx.outputDType() == DType.F32) {
            return (in, out, run) -> k.lstm(part, in[0].floats(), in[1].floats(), in[2].floats(),
                    gradient ? in[3].floats() : null, out.floats(), rows, units);
        }
        return (in, out, run) -> k.lstm(part, in[0].doubles(), in[1].doubles(), in[2].doubles(),
                gradient ? in[3].doubles() : null, out.doubles(), rows, units);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = ops(node);
        Node p = node.input(0);
        Node q = node.input(1);
        Node c = node.input(2);
        LstmPart dzPart = isState() ? LstmPart.STATE_GRAD_Z : LstmPart.OUTPUT_GRAD_Z;
        LstmPart dcPart = isState() ? LstmPart.STATE_GRAD_C : LstmPart.OUTPUT_GRAD_C;
        Node dz = o.apply(new LstmCellGrad(dzPart), p, q, c, g);
        Node dc = o.apply(new LstmCellGrad(dcPart), p, q, c, g);
        return List.of(Grad.of(dz), Grad.of(dz), Grad.of(dc));
    }
}
