package org.adjoint.ops.shape;

import java.util.Arrays;
import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.AbstractOp;
import org.adjoint.ops.internal.Broadcast;
import org.adjoint.ops.internal.Strided;

/**
 * Broadcasts to a static target shape (NumPy rules: the input aligned right, each dimension equal
 * or 1). A target dimension of -1 keeps the input's dimension there (e.g. the batch).
 * {@code dx = g}: the autodiff engine sums it back down to x's shape, as for any broadcasting op.
 */
public final class BroadcastTo extends AbstractOp {

    private final int[] target;

    public BroadcastTo(int... target) {
        super("broadcast_to", 1);
        this.target = target.clone();
    }

    @Override
    public String attributes() {
        return "shape=" + Arrays.toString(target);
    }

    @Override
    public boolean broadcasts() {
        return true;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        Shape s = in[0].shape();
        String want = Arrays.toString(target).replace("-1", "?");
        if (s.rank() > target.length) {
            throw ctx.error("cannot broadcast " + s + " to " + want + " (rank " + s.rank() + " > " + target.length
                    + ")");
        }
        int lead = target.length - s.rank();
        int[] dims = new int[target.length];
        for (int d = 0; d < dims.length; d++) {
            int t = target[d];
            int x = d < lead ? 1 : s.dim(d - lead);
            if (t < -1) {
                throw ctx.error("target shape " + want + " has a negative dimension");
            }
            if (t == -1) {
                if (d < lead) {
                    throw ctx.error("target dimension " + d + " of " + want + " is -1 but the input " + s
                            + " has no dimension there");
                }
                dims[d] = x;
            } else if (x == t || x == 1 || x == Shape.UNKNOWN) {
                dims[d] = t;
            } else {
                throw ctx.error("cannot broadcast " + s + " to " + want + " (dimension " + d + ": " + x + " != "
                        + t + ")");
            }
        }
        return new TensorType(in[0].dtype(), Shape.of(dims));
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Strided copy = Broadcast.copy(ctx, ctx.inputShape(0), ctx.outputShape());
        return (in, out, run) -> copy.gather(in[0], out, run);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(g));
    }
}
