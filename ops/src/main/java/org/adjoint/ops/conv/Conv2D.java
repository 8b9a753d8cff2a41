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
 * 2-D cross-correlation (the "convolution" of deep learning), NCHW: input x [N, C, H, W], filters
 * w [F, C, KH, KW], an optional bias b [F] (a third input), output y [N, F, OH, OW] with
 * {@code OH = (H + 2 ph - KH) / sh + 1}:
 * {@code y[n, f, oy, ox] = b[f] + sum_{c, i, j} w[f, c, i, j] x[n, c, oy sh - ph + i, ox sw - pw + j]}
 * (zero outside x). Forward per image: im2col into scratch, then one GEMM
 * {@code W[F, C KH KW] cols} accumulating onto the bias. {@code dx = conv2d_backprop_input(g, w)}
 * (col2im), {@code dw = conv2d_backprop_filter(x, g)}, {@code db = sum(g, [0, 2, 3])}; the three
 * convolution ops are each other's gradients, so second order works.
 *
 * <p>NOTE: a primitive for speed and memory: a composite (patch extraction by gathers, then matmul)
 * would materialize the patches, KH*KW times the input, as graph tensors kept alive for the
 * backward pass, where the im2col buffer here is plan scratch (not benchmarked against such a
 * composite).
 */
public final class Conv2D extends ConvOp {

    public Conv2D(int[] stride, int[] padding) {
        super("conv2d", -1, stride, padding);
    }

    /** The output shape of a convolution of {@code x} with filters {@code w}; the shared shape rule. */
    static Shape outputShape(OpContext ctx, Shape x, Shape w, int[] stride, int[] padding) {
        Conv2DGeometry.pair(ctx, "stride", stride, 1);
        Conv2DGeometry.pair(ctx, "padding", padding, 0);
        Conv2DGeometry.requireNchw(ctx, "input", x, "[batch, channels, height, width]");
        Conv2DGeometry.requireNchw(ctx, "filter", w, "[out_channels, in_channels, kernel_h, kernel_w]");
        if (!Conv2DGeometry.fits(x.dim(1), w.dim(1))) {
            throw ctx.error("input has " + x.dim(1) + " channels but the filter expects " + w.dim(1) + " (input " + x
                    + ", filter " + w + ")");
        }
        Conv2DGeometry geo = new Conv2DGeometry(new int[] {w.dim(2), w.dim(3)}, stride, padding);
        return Shape.of(x.dim(0), w.dim(0), geo.outH(ctx, x, x.dim(2)), geo.outW(ctx, x, x.dim(3)));
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        if (in.length != 2 && in.length != 3) {
            throw ctx.error("expects input, filter and an optional bias, got " + in.length + " input(s)");
        }
        ctx.requireFloating(in, 0);
        ctx.requireFloating(in, 1);
        DType t = ctx.requireSameDType(in);
        Shape y = outputShape(ctx, in[0].shape(), in[1].shape(), stride, padding);
        if (in.length == 3 && !in[2].shape().isCompatibleWith(Shape.of(in[1].shape().dim(0)))) {
            throw ctx.error("bias must be [" + dimName(in[1].shape().dim(0)) + "] (one per filter), got "
                    + in[2].shape() + " for filter " + in[1].shape());
        }
        return new TensorType(t, y);
    }

    private static String dimName(int d) {
        return d == Shape.UNKNOWN ? "?" : Integer.toString(d);
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape ys = ctx.outputShape();
        Layout l = layout(ctx, ctx.inputShape(0), ctx.inputShape(1), ys.dim(2), ys.dim(3));
        GemmKernels gemm = KernelProvider.get().gemm();
        Scratch cols = ctx.scratch(ctx.outputDType(), l.table().length);
        int f = l.f();
        int p = l.p();
        int ckk = l.ckk();
        boolean bias = ctx.inputCount() == 3;
        if (ctx.outputDType() == DType.F32) {
            return (in, out, run) -> {
                float[] c = cols.floats(run);
                float[] y = out.floats();
                for (int i = 0; i < l.n(); i++) {
                    Conv2DGeometry.gather(in[0].floats(), i * l.imageSize(), l.table(), c);
                    if (bias) {
                        float[] b = in[2].floats();
                        for (int ch = 0; ch < f; ch++) {
                            java.util.Arrays.fill(y, (i * f + ch) * p, (i * f + ch + 1) * p, b[ch]);
                        }
                    }
                    gemm.sgemm(false, false, f, p, ckk, 1f, in[1].floats(), 0, ckk, c, 0, p, bias ? 1f : 0f, y,
                            i * f * p, p);
                }
            };
        }
        return (in, out, run) -> {
            double[] c = cols.doubles(run);
            double[] y = out.doubles();
            for (int i = 0; i < l.n(); i++) {
                Conv2DGeometry.gather(in[0].doubles(), i * l.imageSize(), l.table(), c);
                if (bias) {
                    double[] b = in[2].doubles();
                    for (int ch = 0; ch < f; ch++) {
                        java.util.Arrays.fill(y, (i * f + ch) * p, (i * f + ch + 1) * p, b[ch]);
                    }
                }
                gemm.dgemm(false, false, f, p, ckk, 1.0, in[1].doubles(), 0, ckk, c, 0, p, bias ? 1.0 : 0.0, y,
                        i * f * p, p);
            }
        };
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = ops(node);
        Node x = node.input(0);
        Node w = node.input(1);
        Node dx = o.apply(new Conv2DBackpropInput(stride, padding), g, w, x);
        Node dw = o.apply(new Conv2DBackpropFilter(stride, padding), x, g, w);
        if (node.inputCount() == 3) {
            return List.of(Grad.of(dx), Grad.of(dw), Grad.of(o.sum(g, 0, 2, 3)));
        }
        return List.of(Grad.of(dx), Grad.of(dw));
    }
}
