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
 * Per-example cross-entropy of logits x [batch, C] against dense label distributions z
 * [batch, C]: {@code loss[r] = -sum_j z[r, j] log_softmax(x)[r, j]}, a [batch] vector.
 * {@code dx = g[:, None] * (softmax(x) * sum_j z[r, j] - z)} (= {@code g (softmax - z)} when
 * each label row sums to 1), {@code dz = -g[:, None] * log_softmax(x)}.
 *
 * <p>NOTE: a fused primitive for numerical stability: see {@link SparseSoftmaxCrossEntropy}. The
 * gradient keeps the row sum of z so that it is exact for unnormalized labels too (label
 * smoothing, soft targets that do not quite sum to 1).
 */
public final class SoftmaxCrossEntropy implements Op {

    public static final SoftmaxCrossEntropy INSTANCE = new SoftmaxCrossEntropy();

    private SoftmaxCrossEntropy() {
    }

    @Override
    public String name() {
        return "softmax_cross_entropy";
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        ctx.requireFloating(in, 1);
        ctx.requireSameDType(in);
        Shape x = in[0].shape();
        if (x.rank() != 2) {
            throw ctx.error("logits must be a [batch, classes] matrix, got " + in[0]);
        }
        if (!x.isCompatibleWith(in[1].shape())) {
            throw ctx.error("logits " + x + " and labels " + in[1].shape() + " must have the same shape");
        }
        return new TensorType(in[0].dtype(), Shape.of(x.dim(0)));
    }

    @Override
    public void forward(Tensor[] in, Tensor out) {
        Tensor x = in[0];
        Tensor z = in[1];
        int rows = x.shape().dim(0);
        int classes = x.shape().dim(1);
        double[] lse = new double[rows];
        if (x.dtype() == DType.F32) {
            float[] tmp = new float[rows];
            KernelProvider.get().reductions().logSumExp(x.floats(), 0, rows, classes, tmp, 0);
            for (int r = 0; r < rows; r++) {
                lse[r] = tmp[r];
            }
        } else {
            KernelProvider.get().reductions().logSumExp(x.doubles(), 0, rows, classes, lse, 0);
        }
        for (int r = 0; r < rows; r++) {
            double acc = 0;
            for (int j = 0; j < classes; j++) {
                int i = r * classes + j;
                acc += z.getDouble(i) * (lse[r] - x.getDouble(i));
            }
            out.setDouble(r, acc);
        }
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = Ops.on(node.graph());
        Node x = node.input(0);
        Node z = node.input(1);
        Node bg = o.broadcastLike(g, x, 1);
        Node dx = o.mul(bg, o.sub(o.mul(o.softmax(x), o.sum(z, true, 1)), z));
        Node dz = o.neg(o.mul(bg, o.logSoftmax(x)));
        return List.of(Grad.of(dx), Grad.of(dz));
    }
}
