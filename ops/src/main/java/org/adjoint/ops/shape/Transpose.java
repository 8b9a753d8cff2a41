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
import org.adjoint.ops.internal.Strided;

/**
 * Permutes axes: output axis i is input axis {@code perm[i]}. {@code dx = transpose(g, inverse(perm))}.
 * An empty perm reverses the axes (the matrix transpose for rank 2).
 */
public final class Transpose extends AbstractOp {

    private final int[] perm;

    public Transpose(int... perm) {
        super("transpose", 1);
        this.perm = perm.clone();
    }

    public int[] perm() {
        return perm.clone();
    }

    @Override
    public String attributes() {
        return "perm=" + Arrays.toString(perm);
    }

    private int[] resolved(int rank) {
        if (perm.length != 0) {
            return perm;
        }
        int[] rev = new int[rank];
        for (int i = 0; i < rank; i++) {
            rev[i] = rank - 1 - i;
        }
        return rev;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        Shape s = in[0].shape();
        int[] p = resolved(s.rank());
        if (p.length != s.rank()) {
            throw ctx.error("perm " + Arrays.toString(perm) + " has " + p.length + " axes, input has shape " + s);
        }
        boolean[] seen = new boolean[p.length];
        int[] dims = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            if (p[i] < 0 || p[i] >= p.length || seen[p[i]]) {
                throw ctx.error("perm " + Arrays.toString(perm) + " is not a permutation of 0.." + (p.length - 1));
            }
            seen[p[i]] = true;
            dims[i] = s.dim(p[i]);
        }
        return new TensorType(in[0].dtype(), Shape.of(dims));
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape x = ctx.inputShape(0);
        int rank = x.rank();
        int[] p = resolved(rank);
        int[] xStrides = x.strides();
        int[] st = new int[rank];  // input stride along each output axis
        for (int i = 0; i < rank; i++) {
            st[i] = xStrides[p[i]];
        }
        Strided copy = new Strided(ctx, ctx.outputShape().dims(), st, rank);
        return (in, out, run) -> copy.gather(in[0], out, run);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        int[] p = resolved(node.input(0).shape().rank());
        int[] inv = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            inv[p[i]] = i;
        }
        return List.of(Grad.of(ops(node).transpose(g, inv)));
    }
}
