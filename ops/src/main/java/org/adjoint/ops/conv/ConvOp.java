package org.adjoint.ops.conv;

import java.util.Arrays;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Shape;
import org.adjoint.ops.AbstractOp;

/**
 * The shared part of the convolution family (conv2d and its two backprops, each the others'
 * gradient): stride and padding, their description, and the per-plan im2col geometry. Subclasses
 * keep their GEMM and their gradient rule.
 */
abstract class ConvOp extends AbstractOp {

    final int[] stride;
    final int[] padding;

    ConvOp(String name, int arity, int[] stride, int[] padding) {
        super(name, arity);
        this.stride = stride.clone();
        this.padding = padding.clone();
    }

    @Override
    public final String attributes() {
        return "stride=" + Arrays.toString(stride) + ", padding=" + Arrays.toString(padding);
    }

    /**
     * The im2col layout of one image for input {@code x} [N, C, H, W], filters {@code w}
     * [F, C, KH, KW] and output spatial size (oh, ow), built once per plan.
     */
    final Layout layout(PrepareContext ctx, Shape x, Shape w, int oh, int ow) {
        Conv2DGeometry geo = new Conv2DGeometry(new int[] {w.dim(2), w.dim(3)}, stride, padding);
        return new Layout(x.dim(0), x.dim(1), w.dim(0), x.dim(1) * geo.kh * geo.kw, oh * ow,
                x.dim(1) * x.dim(2) * x.dim(3), geo.im2colTable(x.dim(1), x.dim(2), x.dim(3), oh, ow));
    }

    /**
     * Sizes of the per-image GEMMs: n images, c input and f output channels, ckk = C KH KW rows
     * of the column matrix, p = OH OW output positions, the image size, and the shared
     * (read-only) gather table of {@link Conv2DGeometry#im2colTable}.
     */
    record Layout(int n, int c, int f, int ckk, int p, int imageSize, int[] table) {
    }
}
