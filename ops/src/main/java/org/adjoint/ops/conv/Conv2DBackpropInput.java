package org.adjoint.ops.conv;

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
import org.adjoint.kernels.GemmKernels;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.ops.Ops;

/**
 * The gradient of {@link Conv2D} with respect to its input (a transposed convolution): inputs
 * g [N, F, OH, OW], filters w [F, C, KH, KW] and {@code like} [N, C, H, W] (shape only), output
 * {@code dx} of {@code like}'s run-time shape. Per image: {@code cols = W^T g} (one GEMM into
 * scratch), then col2im adds each column back to the pixels it came from.
 * Linear in g and in w: for a cotangent h of dx, {@code dg = conv2d(h, w)},
 * {@code dw = conv2d_backprop_filter(h, g, w)}; no gradient to {@code like}.
 */
public final class Conv2DBackpropInput extends ConvOp {

    public Conv2DBackpropInput(int[] stride, int[] padding) {
        super("conv2d_backprop_input", 3, stride, padding);
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        ctx.requireFloating(in, 1);
        DType t = ctx.requireSameDType(in);
        Conv2DGeometry.requireNchw(ctx, "gradient", in[0].shape(), "[batch, out_channels, out_h, out_w]");
        Shape expected = Conv2D.outputShape(ctx, in[2].shape(), in[1].shape(), stride, padding);
        if (!expected.isCompatibleWith(in[0].shape())) {
            throw ctx.error("gradient " + in[0].shape() + " does not match the convolution output " + expected
                    + " of input " + in[2].shape() + " and filter " + in[1].shape());
        }
        return new TensorType(t, in[2].shape());
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape g = ctx.inputShape(0);
        Layout l = layout(ctx, ctx.outputShape(), ctx.inputShape(1), g.dim(2), g.dim(3));
        GemmKernels gemm = KernelProvider.get().gemm();
        Scratch cols = ctx.scratch(ctx.outputDType(), l.table().length);
        int f = l.f();
        int p = l.p();
        int ckk = l.ckk();
        if (ctx.outputDType() == DType.F32) {
            return (in, out, run) -> {
                float[] c = cols.floats(run);
                java.util.Arrays.fill(out.floats(), 0f);
                for (int i = 0; i < l.n(); i++) {
                    gemm.sgemm(true, false, ckk, p, f, 1f, in[1].floats(), 0, ckk, in[0].floats(), i * f * p, p, 0f, c,
                            0, p);
                    Conv2DGeometry.scatterAdd(c, l.table(), out.floats(), i * l.imageSize());
                }
            };
        }
        return (in, out, run) -> {
            double[] c = cols.doubles(run);
            java.util.Arrays.fill(out.doubles(), 0.0);
            for (int i = 0; i < l.n(); i++) {
                gemm.dgemm(true, false, ckk, p, f, 1.0, in[1].doubles(), 0, ckk, in[0].doubles(), i * f * p, p, 0.0, c,
                        0, p);
                Conv2DGeometry.scatterAdd(c, l.table(), out.doubles(), i * l.imageSize());
            }
        };
    }

    @Override
    public List<Grad> backward(Node node, Node h) {
        Ops o = ops(node);
        Node g = node.input(0);
        Node w = node.input(1);
        Node dg = o.apply(new Conv2D(stride, padding), h, w);
        Node dw = o.apply(new Conv2DBackpropFilter(stride, padding), h, g, w);
        return List.of(Grad.of(dg), Grad.of(dw), Grad.none());
    }
}
