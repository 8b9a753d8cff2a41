package org.adjoint.ops.nn;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.Ops;

/**
 * {@code y = x - logsumexp(x)} along one axis (default the last).
 * {@code dx = g - exp(y) * sum(g, axis, keep)} (reuses the output; built from ops, so it can be
 * differentiated again).
 *
 * <p>NOTE: a fused primitive for numerical stability: {@code log(softmax(x))} underflows to
 * log(0) = -inf for logits ~100 apart (F32) and its gradient becomes NaN.
 */
public final class LogSoftmax implements Op {

    private final int axis;

    public LogSoftmax(int axis) {
        this.axis = axis;
    }

    public int axis() {
        return axis;
    }

    @Override
    public String name() {
        return "log_softmax";
    }

    @Override
    public String attributes() {
        return "axis=" + axis;
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        return AxisSoftmax.infer(in, ctx, axis);
    }

    @Override
    public void forward(Tensor[] in, Tensor out) {
        AxisSoftmax.forward(in[0], out, axis, true);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = Ops.on(node.graph());
        Node total = o.sum(g, true, axis);
        return List.of(Grad.of(o.sub(g, o.mul(o.exp(node), total))));
    }
}
