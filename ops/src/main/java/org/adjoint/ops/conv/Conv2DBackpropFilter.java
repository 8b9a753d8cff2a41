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
 * The gradient of {@link Conv2D} with respect to its filters: inputs x [N, C, H, W],
 * g [N, F, OH, OW] and {@code like} [F, C, KH, KW] (shape only: with a stride the kernel size
 * cannot be recovered from x and g), output {@code dw} of like's run-time shape.
 * {@code dw = sum_n g_n cols_n^T}, images accumulated in order (deterministic). Linear in x and
 * in g: for a cotangent h of dw, {@code dx = conv2d_backprop_input(g, h, x)},
 * {@code dg = conv2d(x, h)}; no gradient to like.
 */
public final class Conv2DBackpropFilter implements Op {

    private final int[] stride;
    private final int[] padding;
    private final Conv2DGeometry.TableCache tables = new Conv2DGeometry.TableCache();

    public Conv2DBackpropFilter(int[] stride, int[] padding) {
        this.stride = stride.clone();
        this.padding = padding.clone();
    }

    @Override
    public String name() {
        return "conv2d_backprop_filter";
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
    public void forward(Tensor[] in, Tensor out) {
        Shape x = in[0].shape();
        Shape g = in[1].shape();
        Shape w = out.shape();
        Conv2DGeometry geo = new Conv2DGeometry(new int[] {w.dim(2), w.dim(3)}, stride, padding);
        int n = x.dim(0);
        int c = x.dim(1);
        int f = g.dim(1);
        int ckk = c * geo.kh * geo.kw;
        int p = g.dim(2) * g.dim(3);
        int imageSize = c * x.dim(2) * x.dim(3);
        int[] table = tables.table(geo, c, x.dim(2), x.dim(3), g.dim(2), g.dim(3));
        GemmKernels gemm = KernelProvider.get().gemm();
        out.fill(0);
        if (out.dtype() == DType.F32) {
            float[] cols = new float[table.length];
            for (int i = 0; i < n; i++) {
                Conv2DGeometry.gather(in[0].floats(), i * imageSize, table, cols);
                gemm.sgemm(false, true, f, ckk, p, 1f, in[1].floats(), i * f * p, p, cols, 0, p, 1f, out.floats(), 0, ckk);
            }
        } else {
            double[] cols = new double[table.length];
            for (int i = 0; i < n; i++) {
                Conv2DGeometry.gather(in[0].doubles(), i * imageSize, table, cols);
                gemm.dgemm(false, true, f, ckk, p, 1.0, in[1].doubles(), i * f * p, p, cols, 0, p, 1.0, out.doubles(), 0,
                        ckk);
            }
        }
    }

    @Override
    public List<Grad> backward(Node node, Node h) {
        Ops o = Ops.on(node.graph());
        Node x = node.input(0);
        Node g = node.input(1);
        Node dx = o.apply(new Conv2DBackpropInput(stride, padding), g, h, x);
        Node dg = o.apply(new Conv2D(stride, padding), x, h);
        return List.of(Grad.of(dx), Grad.of(dg), Grad.none());
    }
}
