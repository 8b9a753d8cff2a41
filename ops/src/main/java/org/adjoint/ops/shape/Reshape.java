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
import org.adjoint.ops.internal.Blocks;

/**
 * Same elements, new shape (row-major order kept). One target dimension may be -1: it is
 * inferred from the element count (at plan compile time if the input has an unknown dimension).
 * {@code dx = reshape_like(g, x)}.
 */
public final class Reshape extends AbstractOp {

    private final int[] dims;

    public Reshape(int... dims) {
        super("reshape", 1);
        this.dims = dims.clone();
    }

    @Override
    public String attributes() {
        return "shape=" + Arrays.toString(dims);
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        Shape s = in[0].shape();
        int wildcard = -1;
        long known = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1) {
                if (wildcard >= 0) {
                    throw ctx.error("target shape " + Arrays.toString(dims) + " has more than one -1");
                }
                wildcard = i;
            } else if (dims[i] < 0) {
                throw ctx.error("target shape " + Arrays.toString(dims) + " has a negative dimension");
            } else {
                known *= dims[i];
            }
        }
        int size = s.size();
        int[] out = dims.clone();
        if (size == Shape.UNKNOWN) {
            return new TensorType(in[0].dtype(), Shape.of(out));
        }
        if (wildcard >= 0) {
            if (known == 0 || size % known != 0) {
                throw ctx.error("cannot reshape " + s + " (" + size + " elements) to " + Arrays.toString(dims));
            }
            out[wildcard] = (int) (size / known);
        } else if (known != size) {
            throw ctx.error("cannot reshape " + s + " (" + size + " elements) to " + Arrays.toString(dims) + " ("
                    + known + " elements)");
        }
        return new TensorType(in[0].dtype(), Shape.of(out));
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        return (in, out, run) -> Blocks.copyAll(in[0], out);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.of(ops(node).reshapeLike(g, node.input(0))));
    }
}
