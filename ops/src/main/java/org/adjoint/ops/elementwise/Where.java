package org.adjoint.ops.elementwise;

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
import org.adjoint.ops.AbstractOp;
import org.adjoint.ops.Ops;
import org.adjoint.ops.internal.Broadcast;

/**
 * {@code y = mask != 0 ? a : b} elementwise, all three broadcast together (NumPy rules). The mask
 * may be of any dtype (comparisons produce masks in their operands' dtype; non-zero selects); a
 * and b share any one dtype. {@code da = where(mask, g, 0)}, {@code db = where(mask, 0, g)}, no
 * gradient to the mask.
 *
 * <p>NOTE: a primitive, not {@code mask * a + (1 - mask) * b}: that composite turns an inf or
 * NaN in the branch that is <em>not</em> selected into NaN (0 * inf), in the value and in the
 * gradient. where's own rule sends exact zeros to the unselected branch, but that branch's rule
 * may still make NaN of them ({@code log}'s {@code g / x} is 0 / 0 at x = 0): write a safe log as
 * {@code where(x > 0, log(where(x > 0, x, 1)), 0)}.
 */
public final class Where extends AbstractOp {

    public static final Where INSTANCE = new Where();

    private Where() {
        super("where", 3);
    }

    @Override
    public boolean broadcasts() {
        return true;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        if (in[1].dtype() != in[2].dtype()) {
            throw ctx.error("branches must have one dtype: input 1 is " + in[1] + ", input 2 is " + in[2]);
        }
        Shape s = Shape.broadcast(in[1].shape(), in[2].shape());
        if (s == null) {
            throw ctx.error("branch shapes " + in[1].shape() + " and " + in[2].shape() + " cannot be broadcast");
        }
        Shape all = Shape.broadcast(in[0].shape(), s);
        if (all == null) {
            throw ctx.error("mask shape " + in[0].shape() + " cannot be broadcast with branch shapes "
                    + in[1].shape() + " and " + in[2].shape());
        }
        return new TensorType(in[1].dtype(), all);
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape os = ctx.outputShape();
        int n = os.size();
        int rank = os.rank();
        int[] sm = Broadcast.alignedStrides(ctx.inputShape(0), os);
        int[] sa = Broadcast.alignedStrides(ctx.inputShape(1), os);
        int[] sb = Broadcast.alignedStrides(ctx.inputShape(2), os);
        int inner = rank == 0 ? 1 : os.dim(rank - 1);
        int im = rank == 0 ? 0 : sm[rank - 1];
        int ia = rank == 0 ? 0 : sa[rank - 1];
        int ib = rank == 0 ? 0 : sb[rank - 1];
        int[] dims = os.dims();
        Scratch index = ctx.scratch(DType.I32, Math.max(rank, 1));
        DType t = ctx.outputDType();
        return (in, out, run) -> {
            if (n == 0) {
                return;
            }
            int[] idx = index.ints(run);
            java.util.Arrays.fill(idx, 0, idx.length, 0);
            Tensor mask = in[0];
            int m = 0;
            int a = 0;
            int b = 0;
            for (int o = 0; o < n; o += inner) {
                select(t, mask, m, im, in[1], a, ia, in[2], b, ib, out, o, inner);
                // odometer over the outer dimensions
                for (int d = rank - 2; d >= 0; d--) {
                    idx[d]++;
                    m += sm[d];
                    a += sa[d];
                    b += sb[d];
                    if (idx[d] < dims[d]) {
                        break;
                    }
                    m -= sm[d] * dims[d];
                    a -= sa[d] * dims[d];
                    b -= sb[d] * dims[d];
                    idx[d] = 0;
                }
            }
        };
    }

    /** One innermost row: {@code out[o + j] = mask[m + j im] != 0 ? x[a + j ia] : y[b + j ib]}. */
    private static void select(DType t, Tensor mask, int m, int im, Tensor x, int a, int ia, Tensor y, int b, int ib,
            Tensor out, int o, int inner) {
        switch (t) {
            case F32: {
                float[] xa = x.floats();
                float[] xb = y.floats();
                float[] r = out.floats();
                for (int j = 0; j < inner; j++) {
                    r[o + j] = mask.getDouble(m + j * im) != 0 ? xa[a + j * ia] : xb[b + j * ib];
                }
                break;
            }
            case F64: {
                double[] xa = x.doubles();
                double[] xb = y.doubles();
                double[] r = out.doubles();
                for (int j = 0; j < inner; j++) {
                    r[o + j] = mask.getDouble(m + j * im) != 0 ? xa[a + j * ia] : xb[b + j * ib];
                }
                break;
            }
            case I32: {
                int[] xa = x.ints();
                int[] xb = y.ints();
                int[] r = out.ints();
                for (int j = 0; j < inner; j++) {
                    r[o + j] = mask.getDouble(m + j * im) != 0 ? xa[a + j * ia] : xb[b + j * ib];
                }
                break;
            }
            default: {
                long[] xa = x.longs();
                long[] xb = y.longs();
                long[] r = out.longs();
                for (int j = 0; j < inner; j++) {
                    r[o + j] = mask.getDouble(m + j * im) != 0 ? xa[a + j * ia] : xb[b + j * ib];
                }
            }
        }
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        if (!node.dtype().isFloating()) {
            return List.of(Grad.none(), Grad.none(), Grad.none());
        }
        Ops o = ops(node);
        Node mask = node.input(0);
        Node zeros = o.zerosLike(g);
        return List.of(Grad.none(), Grad.of(o.where(mask, g, zeros)), Grad.of(o.where(mask, zeros, g)));
    }
}
