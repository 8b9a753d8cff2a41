package org.adjoint.ops.elementwise;

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
import org.adjoint.kernels.BinaryOp;
import org.adjoint.kernels.ElementwiseKernels;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.ops.AbstractOp;

/**
 * {@code y = x_0 + x_1 + ... + x_{n-1}} of tensors of one floating dtype and shape (no
 * broadcasting), summed in input order into the output buffer: the autodiff engine's fan-in sum
 * (a weight used at every step of a sequence gets one pass instead of n - 1 chained adds, and
 * no intermediate buffers). {@code dx_k = g}.
 */
public final class AddN extends AbstractOp {

    public static final AddN INSTANCE = new AddN();

    private AddN() {
        super("add_n", -1);
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        if (in.length == 0) {
            throw ctx.error("needs at least one input");
        }
        for (int i = 0; i < in.length; i++) {
            ctx.requireFloating(in, i);
        }
        DType t = ctx.requireSameDType(in);
        int[] dims = in[0].shape().dims();
        for (int i = 1; i < in.length; i++) {
            Shape s = in[i].shape();
            if (!s.isCompatibleWith(in[0].shape())) {
                throw ctx.error("input " + i + " has shape " + s + " but input 0 has " + in[0].shape()
                        + " (add_n does not broadcast)");
            }
            for (int d = 0; d < dims.length; d++) {
                if (dims[d] == Shape.UNKNOWN) {
                    dims[d] = s.dim(d);
                }
            }
        }
        return new TensorType(t, Shape.of(dims));
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        int n = ctx.inputCount();
        int size = ctx.outputShape().size();
        ElementwiseKernels k = KernelProvider.get().elementwise();
        if (ctx.outputDType() == DType.F32) {
            return (in, out, run) -> {
                if (n == 1) {
                    System.arraycopy(in[0].floats(), 0, out.floats(), 0, size);
                    return;
                }
                k.binary(BinaryOp.ADD, in[0].floats(), 0, 0, 1, in[1].floats(), 0, 0, 1, out.floats(), 0, 1, size);
                for (int i = 2; i < n; i++) {
                    k.binary(BinaryOp.ADD, out.floats(), 0, 0, 1, in[i].floats(), 0, 0, 1, out.floats(), 0, 1, size);
                }
            };
        }
        return (in, out, run) -> {
            if (n == 1) {
                System.arraycopy(in[0].doubles(), 0, out.doubles(), 0, size);
                return;
            }
            k.binary(BinaryOp.ADD, in[0].doubles(), 0, 0, 1, in[1].doubles(), 0, 0, 1, out.doubles(), 0, 1, size);
            for (int i = 2; i < n; i++) {
                k.binary(BinaryOp.ADD, out.doubles(), 0, 0, 1, in[i].doubles(), 0, 0, 1, out.doubles(), 0, 1, size);
            }
        };
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        List<Grad> grads = new ArrayList<>(node.inputCount());
        for (int i = 0; i < node.inputCount(); i++) {
            grads.add(Grad.of(g));
        }
        return grads;
    }
}
