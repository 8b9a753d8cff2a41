package org.adjoint.ops.nn;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.LstmPart;
import org.adjoint.ops.AbstractOp;
import org.adjoint.ops.Ops;

/**
 * The fused gradients of {@link LstmCell}: inputs (p, q, c, d) with d the incoming gradient
 * [batch, u]; the output is one {@link LstmPart} gradient part (see there for the formulas):
 * {@code lstm_state_grad_z} / {@code lstm_output_grad_z} [batch, 4u] (for p and q),
 * {@code lstm_state_grad_c} / {@code lstm_output_grad_c} [batch, u] (for c).
 *
 * <p>Its own gradient (second order) is built from primitive ops, with s = σ(z), t = tanh:
 * σ' = s(1 − s), σ'' = σ'(1 − 2s), tanh' = (1 − t)(1 + t), tanh'' = −2t·tanh'.
 */
public final class LstmCellGrad extends AbstractOp {

    private final LstmPart part;

    public LstmCellGrad(LstmPart part) {
        super(name(part), 4);
        if (!part.isGradient()) {
            throw new IllegalArgumentException("lstm_cell_grad: " + part + " is not a gradient part");
        }
        this.part = part;
    }

    private static String name(LstmPart part) {
        switch (part) {
            case STATE_GRAD_Z: return "lstm_state_grad_z";
            case STATE_GRAD_C: return "lstm_state_grad_c";
            case OUTPUT_GRAD_Z: return "lstm_output_grad_z";
            default: return "lstm_output_grad_c";
        }
    }

    public LstmPart part() {
        return part;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        return LstmCell.check(in, ctx, "c", part.isWide());
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        return LstmCell.kernel(ctx, part);
    }

    @Override
    public List<Grad> backward(Node node, Node gg) {
        Ops o = ops(node);
        Node p = node.input(0);
        Node q = node.input(1);
        Node c = node.input(2);
        Node d = node.input(3);
        List<Node> z = o.split(o.add(p, q), 4, -1);
        Node zero = o.zerosLike(c);
        Node dd;
        Node dc;
        Node[] dz = {zero, zero, zero, zero};
        switch (part) {
            case STATE_GRAD_Z: {
                List<Node> g = o.split(gg, 4, -1);
                Node si = o.sigmoid(z.get(0));
                Node sf = o.sigmoid(z.get(1));
                Node tg = o.tanh(z.get(2));
                Node spi = sigmoidPrime(o, si);
                Node spf = sigmoidPrime(o, sf);
                Node tpg = tanhPrime(o, tg);
                dd = o.addN(o.mul(g.get(0), o.mul(tg, spi)), o.mul(g.get(1), o.mul(c, spf)),
                        o.mul(g.get(2), o.mul(si, tpg)));
                dc = o.mul(g.get(1), o.mul(d, spf));
                dz[0] = o.add(o.mul(o.mul(g.get(0), d), o.mul(tg, sigmoidSecond(o, si, spi))),
                        o.mul(o.mul(g.get(2), d), o.mul(tpg, spi)));
                dz[1] = o.mul(o.mul(g.get(1), d), o.mul(c, sigmoidSecond(o, sf, spf)));
                dz[2] = o.add(o.mul(o.mul(g.get(0), d), o.mul(spi, tpg)),
                        o.mul(o.mul(g.get(2), d), o.mul(si, tanhSecond(o, tg, tpg))));
                break;
            }
            case STATE_GRAD_C: {
                Node sf = o.sigmoid(z.get(1));
                dd = o.mul(gg, sf);
                dc = null;
                dz[1] = o.mul(o.mul(gg, d), sigmoidPrime(o, sf));
                break;
            }
            case OUTPUT_GRAD_Z: {
                Node go = o.split(gg, 4, -1).get(3);
                Node so = o.sigmoid(z.get(3));
                Node spo = sigmoidPrime(o, so);
                Node tc = o.tanh(c);
                dd = o.mul(go, o.mul(tc, spo));
                dc = o.mul(o.mul(go, d), o.mul(spo, tanhPrime(o, tc)));
                dz[3] = o.mul(o.mul(go, d), o.mul(tc, sigmoidSecond(o, so, spo)));
                break;
            }
            default: {
                Node so = o.sigmoid(z.get(3));
                Node tc = o.tanh(c);
                Node tpc = tanhPrime(o, tc);
                dd = o.mul(gg, o.mul(so, tpc));
                dc = o.mul(o.mul(gg, d), o.mul(so, tanhSecond(o, tc, tpc)));
                dz[3] = o.mul(o.mul(gg, d), o.mul(tpc, sigmoidPrime(o, so)));
            }
        }
        Node dzAll = o.concat(-1, dz);
        return List.of(Grad.of(dzAll), Grad.of(dzAll), dc == null ? Grad.none() : Grad.of(dc), Grad.of(dd));
    }

    /** σ' = s(1 − s). */
    private static Node sigmoidPrime(Ops o, Node s) {
        return o.mul(s, o.rsub(1.0, s));
    }

    /** σ'' = σ'(1 − 2s). */
    private static Node sigmoidSecond(Ops o, Node s, Node sp) {
        return o.mul(sp, o.rsub(1.0, o.mul(s, 2.0)));
    }

    /** tanh' = (1 − t)(1 + t). */
    private static Node tanhPrime(Ops o, Node t) {
        return o.mul(o.rsub(1.0, t), o.add(t, 1.0));
    }

    /** tanh'' = −2t·tanh'. */
    private static Node tanhSecond(Ops o, Node t, Node tp) {
        return o.mul(o.mul(t, -2.0), tp);
    }
}
