package org.adjoint.examples.swish;

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
 * A user-written op, as a project outside Adjoint would write it: swish (SiLU),
 * {@code y = x sigmoid(x)}, {@code dy/dx = s + y (1 - s)} with {@code s = sigmoid(x)}. The
 * gradient rule is built from ops, so second derivatives come for free.
 *
 * <p>{@code correct = false} builds the classic mistake, {@code dy/dx = s} (the product rule
 * forgotten): the gradient-check kit must catch it.
 */
final class Swish extends AbstractOp {

    private final boolean correct;

    Swish(boolean correct) {
        super("swish", 1);
        this.correct = correct;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        return in[0];
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        if (ctx.outputDType() == DType.F32) {
            return (in, out, run) -> {
                float[] x = in[0].floats();
                float[] y = out.floats();
                for (int i = 0; i < y.length; i++) {
                    y[i] = (float) (x[i] / (1 + Math.exp(-x[i])));
                }
            };
        }
        return (in, out, run) -> {
            double[] x = in[0].doubles();
            double[] y = out.doubles();
            for (int i = 0; i < y.length; i++) {
                y[i] = x[i] / (1 + Math.exp(-x[i]));
            }
        };
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = ops(node);
        Node s = o.sigmoid(node.input(0));
        Node derivative = correct ? o.add(s, o.mul(node, o.rsub(1.0, s))) : s;
        return List.of(Grad.of(o.mul(g, derivative)));
    }
}
