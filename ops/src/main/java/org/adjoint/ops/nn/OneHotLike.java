package org.adjoint.ops.nn;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;

/**
 * One-hot rows of I32 labels (input 0, [batch]) with the run-time type of input 1 ([batch, C],
 * values not read): {@code y[r, j] = (j == labels[r])}. Gradient plumbing of the sparse
 * cross-entropy, where the class count comes from the logits. No gradient.
 */
public final class OneHotLike implements Op {

    private volatile String nodeName;

    /** One instance per node: it remembers the node's name for run-time label errors. */
    public OneHotLike() {
    }

    @Override
    public String name() {
        return "one_hot_like";
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        Labels.check(in, ctx, 1, 0, "like");
        if (nodeName == null) {
            nodeName = ctx.nodeName();
        }
        return in[1];
    }

    @Override
    public void forward(Tensor[] in, Tensor out) {
        int[] labels = in[0].ints();
        int classes = out.shape().dim(1);
        out.fill(0);
        for (int r = 0; r < labels.length; r++) {
            Labels.checkRange(name(), nodeName, labels[r], r, classes);
            out.setDouble(r * classes + labels[r], 1);
        }
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.none(), Grad.none());
    }
}
