package org.adjoint.ops.reduce;

import java.util.Arrays;
import org.adjoint.graph.DType;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.AbstractOp;
import org.adjoint.ops.internal.Reduce;

/**
 * The shared part of reductions over a set of axes (sum, max, min, logsumexp): the axes (all if
 * none, negative counting from the end), keepDims, the reduced type and the axes a gradient
 * re-inserts. Subclasses keep the math.
 */
abstract class AxisReduction extends AbstractOp {

    private final int[] axes;
    private final boolean keepDims;

    AxisReduction(String name, int[] axes, boolean keepDims) {
        super(name, 1);
        this.axes = axes == null ? new int[0] : axes.clone();
        this.keepDims = keepDims;
    }

    /** The axes as given (empty: all). */
    final int[] axes() {
        return axes.clone();
    }

    final boolean keepDims() {
        return keepDims;
    }

    @Override
    public final String attributes() {
        return "axes=" + (axes.length == 0 ? "all" : Arrays.toString(axes)) + (keepDims ? ", keepDims" : "");
    }

    /** Checks the axes against input 0 and returns the reduced type in input 0's dtype. */
    final TensorType reduced(TensorType[] in, OpContext ctx) {
        return reduced(in, ctx, in[0].dtype());
    }

    /** Checks the axes against input 0 and returns the reduced type in {@code dtype}. */
    final TensorType reduced(TensorType[] in, OpContext ctx, DType dtype) {
        int[] ax = Reduce.normalize(ctx, axes, in[0].shape().rank());
        return new TensorType(dtype, Reduce.reducedShape(in[0].shape(), ax, keepDims));
    }

    /** The normalized, sorted axes for the prepared input. */
    final int[] normalized(PrepareContext ctx) {
        return Reduce.normalize(ctx, axes, ctx.inputShape(0).rank());
    }

    /** The axes a gradient re-inserts into the reduced shape of {@code node}: none when kept. */
    final int[] reinserted(Node node) {
        return keepDims ? new int[0]
                : Reduce.normalize(new OpContext(name(), node.name()), axes, node.input(0).shape().rank());
    }
}
