package org.adjoint.ops.reduce;

import org.adjoint.graph.DType;
import org.adjoint.graph.Node;
import org.adjoint.ops.Composite;
import org.adjoint.ops.Ops;

/** Composite statistics over axes: mean and variance (see {@link Composite} for naming). */
public final class Statistics {

    private Statistics() {
    }

    /**
     * Mean over {@code axes} (all if none): {@code sum(x, axes) / reduced_size(x, axes)}, correct
     * when the batch is known only at run time. The mean of an integer tensor (an i32 mask of
     * correct predictions: accuracy) is f32: its exact i64 sum, cast, over the count.
     */
    public static Node mean(Ops o, Node x, boolean keepDims, int... axes) {
        return Composite.build(o, "mean", c -> {
            Ops in = c.inner();
            if (x.dtype().isInteger()) {
                Node total = in.cast(in.sum(x, keepDims, axes), DType.F32);
                return c.last().div(total, in.apply(new ReducedSize(axes, DType.F32), x));
            }
            return c.last().div(in.sum(x, keepDims, axes), in.reducedSize(x, axes));
        });
    }

    /**
     * Population variance (divides by n) over {@code axes} (all if none): the composite
     * {@code mean(square(x - mean(x)))}, two passes, so no catastrophic cancellation of
     * {@code E[x^2] - E[x]^2}.
     */
    public static Node variance(Ops o, Node x, boolean keepDims, int... axes) {
        return Composite.build(o, "variance", c -> {
            if (!x.dtype().isFloating()) {
                throw c.error("input must be f32 or f64, got " + x.type() + " (cast it first)");
            }
            Ops in = c.inner();
            Node centered = in.sub(x, in.mean(x, true, axes));
            return c.last().mean(in.square(centered), keepDims, axes);
        });
    }
}
