package org.adjoint.ops.nn;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.AbstractOp;

/**
 * One-hot rows of integer labels (input 0, [batch]) with the run-time type of input 1 ([batch, C],
 * values not read): {@code y[r, j] = (j == labels[r])}. Gradient plumbing of the sparse
 * cross-entropy, where the class count comes from the logits. No gradient.
 */
public final class OneHotLike extends AbstractOp {

    public OneHotLike() {
        super("one_hot_like", 2);
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        Labels.check(in, ctx, 1, 0, "like");
        return in[1];
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        int rows = ctx.outputShape().dim(0);
        int classes = ctx.outputShape().dim(1);
        return (in, out, run) -> {
            Tensor labels = in[0];
            out.fill(0);
            for (int r = 0; r < rows; r++) {
                out.setDouble(r * classes + Labels.checkRange(labels.getLong(r), r, classes), 1);
            }
        };
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.none(), Grad.none());
    }
}
