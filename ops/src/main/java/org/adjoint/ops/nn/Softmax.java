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
 * {@code y = exp(x - max) / sum(exp(x - max))} along one axis (default the last).
 * {@code dx = y * (g - sum(g * y, axis, keep))} (reuses the output; built from ops, so it can be
 * differentiated again).
 *
 * <p>NOTE: a fused primitive for numerical stability and speed: the composite
 * {@code exp(x) / sum(exp(x))} overflows for logits above ~88 (F32), and the max-subtracted
 * composite needs a max reduction plus four passes where the row kernel makes two.
 */
public final class Softmax implements Op {

    private final int axis;

    public Softmax(int axis) {
        this.axis = axis;
    }

    public int axis() {
        return axis;
    }

    @Override
    public String name() {
        return "softmax";
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
        AxisSoftmax.forward(in[0], out, axis, false);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = Ops.on(node.graph());
        Node dot = o.sum(o.mul(g, node), true, axis);
        return List.of(Grad.of(o.mul(node, o.sub(g, dot))));
    }
}
