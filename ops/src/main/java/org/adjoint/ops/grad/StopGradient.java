package org.adjoint.ops.grad;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.AbstractOp;
import org.adjoint.ops.internal.Blocks;

/** Identity in the forward pass; blocks the gradient (treated as a constant by autodiff). */
public final class StopGradient extends AbstractOp {

    public static final StopGradient INSTANCE = new StopGradient();

    private StopGradient() {
        super("stop_gradient", 1);
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        return in[0];
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        return (in, out, run) -> Blocks.copyAll(in[0], out);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.none());
    }
}
