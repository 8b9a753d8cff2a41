package org.adjoint.ops.grad;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;

/** Identity in the forward pass; blocks the gradient (treated as a constant by autodiff). */
public final class StopGradient implements Op {

    public static final StopGradient INSTANCE = new StopGradient();

    private StopGradient() {
    }

    @Override
    public String name() {
        return "stop_gradient";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        return in[0];
    }

    @Override
    public void forward(Tensor[] in, Tensor out) {
        out.copyFrom(in[0]);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.none());
    }
}
