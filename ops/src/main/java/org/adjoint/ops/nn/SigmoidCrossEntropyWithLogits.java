package org.adjoint.ops.nn;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.AbstractOp;
import org.adjoint.ops.Ops;

/**
 * Elementwise binary cross-entropy of logits x against targets z in [0, 1]:
 * {@code l = max(x, 0) - x z + log(1 + e^-|x|)}, equal to
 * {@code -z log sigmoid(x) - (1 - z) log(1 - sigmoid(x))} without overflow or log(0).
 * {@code dx = g (sigmoid(x) - z)}, {@code dz = -g x}.
 *
 * <p>NOTE: a fused primitive for numerical stability: the composite through sigmoid and log
 * gives log(0) = -inf for |x| beyond ~17 (F32) and NaN gradients.
 */
public final class SigmoidCrossEntropyWithLogits extends AbstractOp {

    public static final SigmoidCrossEntropyWithLogits INSTANCE = new SigmoidCrossEntropyWithLogits();

    private SigmoidCrossEntropyWithLogits() {
        super("sigmoid_cross_entropy_with_logits", 2);
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        ctx.requireFloating(in, 1);
        ctx.requireSameDType(in);
        if (!in[0].shape().isCompatibleWith(in[1].shape())) {
            throw ctx.error("logits " + in[0].shape() + " and labels " + in[1].shape() + " must have the same shape");
        }
        return in[0];
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        if (ctx.outputDType() == DType.F32) {
            return (in, out, run) -> {
                float[] x = in[0].floats();
                float[] z = in[1].floats();
                float[] l = out.floats();
                for (int i = 0; i < l.length; i++) {
                    float xi = x[i];
                    l[i] = Math.max(xi, 0f) - xi * z[i] + (float) Math.log1p(Math.exp(-Math.abs(xi)));
                }
            };
        }
        return (in, out, run) -> {
            double[] x = in[0].doubles();
            double[] z = in[1].doubles();
            double[] l = out.doubles();
            for (int i = 0; i < l.length; i++) {
                double xi = x[i];
                l[i] = Math.max(xi, 0) - xi * z[i] + Math.log1p(Math.exp(-Math.abs(xi)));
            }
        };
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = ops(node);
        Node x = node.input(0);
        Node z = node.input(1);
        return List.of(Grad.of(o.mul(g, o.sub(o.sigmoid(x), z))), Grad.of(o.neg(o.mul(g, x))));
    }
}
