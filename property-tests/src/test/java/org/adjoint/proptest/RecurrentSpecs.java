package org.adjoint.proptest;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.kernels.LstmPart;
import org.adjoint.ops.nn.LstmCell;
import org.adjoint.ops.nn.LstmCellGrad;
import org.adjoint.testing.Gen;
import org.adjoint.testing.OpSpec;

/**
 * Specs of the fused recurrent-cell ops: the two halves of an LSTM step ({@code lstm_state},
 * {@code lstm_output}) and their four fused gradients, each against the formulas written out in
 * double (gate blocks [i | f | g | o] of z = p + q).
 */
final class RecurrentSpecs implements SpecProvider {

    @Override
    public List<OpSpec> specs() {
        List<OpSpec> specs = new ArrayList<>();
        specs.add(cell(true));
        specs.add(cell(false));
        for (LstmPart part : new LstmPart[] {LstmPart.STATE_GRAD_Z, LstmPart.STATE_GRAD_C, LstmPart.OUTPUT_GRAD_Z,
            LstmPart.OUTPUT_GRAD_C}) {
            specs.add(grad(part));
        }
        return specs;
    }

    /** p, q [batch, 4u] in (-1.5, 1.5), c [batch, u] in (-2, 2) and, for gradients, d [batch, u] in (-1, 1). */
    private static List<Tensor> inputs(SplittableRandom rnd, boolean withGradient) {
        int batch = Gen.dim(rnd);
        int u = 1 + rnd.nextInt(9);
        List<Tensor> in = new ArrayList<>(List.of(Gen.uniform(rnd, Shape.of(batch, 4 * u), -1.5, 1.5),
                Gen.uniform(rnd, Shape.of(batch, 4 * u), -1.5, 1.5), Gen.uniform(rnd, Shape.of(batch, u), -2, 2)));
        if (withGradient) {
            in.add(Gen.uniform(rnd, Shape.of(batch, u), -1, 1));
        }
        return in;
    }

    private static OpSpec cell(boolean state) {
        LstmPart part = state ? LstmPart.STATE : LstmPart.OUTPUT;
        return OpSpec.of(state ? "lstm_state" : "lstm_output", LstmCell.class)
                .inputs(rnd -> inputs(rnd, false))
                .build((o, in) -> state ? o.lstmState(in.get(0), in.get(1), in.get(2))
                        : o.lstmOutput(in.get(0), in.get(1), in.get(2)))
                .reference(in -> reference(part, in))
                .differentiable(0, 1, 2)
                .extremes(rnd -> {
                    int batch = Gen.dim(rnd);
                    return List.of(Gen.discrete(rnd, Shape.of(batch, 8), -60, -5, 0, 5, 60),
                            Gen.discrete(rnd, Shape.of(batch, 8), -60, 0, 60), Gen.discrete(rnd, Shape.of(batch, 2),
                                    -50, -1, 0, 1, 50));
                })
                .error("blocks do not fit the state",
                        o -> o.lstmState(o.constant(Gen.zeros(2, 8)), o.constant(Gen.zeros(2, 8)),
                                o.constant(Gen.zeros(2, 3))),
                        "^lstm_state '.*': p \\[2, 8\\] and q \\[2, 8\\] must be \\[batch, 4u\\] for c \\[2, 3\\] \\[batch, u\\]"
                                + " \\(gate blocks \\[i \\| f \\| g \\| o\\]\\)$")
                .error("not matrices",
                        o -> o.lstmOutput(o.constant(Gen.zeros(8)), o.constant(Gen.zeros(8)), o.constant(Gen.zeros(2))),
                        "^lstm_output '.*': p, q and c must be matrices \\[batch, 4u\\], \\[batch, 4u\\], \\[batch, u\\],"
                                + " got \\[8\\], \\[8\\], \\[2\\]$")
                .error("mixed dtypes",
                        o -> o.lstmState(o.constant(Gen.zeros(1, 4)), o.constant(Gen.zeros(1, 4).cast(DType.F32)),
                                o.constant(Gen.zeros(1, 1))),
                        "^lstm_state '.*': dtypes differ: input 0 is f64, input 1 is f32");
    }

    private static OpSpec grad(LstmPart part) {
        String name = new LstmCellGrad(part).name();
        OpSpec spec = OpSpec.of(name, LstmCellGrad.class)
                .inputs(rnd -> inputs(rnd, true))
                .build((o, in) -> o.apply(new LstmCellGrad(part), in.get(0), in.get(1), in.get(2), in.get(3)))
                .reference(in -> reference(part, in))
                .error("gradient of another shape",
                        o -> o.apply(new LstmCellGrad(part), o.constant(Gen.zeros(2, 8)), o.constant(Gen.zeros(2, 8)),
                                o.constant(Gen.zeros(2, 2)), o.constant(Gen.zeros(2, 3))),
                        "^" + name + " '.*': the gradient \\[2, 3\\] must have the shape of c \\[2, 2\\]$");
        // the second-order rule cuts the gate blocks with split, which needs the unit count u when
        // the node is built (in an LSTM u is a layer size, always known; the batch may be unknown)
        spec.knownShapesOnly();
        // lstm_state_grad_c = d·σ(z_f) does not read c
        return part == LstmPart.STATE_GRAD_C ? spec.differentiable(0, 1, 3) : spec.differentiable(0, 1, 2, 3);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** The part's formula, element by element, in double. */
    static Tensor reference(LstmPart part, List<Tensor> in) {
        Tensor p = in.get(0);
        Tensor q = in.get(1);
        Tensor c = in.get(2);
        Tensor d = in.size() > 3 ? in.get(3) : null;
        int batch = c.shape().dim(0);
        int u = c.shape().dim(1);
        int width = part.isWide() ? 4 * u : u;
        double[] out = new double[batch * width];
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < u; j++) {
                double[] z = new double[4];
                for (int b = 0; b < 4; b++) {
                    z[b] = p.getDouble(r * 4 * u + b * u + j) + q.getDouble(r * 4 * u + b * u + j);
                }
                double si = sigmoid(z[0]);
                double sf = sigmoid(z[1]);
                double tg = Math.tanh(z[2]);
                double so = sigmoid(z[3]);
                double cc = c.getDouble(r * u + j);
                double dd = d == null ? 0 : d.getDouble(r * u + j);
                double tc = Math.tanh(cc);
                int at = r * width + j;
                switch (part) {
                    case STATE: out[at] = sf * cc + si * tg; break;
                    case OUTPUT: out[at] = so * tc; break;
                    case STATE_GRAD_Z:
                        out[at] = dd * tg * si * (1 - si);
                        out[at + u] = dd * cc * sf * (1 - sf);
                        out[at + 2 * u] = dd * si * (1 - tg * tg);
                        break;
                    case STATE_GRAD_C: out[at] = dd * sf; break;
                    case OUTPUT_GRAD_Z: out[at + 3 * u] = dd * tc * so * (1 - so); break;
                    default: out[at] = dd * so * (1 - tc * tc);
                }
            }
        }
        return Tensor.of(out, batch, width);
    }
}
