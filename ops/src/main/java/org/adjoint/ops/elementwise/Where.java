package org.adjoint.ops.elementwise;

import org.adjoint.ops.internal.Broadcast;
import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.Ops;

/**
 * {@code y = mask != 0 ? a : b} elementwise, all three broadcast together (NumPy rules). The mask
 * may be of any dtype (comparisons produce f32/f64 masks); a and b share a dtype.
 * {@code da = where(mask, g, 0)}, {@code db = where(mask, 0, g)}, no gradient to the mask.
 *
 * <p>NOTE: a primitive, not {@code mask * a + (1 - mask) * b}: that composite turns an inf or
 * NaN in the branch that is <em>not</em> selected into NaN (0 * inf), in the value and in the
 * gradient. where's own rule sends exact zeros to the unselected branch, but that branch's rule
 * may still make NaN of them ({@code log}'s {@code g / x} is 0 / 0 at x = 0): write a safe log as
 * {@code where(x > 0, log(where(x > 0, x, 1)), 0)}.
 */
public final class Where implements Op {

    public static final Where INSTANCE = new Where();

    private Where() {
    }

    @Override
    public String name() {
        return "where";
    }

    @Override
    public int arity() {
        return 3;
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
    public void forward(Tensor[] in, Tensor out) {
        Shape os = out.shape();
        int n = out.size();
        if (n == 0) {
            return;
        }
        int rank = os.rank();
        int[] sm = Broadcast.alignedStrides(in[0].shape(), os);
        int[] sa = Broadcast.alignedStrides(in[1].shape(), os);
        int[] sb = Broadcast.alignedStrides(in[2].shape(), os);
        int inner = rank == 0 ? 1 : os.dim(rank - 1);
        int im = rank == 0 ? 0 : sm[rank - 1];
        int ia = rank == 0 ? 0 : sa[rank - 1];
        int ib = rank == 0 ? 0 : sb[rank - 1];
        int[] idx = new int[Math.max(rank, 1)];
        int m = 0;
        int a = 0;
        int b = 0;
        for (int o = 0; o < n; o += inner) {
            switch (out.dtype()) {
                case F32: {
                    float[] xa = in[1].floats();
                    float[] xb = in[2].floats();
                    float[] y = out.floats();
                    for (int j = 0; j < inner; j++) {
                        y[o + j] = in[0].getDouble(m + j * im) != 0 ? xa[a + j * ia] : xb[b + j * ib];
                    }
                    break;
                }
                case F64: {
                    double[] xa = in[1].doubles();
                    double[] xb = in[2].doubles();
                    double[] y = out.doubles();
                    for (int j = 0; j < inner; j++) {
                        y[o + j] = in[0].getDouble(m + j * im) != 0 ? xa[a + j * ia] : xb[b + j * ib];
                    }
                    break;
                }
                default: {
                    int[] xa = in[1].ints();
                    int[] xb = in[2].ints();
                    int[] y = out.ints();
                    for (int j = 0; j < inner; j++) {
                        y[o + j] = in[0].getDouble(m + j * im) != 0 ? xa[a + j * ia] : xb[b + j * ib];
                    }
                }
            }
            // odometer over the outer dimensions
            for (int d = rank - 2; d >= 0; d--) {
                idx[d]++;
                m += sm[d];
                a += sa[d];
                b += sb[d];
                if (idx[d] < os.dim(d)) {
                    break;
                }
                m -= sm[d] * os.dim(d);
                a -= sa[d] * os.dim(d);
                b -= sb[d] * os.dim(d);
                idx[d] = 0;
            }
        }
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        if (!node.dtype().isFloating()) {
            return List.of(Grad.none(), Grad.none(), Grad.none());
        }
        Ops o = Ops.on(node.graph());
        Node mask = node.input(0);
        Node zeros = o.zerosLike(g);
        return List.of(Grad.none(), Grad.of(o.where(mask, g, zeros)), Grad.of(o.where(mask, zeros, g)));
    }
}
