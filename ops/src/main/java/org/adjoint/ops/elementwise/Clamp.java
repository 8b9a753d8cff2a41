package org.adjoint.ops.elementwise;

import org.adjoint.graph.Node;
import org.adjoint.ops.Composite;
import org.adjoint.ops.Ops;

/**
 * Clamping as composites of {@link Maximum} and {@link Minimum}, so the gradient passes where the
 * bound holds (including at the bound, the tie going to x) and is 0 beyond it.
 */
public final class Clamp {

    private Clamp() {
    }

    /**
     * {@code min(max(x, lo), hi)}.
     *
     * @throws IllegalArgumentException if {@code lo > hi} or either is NaN
     */
    public static Node clamp(Ops o, Node x, double lo, double hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clamp: lo must be <= hi, got [" + lo + ", " + hi + "]");
        }
        return Composite.build(o, "clamp", c -> c.last().minimum(c.inner().maximum(x, lo), hi));
    }

    /**
     * {@code max(x, lo)}: one-sided clamp from below (the gradient passes where {@code x >= lo}).
     *
     * @throws IllegalArgumentException if {@code lo} is NaN
     */
    public static Node clampMin(Ops o, Node x, double lo) {
        if (Double.isNaN(lo)) {
            throw new IllegalArgumentException("clamp_min: lo must be a number, got NaN");
        }
        return Composite.build(o, "clamp_min", c -> c.last().maximum(x, lo));
    }

    /**
     * {@code min(x, hi)}: one-sided clamp from above (the gradient passes where {@code x <= hi}).
     *
     * @throws IllegalArgumentException if {@code hi} is NaN
     */
    public static Node clampMax(Ops o, Node x, double hi) {
        if (Double.isNaN(hi)) {
            throw new IllegalArgumentException("clamp_max: hi must be a number, got NaN");
        }
        return Composite.build(o, "clamp_max", c -> c.last().minimum(x, hi));
    }
}
