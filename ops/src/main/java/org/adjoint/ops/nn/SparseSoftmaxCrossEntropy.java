package org.adjoint.ops.nn;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.ops.Ops;

/**
 * Per-example cross-entropy of logits x [batch, C] against I32 class labels l [batch]:
 * {@code loss[r] = logsumexp(x[r, :]) - x[r, l[r]]}, a [batch] vector.
 * {@code dx = g[:, None] * (softmax(x) - one_hot(l))}; no gradient to the labels.
 * A label outside [0, C) fails the run with the op, node, label, row and C.
 *
 * <p>NOTE: a fused primitive for numerical stability (and one pass over the logits): the
 * composite {@code -log(softmax(x))[l]} gives log(0) = -inf once a logit trails the row maximum
 * by ~100 (F32).
 */
public final class SparseSoftmaxCrossEntropy implements Op {

    private volatile String nodeName;

    /** One instance per node: it remembers the node's name for run-time label errors. */
    public SparseSoftmaxCrossEntropy() {
    }

    @Override
    public String name() {
        return "sparse_softmax_cross_entropy";
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        Labels.check(in, ctx, 0, 1, "logits");
        if (nodeName == null) {
            nodeName = ctx.nodeName();
        }
        return new TensorType(in[0].dtype(), Shape.of(in[0].shape().dim(0)));
    }

    @Override
    public void forward(Tensor[] in, Tensor out) {
        Tensor x = in[0];
        int[] labels = in[1].ints();
        int rows = x.shape().dim(0);
        int classes = x.shape().dim(1);
        for (int r = 0; r < rows; r++) {
            Labels.checkRange(name(), nodeName, labels[r], r, classes);
        }
        if (out.dtype() == DType.F32) {
            float[] xs = x.floats();
            float[] l = out.floats();
            KernelProvider.get().reductions().logSumExp(xs, 0, rows, classes, l, 0);
            for (int r = 0; r < rows; r++) {
                l[r] -= xs[r * classes + labels[r]];
            }
        } else {
            double[] xs = x.doubles();
            double[] l = out.doubles();
            KernelProvider.get().reductions().logSumExp(xs, 0, rows, classes, l, 0);
            for (int r = 0; r < rows; r++) {
                l[r] -= xs[r * classes + labels[r]];
            }
        }
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = Ops.on(node.graph());
        Node x = node.input(0);
        Node target = o.apply(new OneHotLike(), node.input(1), x);
        Node dx = o.mul(o.broadcastLike(g, x, 1), o.sub(o.softmax(x), target));
        return List.of(Grad.of(dx), Grad.none());
    }
}
