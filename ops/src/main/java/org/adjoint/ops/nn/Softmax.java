package org.adjoint.ops.nn;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.ops.Ops;

/**
 * {@code y = exp(x - max) / sum(exp(x - max))} along one axis (default the last).
 * {@code dx = y * (g - sum(g * y, axis, keep))} (reuses the output; built from ops, so it can be
 * differentiated again).
 *
 * <p>NOTE: a fused primitive for numerical stability and speed: the composite
 * {@code exp(x) / sum(exp(x))} overflows for logits above ~88 (F32), and the max-subtracted
 * composite needs a max reduction plus four passes where the row kernel makes two.
 */
public final class Softmax extends AxisSoftmax {

    public Softmax(int axis) {
        super("softmax", axis, false);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = ops(node);
        Node dot = o.sum(o.mul(g, node), true, axis());
        return List.of(Grad.of(o.mul(node, o.sub(g, dot))));
    }
}
