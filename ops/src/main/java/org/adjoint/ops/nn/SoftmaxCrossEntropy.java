package org.adjoint.ops.nn;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Scratch;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.kernels.ReductionKernels;
import org.adjoint.ops.AbstractOp;
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
public final class SoftmaxCrossEntropy extends AbstractOp {

    public static final SoftmaxCrossEntropy INSTANCE = new SoftmaxCrossEntropy();

    private SoftmaxCrossEntropy() {
        super("softmax_cross_entropy", 2);
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
    public OpKernel prepare(PrepareContext ctx) {
        int rows = ctx.inputShape(0).dim(0);
        int classes = ctx.inputShape(0).dim(1);
        ReductionKernels k = KernelProvider.get().reductions();
        boolean f32 = ctx.outputDType() == DType.F32;
        Scratch lse = ctx.scratch(ctx.outputDType(), rows);
        return (in, out, run) -> {
            Tensor x = in[0];
            Tensor z = in[1];
            if (f32) {
                k.logSumExp(x.floats(), 0, rows, classes, lse.floats(run), 0);
            } else {
                k.logSumExp(x.doubles(), 0, rows, classes, lse.doubles(run), 0);
            }
            float[] lf = f32 ? lse.floats(run) : null;
            double[] ld = f32 ? null : lse.doubles(run);
            for (int r = 0; r < rows; r++) {
                double m = f32 ? lf[r] : ld[r];
                double acc = 0;
                for (int j = 0; j < classes; j++) {
                    int i = r * classes + j;
                    acc += z.getDouble(i) * (m - x.getDouble(i));
                }
                out.setDouble(r, acc);
            }
        };
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = ops(node);
        Node x = node.input(0);
        Node z = node.input(1);
        Node bg = o.broadcastLike(g, x, 1);
        Node dx = o.mul(bg, o.sub(o.mul(o.softmax(x), o.sum(z, true, 1)), z));
        Node dz = o.neg(o.mul(bg, o.logSoftmax(x)));
        return List.of(Grad.of(dx), Grad.of(dz));
    }
}
