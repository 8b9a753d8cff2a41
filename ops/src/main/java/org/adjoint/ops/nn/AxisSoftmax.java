package org.adjoint.ops.nn;

import org.adjoint.graph.DType;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.kernels.ReductionKernels;
import org.adjoint.ops.AbstractOp;

/**
 * The shared part of {@link Softmax} and {@link LogSoftmax} along one axis: the axis, the type
 * rule and the kernel. The tensor is viewed as (outer, n, inner) around the axis; the last axis
 * (inner == 1) runs the row kernels, any other axis a strided loop with the same max-subtracted
 * formula. Subclasses keep only their gradient.
 */
abstract class AxisSoftmax extends AbstractOp {

    private final int axis;
    private final boolean log;

    AxisSoftmax(String name, int axis, boolean log) {
        super(name, 1);
        this.axis = axis;
        this.log = log;
    }

    public final int axis() {
        return axis;
    }

    @Override
    public final String attributes() {
        return "axis=" + axis;
    }

    @Override
    public final TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        if (in[0].shape().rank() == 0) {
            throw ctx.error("needs rank >= 1, got a scalar " + in[0]);
        }
        ctx.axis(axis, in[0].shape().rank());
        return in[0];
    }

    @Override
    public final OpKernel prepare(PrepareContext ctx) {
        Shape s = ctx.inputShape(0);
        int a = axis < 0 ? axis + s.rank() : axis;
        int outerCount = 1;
        int innerCount = 1;
        for (int d = 0; d < a; d++) {
            outerCount *= s.dim(d);
        }
        for (int d = a + 1; d < s.rank(); d++) {
            innerCount *= s.dim(d);
        }
        int outer = outerCount;
        int inner = innerCount;
        int n = s.dim(a);
        if (s.size() == 0) {
            return (in, out, run) -> { };
        }
        if (inner == 1) {
            ReductionKernels k = KernelProvider.get().reductions();
            boolean f32 = ctx.outputDType() == DType.F32;
            if (f32 && log) {
                return (in, out, run) -> k.logSoftmax(in[0].floats(), 0, outer, n, out.floats(), 0);
            } else if (f32) {
                return (in, out, run) -> k.softmax(in[0].floats(), 0, outer, n, out.floats(), 0);
            } else if (log) {
                return (in, out, run) -> k.logSoftmax(in[0].doubles(), 0, outer, n, out.doubles(), 0);
            }
            return (in, out, run) -> k.softmax(in[0].doubles(), 0, outer, n, out.doubles(), 0);
        }
        return (in, out, run) -> strided(in[0], out, outer, n, inner);
    }

    /** One (outer, inner) column at a time, accumulated in double. */
    private void strided(Tensor x, Tensor y, int outer, int n, int inner) {
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
