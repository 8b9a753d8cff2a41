package org.adjoint.ops.reduce;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Scratch;
import org.adjoint.graph.Shape;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.kernels.ReductionKernels;
import org.adjoint.ops.Ops;
import org.adjoint.ops.internal.Strided;

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
public final class LogSumExp extends AxisReduction {

    public LogSumExp(int[] axes, boolean keepDims) {
        super("logsumexp", axes, keepDims);
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        return reduced(in, ctx);
    }

    /**
     * The row kernel reduces trailing columns; reduced axes elsewhere are first moved last into
     * scratch (a strided copy prepared here), a no-op when they already are last.
     */
    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape x = ctx.inputShape(0);
        int rank = x.rank();
        int[] ax = normalized(ctx);
        boolean[] reduced = new boolean[rank];
        for (int a : ax) {
            reduced[a] = true;
        }
        int[] perm = new int[rank];
        int j = 0;
        int rowCount = 1;
        int colCount = 1;
        for (int d = 0; d < rank; d++) {
            if (!reduced[d]) {
                perm[j++] = d;
                rowCount *= x.dim(d);
            }
        }
        for (int a : ax) {
            perm[j++] = a;
            colCount *= x.dim(a);
        }
        boolean trailing = true;
        for (int d = 0; d < rank; d++) {
            trailing &= perm[d] == d;
        }
        int rows = rowCount;
        int cols = colCount;
        ReductionKernels k = KernelProvider.get().reductions();
        DType t = ctx.outputDType();
        if (trailing) {
            if (t == DType.F32) {
                return (in, out, run) -> k.logSumExp(in[0].floats(), 0, rows, cols, out.floats(), 0);
            }
            return (in, out, run) -> k.logSumExp(in[0].doubles(), 0, rows, cols, out.doubles(), 0);
        }
        int[] xStrides = x.strides();
        int[] pdims = new int[rank];
        int[] pstrides = new int[rank];
        for (int d = 0; d < rank; d++) {
            pdims[d] = x.dim(perm[d]);
            pstrides[d] = xStrides[perm[d]];
        }
        Strided transpose = new Strided(ctx, pdims, pstrides, rank);
        Scratch moved = ctx.scratch(t, x.size());
        if (t == DType.F32) {
            return (in, out, run) -> {
                float[] src = moved.floats(run);
                transpose.gather(in[0].floats(), t, src, run);
                k.logSumExp(src, 0, rows, cols, out.floats(), 0);
            };
        }
        return (in, out, run) -> {
            double[] src = moved.doubles(run);
            transpose.gather(in[0].doubles(), t, src, run);
            k.logSumExp(src, 0, rows, cols, out.doubles(), 0);
        };
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = ops(node);
        Node x = node.input(0);
        int[] reinsert = reinserted(node);
        Node softmax = o.exp(o.sub(x, o.broadcastLike(node, x, reinsert)));
        return List.of(Grad.of(o.mul(o.broadcastLike(g, x, reinsert), softmax)));
    }
}
