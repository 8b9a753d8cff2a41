package org.adjoint.ops.shape;

import java.util.ArrayList;
import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.AbstractOp;
import org.adjoint.ops.Ops;

/**
 * Stacks n tensors of one dtype and shape along a new axis {@code axis} of the output (negative
 * counts from the end of the output): the per-step outputs of a recurrent layer back into
 * [batch, time, hidden] with one copy. {@code dx_k = select(g, axis, k)}.
 */
public final class Stack extends AbstractOp {

    private final int axis;

    public Stack(int axis) {
        super("stack", -1);
        this.axis = axis;
    }

    @Override
    public String attributes() {
        return "axis=" + axis;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        if (in.length == 0) {
            throw ctx.error("needs at least one input");
        }
        DType t = ctx.requireSameDType(in);
        Shape first = in[0].shape();
        int[] dims = first.dims();
        for (int i = 1; i < in.length; i++) {
            Shape s = in[i].shape();
            if (!s.isCompatibleWith(first)) {
                throw ctx.error("input " + i + " has shape " + s + " but input 0 has " + first + " (all must agree)");
            }
            for (int d = 0; d < dims.length; d++) {
                if (dims[d] == Shape.UNKNOWN) {
                    dims[d] = s.dim(d);
                }
            }
        }
        int a = ctx.axis(axis, first.rank() + 1);
        int[] out = new int[dims.length + 1];
        for (int d = 0, j = 0; d < out.length; d++) {
            out[d] = d == a ? in.length : dims[j++];
        }
        return new TensorType(t, Shape.of(out));
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape os = ctx.outputShape();
        int a = axis < 0 ? axis + os.rank() : axis;
        int outer = 1;
        int inner = 1;
        for (int d = 0; d < a; d++) {
            outer *= os.dim(d);
        }
        for (int d = a + 1; d < os.rank(); d++) {
            inner *= os.dim(d);
        }
        int n = ctx.inputCount();
        int rows = outer;
        int cols = inner;
        return (in, out, run) -> {
            Object to = out.array();
            for (int k = 0; k < n; k++) {
                Object from = in[k].array();
                for (int o = 0; o < rows; o++) {
                    System.arraycopy(from, o * cols, to, (o * n + k) * cols, cols);
                }
            }
        };
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = ops(node);
        List<Grad> grads = new ArrayList<>(node.inputCount());
        for (int k = 0; k < node.inputCount(); k++) {
            grads.add(node.dtype().isFloating() ? Grad.of(o.apply(new Select(axis, k), g)) : Grad.none());
        }
        return grads;
    }
}
