package org.adjoint.ops.conv;

import java.util.Arrays;
import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.GemmKernels;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.ops.Ops;

/**
 * The gradient of {@link Conv2D} with respect to its input (a transposed convolution): inputs
 * g [N, F, OH, OW], filters w [F, C, KH, KW] and {@code like} [N, C, H, W] (shape only), output
 * {@code dx} of {@code like}'s run-time shape. Per image: {@code cols = W^T g} (one GEMM), then
 * col2im adds each column back to the pixels it came from.
 * Linear in g and in w: for a cotangent h of dx, {@code dg = conv2d(h, w)},
 * {@code dw = conv2d_backprop_filter(h, g, w)}; no gradient to {@code like}.
 */
public final class Conv2DBackpropInput implements Op {

    private final int[] stride;
    private final int[] padding;
    private final Conv2DGeometry.TableCache tables = new Conv2DGeometry.TableCache();

    public Conv2DBackpropInput(int[] stride, int[] padding) {
        this.stride = stride.clone();
        this.padding = padding.clone();
    }

    @Override
    public String name() {
        return "conv2d_backprop_input";
    }

    @Override
    public String attributes() {
        return "stride=" + Arrays.toString(stride) + ", padding=" + Arrays.toString(padding);
    }

    @Override
    public int arity() {
        return 3;
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
    public void forward(Tensor[] in, Tensor out) {
        Shape g = in[0].shape();
        Shape w = in[1].shape();
        Shape x = out.shape();
        Conv2DGeometry geo = new Conv2DGeometry(new int[] {w.dim(2), w.dim(3)}, stride, padding);
        int n = x.dim(0);
        int c = x.dim(1);
        int f = w.dim(0);
        int ckk = c * geo.kh * geo.kw;
        int p = g.dim(2) * g.dim(3);
        int imageSize = c * x.dim(2) * x.dim(3);
        int[] table = tables.table(geo, c, x.dim(2), x.dim(3), g.dim(2), g.dim(3));
        GemmKernels gemm = KernelProvider.get().gemm();
        out.fill(0);
        if (out.dtype() == DType.F32) {
            float[] cols = new float[table.length];
            for (int i = 0; i < n; i++) {
                gemm.sgemm(true, false, ckk, p, f, 1f, in[1].floats(), 0, ckk, in[0].floats(), i * f * p, p, 0f, cols, 0, p);
                Conv2DGeometry.scatterAdd(cols, table, out.floats(), i * imageSize);
            }
        } else {
            double[] cols = new double[table.length];
            for (int i = 0; i < n; i++) {
                gemm.dgemm(true, false, ckk, p, f, 1.0, in[1].doubles(), 0, ckk, in[0].doubles(), i * f * p, p, 0.0, cols,
                        0, p);
                Conv2DGeometry.scatterAdd(cols, table, out.doubles(), i * imageSize);
            }
        }
    }

    @Override
    public List<Grad> backward(Node node, Node h) {
        Ops o = Ops.on(node.graph());
        Node g = node.input(0);
        Node w = node.input(1);
        Node dg = o.apply(new Conv2D(stride, padding), h, w);
        Node dw = o.apply(new Conv2DBackpropFilter(stride, padding), h, g, w);
        return List.of(Grad.of(dg), Grad.of(dw), Grad.none());
    }
}
