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
 * The gradient of {@link Conv2D} with respect to its filters: inputs x [N, C, H, W],
 * g [N, F, OH, OW] and {@code like} [F, C, KH, KW] (shape only: with a stride the kernel size
 * cannot be recovered from x and g), output {@code dw} of like's run-time shape.
 * {@code dw = sum_n g_n cols_n^T}, images accumulated in order (deterministic). Linear in x and
 * in g: for a cotangent h of dw, {@code dx = conv2d_backprop_input(g, h, x)},
 * {@code dg = conv2d(x, h)}; no gradient to like.
 */
public final class Conv2DBackpropFilter extends ConvOp {

    public Conv2DBackpropFilter(int[] stride, int[] padding) {
        super("conv2d_backprop_filter", 3, stride, padding);
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        ctx.requireFloating(in, 1);
        DType t = ctx.requireSameDType(in);
        Shape x = in[0].shape();
        Shape g = in[1].shape();
        Shape w = in[2].shape();
        Conv2DGeometry.requireNchw(ctx, "gradient", g, "[batch, out_channels, out_h, out_w]");
        Shape expected = Conv2D.outputShape(ctx, x, w, stride, padding);
        if (!expected.isCompatibleWith(g)) {
            throw ctx.error("gradient " + g + " does not match the convolution output " + expected + " of input " + x
                    + " and filter " + w);
        }
        return new TensorType(t, w);
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape g = ctx.inputShape(1);
        Layout l = layout(ctx, ctx.inputShape(0), ctx.outputShape(), g.dim(2), g.dim(3));
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
                    Conv2DGeometry.gather(in[0].floats(), i * l.imageSize(), l.table(), c);
                    gemm.sgemm(false, true, f, ckk, p, 1f, in[1].floats(), i * f * p, p, c, 0, p, 1f, out.floats(), 0,
                            ckk);
                }
            };
        }
        return (in, out, run) -> {
            double[] c = cols.doubles(run);
            java.util.Arrays.fill(out.doubles(), 0.0);
            for (int i = 0; i < l.n(); i++) {
                Conv2DGeometry.gather(in[0].doubles(), i * l.imageSize(), l.table(), c);
                gemm.dgemm(false, true, f, ckk, p, 1.0, in[1].doubles(), i * f * p, p, c, 0, p, 1.0, out.doubles(), 0,
                        ckk);
            }
        };
    }

    @Override
    public List<Grad> backward(Node node, Node h) {
        Ops o = ops(node);
        Node x = node.input(0);
        Node g = node.input(1);
        Node dx = o.apply(new Conv2DBackpropInput(stride, padding), g, h, x);
        Node dg = o.apply(new Conv2D(stride, padding), x, h);
        return List.of(Grad.of(dx), Grad.of(dg), Grad.none());
    }
}
