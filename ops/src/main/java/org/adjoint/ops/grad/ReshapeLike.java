package org.adjoint.ops.grad;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.AbstractOp;
import org.adjoint.ops.internal.Blocks;

/**
 * Reshapes input 0 to the run-time shape of input 1 (whose values are not read): the gradient of
 * reshape when the batch is unknown at build time. {@code d0 = reshape_like(g, x0)}; no gradient
 * to input 1.
 */
public final class ReshapeLike extends AbstractOp {

    public static final ReshapeLike INSTANCE = new ReshapeLike();

    private ReshapeLike() {
        super("reshape_like", 2);
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        int a = in[0].shape().size();
        int b = in[1].shape().size();
        if (a != Shape.UNKNOWN && b != Shape.UNKNOWN && a != b) {
            throw ctx.error("cannot reshape " + in[0].shape() + " (" + a + " elements) like " + in[1].shape() + " ("
                    + b + " elements)");
        }
        return new TensorType(in[0].dtype(), in[1].shape());
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        return (in, out, run) -> Blocks.copyAll(in[0], out);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(ops(node).reshapeLike(g, node.input(0))), Grad.none());
    }
}
