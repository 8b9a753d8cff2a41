package org.adjoint.ops.nn;

import java.util.List;
import java.util.SplittableRandom;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.RunContext;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;

/**
 * The scaled keep-mask of inverted dropout, with the run-time type of its input (whose values are
 * not read): each element is {@code 1/keep} with probability {@code keep}, else 0. Dropout is
 * {@code x * mask}; because the mask is its own node, the forward pass and the gradient
 * {@code g * mask} of one run use the same mask. No gradient.
 *
 * <p>The mask of a run is drawn from {@code (seed, the run's random step)} ({@link RunContext}):
 * a {@link SplittableRandom} seeded from both fills it sequentially, so the mask depends only on
 * the seed and the step, not on kernels, thread counts or other runs. A session gives each
 * training run the next step unless the run fixes one (a trainer passes its global step; a
 * gradient check one step for all its evaluations).
 */
public final class DropoutMask implements Op {

    private final double keep;
    private final long seed;

    public DropoutMask(double keep, long seed) {
        this.keep = keep;
        this.seed = seed;
    }

    public double keep() {
        return keep;
    }

    @Override
    public String name() {
        return "dropout";
    }

    @Override
    public String attributes() {
        return "keep=" + keep + ", seed=" + seed;
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        if (!(keep > 0 && keep <= 1)) {
            throw ctx.error("keep probability must be in (0, 1], got keep=" + keep);
        }
        return in[0];
    }

    /** Without a run context: the mask of random step 0. */
    @Override
    public void forward(Tensor[] in, Tensor out) {
        fill(out, 0);
    }

    @Override
    public void forward(Tensor[] in, Tensor out, RunContext run) {
        fill(out, run.randomStep());
    }

    private void fill(Tensor out, long step) {
        SplittableRandom rnd = new SplittableRandom(mix(seed, step));
        double scale = 1.0 / keep;
        int n = out.size();
        for (int i = 0; i < n; i++) {
            out.setDouble(i, rnd.nextDouble() < keep ? scale : 0.0);
        }
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
