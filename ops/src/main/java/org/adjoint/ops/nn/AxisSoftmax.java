package org.adjoint.ops.nn;

import org.adjoint.graph.DType;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.kernels.ReductionKernels;

/**
 * Shared shape rule and forward pass of {@link Softmax} and {@link LogSoftmax} along one axis. The
 * tensor is viewed as (outer, n, inner) around the axis; the last axis (inner == 1) runs the row
 * kernels, any other axis a strided loop with the same max-subtracted formula.
 */
final class AxisSoftmax {

    private AxisSoftmax() {
    }

    static TensorType infer(TensorType[] in, OpContext ctx, int axis) {
        ctx.requireFloating(in, 0);
        if (in[0].shape().rank() == 0) {
            throw ctx.error("needs rank >= 1, got a scalar " + in[0]);
        }
        ctx.axis(axis, in[0].shape().rank());
        return in[0];
    }

    /** {@code y = softmax(x)} (or log-softmax with {@code log}) along {@code axis}. */
    static void forward(Tensor x, Tensor y, int axis, boolean log) {
        Shape s = x.shape();
        int a = axis < 0 ? axis + s.rank() : axis;
        int outer = 1;
        int inner = 1;
        for (int d = 0; d < a; d++) {
            outer *= s.dim(d);
        }
        for (int d = a + 1; d < s.rank(); d++) {
            inner *= s.dim(d);
        }
        int n = s.dim(a);
        if (x.size() == 0) {
            return;
        }
        if (inner == 1) {
            ReductionKernels k = KernelProvider.get().reductions();
            if (x.dtype() == DType.F32) {
                if (log) {
                    k.logSoftmax(x.floats(), 0, outer, n, y.floats(), 0);
                } else {
                    k.softmax(x.floats(), 0, outer, n, y.floats(), 0);
                }
            } else if (log) {
                k.logSoftmax(x.doubles(), 0, outer, n, y.doubles(), 0);
            } else {
                k.softmax(x.doubles(), 0, outer, n, y.doubles(), 0);
            }
            return;
        }
        // strided loop: one (outer, inner) column at a time, accumulated in double
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) {
                    max = Math.max(max, x.getDouble(base + k * inner));
                }
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += Math.exp(x.getDouble(base + k * inner) - max);
                }
                double logSum = Math.log(sum);
                for (int k = 0; k < n; k++) {
                    double shifted = x.getDouble(base + k * inner) - max;
                    y.setDouble(base + k * inner, log ? shifted - logSum : Math.exp(shifted) / sum);
                }
            }
        }
    }
}
