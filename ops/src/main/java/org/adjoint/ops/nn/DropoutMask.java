package org.adjoint.ops.nn;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.RunContext;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.AbstractOp;

/**
 * The scaled keep-mask of inverted dropout, with the run-time type of its input (whose values are
 * not read): each element is {@code 1/keep} with probability {@code keep}, else 0. Dropout is
 * {@code x * mask}; because the mask is its own node, the forward pass and the gradient
 * {@code g * mask} of one run use the same mask. No gradient.
 *
 * <p>The mask of a run is drawn from {@code (seed, the run's random step)} ({@link RunContext}):
 * a SplitMix64 stream seeded from both fills it in order (the draws of a
 * {@code java.util.SplittableRandom} with that seed), so the mask depends only on
 * the seed and the step, not on kernels, thread counts or other runs. A session gives each
 * training run the next step unless the run fixes one (a trainer passes its global step; a
 * gradient check one step for all its evaluations).
 */
public final class DropoutMask extends AbstractOp {

    private final double keep;
    private final long seed;

    public DropoutMask(double keep, long seed) {
        super("dropout", 1);
        this.keep = keep;
        this.seed = seed;
    }

    public double keep() {
        return keep;
    }

    @Override
    public String attributes() {
        return "keep=" + keep + ", seed=" + seed;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        if (!(keep > 0 && keep <= 1)) {
            throw ctx.error("keep probability must be in (0, 1], got keep=" + keep);
        }
        return in[0];
    }

    /** The mask of the run's random step; the same step gives the same mask. */
    @Override
    public OpKernel prepare(PrepareContext ctx) {
        return (in, out, run) -> fill(out, run.randomStep());
    }

    private void fill(Tensor out, long step) {
        long state = mix(seed, step);
        double scale = 1.0 / keep;
        int n = out.size();
        for (int i = 0; i < n; i++) {
            out.setDouble(i, uniform(state, i) < keep ? scale : 0.0);
        }
    }

    /**
     * The {@code i}-th {@code nextDouble()} of {@code new SplittableRandom(state)}, computed
     * directly (SplitMix64: the state advanced by {@code i + 1} golden gammas, then mixed), so a
     * run draws its mask without allocating a generator.
     */
    static double uniform(long state, int i) {
        long z = state + (i + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }

    /** A well-mixed seed for run {@code run} (MurmurHash3 finalizer of a seed-and-run combination). */
    static long mix(long seed, long run) {
        long z = seed * 0x9E3779B97F4A7C15L + run;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.none());
    }
}
