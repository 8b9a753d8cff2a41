package org.adjoint.ops.nn;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.kernels.ReductionKernels;
import org.adjoint.ops.AbstractOp;
import org.adjoint.ops.Ops;

/**
 * Per-example cross-entropy of logits x [batch, C] against integer (i32 or i64) class labels l [batch]:
 * {@code loss[r] = logsumexp(x[r, :]) - x[r, l[r]]}, a [batch] vector.
 * {@code dx = g[:, None] * (softmax(x) - one_hot(l))}; no gradient to the labels.
 * A label outside [0, C) fails the run with the op, node, label, row and C.
 *
 * <p>NOTE: a fused primitive for numerical stability (and one pass over the logits): the
 * composite {@code -log(softmax(x))[l]} gives log(0) = -inf once a logit trails the row maximum
 * by ~100 (F32).
 */
public final class SparseSoftmaxCrossEntropy extends AbstractOp {

    public SparseSoftmaxCrossEntropy() {
        super("sparse_softmax_cross_entropy", 2);
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        Labels.check(in, ctx, 0, 1, "logits");
        return new TensorType(in[0].dtype(), Shape.of(in[0].shape().dim(0)));
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        int rows = ctx.inputShape(0).dim(0);
        int classes = ctx.inputShape(0).dim(1);
        ReductionKernels k = KernelProvider.get().reductions();
        if (ctx.outputDType() == DType.F32) {
            return (in, out, run) -> {
                Tensor labels = checked(in[1], rows, classes);
                float[] xs = in[0].floats();
                float[] l = out.floats();
                k.logSumExp(xs, 0, rows, classes, l, 0);
                for (int r = 0; r < rows; r++) {
                    l[r] -= xs[r * classes + (int) labels.getLong(r)];
                }
            };
        }
        return (in, out, run) -> {
            Tensor labels = checked(in[1], rows, classes);
            double[] xs = in[0].doubles();
            double[] l = out.doubles();
            k.logSumExp(xs, 0, rows, classes, l, 0);
            for (int r = 0; r < rows; r++) {
                l[r] -= xs[r * classes + (int) labels.getLong(r)];
            }
        };
    }

    private static Tensor checked(Tensor labels, int rows, int classes) {
        for (int r = 0; r < rows; r++) {
            Labels.checkRange(labels.getLong(r), r, classes);
        }
        return labels;
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = ops(node);
        Node x = node.input(0);
        Node target = o.apply(new OneHotLike(), node.input(1), x);
        Node dx = o.mul(o.broadcastLike(g, x, 1), o.sub(o.softmax(x), target));
        return List.of(Grad.of(dx), Grad.none());
    }
}
