package org.adjoint.ops.nn;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.ops.Ops;

/**
 * {@code y = x - logsumexp(x)} along one axis (default the last).
 * {@code dx = g - exp(y) * sum(g, axis, keep)} (reuses the output; built from ops, so it can be
 * differentiated again).
 *
 * <p>NOTE: a fused primitive for numerical stability: {@code log(softmax(x))} underflows to
 * log(0) = -inf for logits ~100 apart (F32) and its gradient becomes NaN.
 */
public final class LogSoftmax extends AxisSoftmax {

    public LogSoftmax(int axis) {
        super("log_softmax", axis, true);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = ops(node);
        Node total = o.sum(g, true, axis());
        return List.of(Grad.of(o.sub(g, o.mul(o.exp(node), total))));
    }
}
