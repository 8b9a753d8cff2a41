package org.adjoint.ops.reduce;

import org.adjoint.ops.internal.Reduce;
import java.util.Arrays;
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
import org.adjoint.kernels.ReductionKernels;
import org.adjoint.ops.Ops;
import org.adjoint.ops.shape.Transpose;

/**
 * {@code y = log(sum(exp(x)))} over {@code axes} (all if none), optionally keeping them as size 1,
 * computed as {@code m + log(sum(exp(x - m)))} with {@code m = max(x)}.
 * {@code dx = broadcast(g) * exp(x - broadcast(y))} (the softmax, reusing the output).
 *
 * <p>NOTE: a fused primitive for numerical stability: the composite {@code log(sum(exp(x)))}
 * overflows to inf for x beyond ~88 (f32) / ~709 (f64) and gives log(0) = -inf when every x is
 * below ~-103 / ~-745; the max shift keeps every exponent &lt;= 0 with at least one term equal
 * to 1. The gradient {@code exp(x - y)} inherits the same stability.
 */
public final class LogSumExp implements Op {

    private final int[] axes;
    private final boolean keepDims;

    public LogSumExp(int[] axes, boolean keepDims) {
        this.axes = axes == null ? new int[0] : axes.clone();
        this.keepDims = keepDims;
    }

    @Override
    public String name() {
        return "logsumexp";
    }

    @Override
    public String attributes() {
        return "axes=" + (axes.length == 0 ? "all" : Arrays.toString(axes)) + (keepDims ? ", keepDims" : "");
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        int[] ax = Reduce.normalize(ctx, axes, in[0].shape().rank());
        return new TensorType(in[0].dtype(), Reduce.reducedShape(in[0].shape(), ax, keepDims));
    }

    @Override
    public void forward(Tensor[] in, Tensor out) {
        Tensor x = in[0];
        int rank = x.shape().rank();
        int[] ax = Reduce.normalize(new OpContext(name(), "?"), axes, rank);
        // move the reduced axes last (a no-op when they already are), then reduce rows
        boolean[] reduced = new boolean[rank];
        for (int a : ax) {
            reduced[a] = true;
        }
        int[] perm = new int[rank];
        int j = 0;
        int rows = 1;
        int cols = 1;
        for (int d = 0; d < rank; d++) {
            if (!reduced[d]) {
                perm[j++] = d;
                rows *= x.shape().dim(d);
            }
        }
        for (int a : ax) {
            perm[j++] = a;
            cols *= x.shape().dim(a);
        }
        boolean trailing = true;
        for (int d = 0; d < rank; d++) {
            trailing &= perm[d] == d;
        }
        Tensor src = x;
        if (!trailing) {
            int[] pdims = new int[rank];
            for (int d = 0; d < rank; d++) {
                pdims[d] = x.shape().dim(perm[d]);
            }
            src = Tensor.zeros(x.dtype(), Shape.of(pdims));
            new Transpose(perm).forward(new Tensor[] {x}, src);
        }
        ReductionKernels k = KernelProvider.get().reductions();
        if (x.dtype() == DType.F32) {
            k.logSumExp(src.floats(), 0, rows, cols, out.floats(), 0);
        } else {
            k.logSumExp(src.doubles(), 0, rows, cols, out.doubles(), 0);
        }
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = Ops.on(node.graph());
        Node x = node.input(0);
        int[] reinsert = keepDims ? new int[0]
                : Reduce.normalize(new OpContext(name(), node.name()), axes, x.shape().rank());
        Node softmax = o.exp(o.sub(x, o.broadcastLike(node, x, reinsert)));
        return List.of(Grad.of(o.mul(o.broadcastLike(g, x, reinsert), softmax)));
    }
}
