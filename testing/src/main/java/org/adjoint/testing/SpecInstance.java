package org.adjoint.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.adjoint.autodiff.Autodiff;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.ops.Ops;

/** A spec instantiated for one seed: a fresh graph, one placeholder per input, the op's node. */
final class SpecInstance {
    final OpSpec spec;
    final long seed;
    final OpSpec.Sample sample;
    final Graph graph = new Graph();
    final Ops ops = Ops.on(graph);
    final List<Node> placeholders = new ArrayList<>();
    final Node output;
    final Feeds feeds;
    final Session session = new Session(graph);
    /** Randomness for cotangents and directions, continuing after the sample was drawn. */
    final SplittableRandom rnd;

    private SpecInstance(OpSpec spec, long seed, OpSpec.Sample sample, DType floating, SplittableRandom rnd) {
        this(spec, seed, sample, floating, rnd, false);
    }

    private SpecInstance(OpSpec spec, long seed, OpSpec.Sample sample, DType floating, SplittableRandom rnd,
            boolean unknownDims) {
        this.spec = spec;
        this.seed = seed;
        this.sample = sample;
        this.rnd = rnd;
        Feeds f = Feeds.empty();
        List<Tensor> inputs = sample.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor t = inputs.get(i);
            Tensor fed = t.dtype().isFloating() ? t.cast(floating) : t;
            Shape declared = fed.shape();
            if (unknownDims) {
                int[] dims = new int[declared.rank()];
                java.util.Arrays.fill(dims, Shape.UNKNOWN);
                declared = Shape.of(dims);
            }
            Node p = graph.placeholder("in" + i, fed.dtype(), declared);
            placeholders.add(p);
            f = f.and(p, fed);
        }
        this.feeds = f;
        try {
            this.output = spec.buildOn(ops, List.copyOf(placeholders), sample.attrs());
        } catch (RuntimeException e) {
            throw fail("build", "building the op threw " + e, e);
        }
    }

    /** Draws the spec's sample for {@code seed} and builds it in F64. */
    static SpecInstance draw(OpSpec spec, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        OpSpec.Sample sample = spec.drawSample(rnd);
        return new SpecInstance(spec, seed, sample, DType.F64, rnd);
    }

    /** Draws the spec's sample for {@code seed} and builds it in F64 with every placeholder dimension unknown. */
    static SpecInstance drawUnknownDims(OpSpec spec, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        OpSpec.Sample sample = spec.drawSample(rnd);
        return new SpecInstance(spec, seed, sample, DType.F64, rnd, true);
    }

    /** Builds a given sample with floating inputs in {@code floating}. */
    static SpecInstance build(OpSpec spec, long seed, OpSpec.Sample sample, DType floating) {
        return new SpecInstance(spec, seed, sample, floating, new SplittableRandom(seed ^ 0x5DEECE66DL));
    }

    boolean differentiable() {
        return spec.differentiable().length > 0 && output.dtype().isFloating();
    }

    List<Node> differentiableInputs() {
        List<Node> xs = new ArrayList<>();
        for (int i : spec.differentiable()) {
            xs.add(placeholders.get(i));
        }
        return xs;
    }

    Shape outputShape() {
        return output.shape().isKnown() ? output.shape() : session.eval(feeds, output).shape();
    }

    /** A random constant cotangent of the output's type. */
    Node randomCotangent() {
        return ops.constant(Gen.uniform(rnd, outputShape(), -1, 1).cast(output.dtype()));
    }

    /** Gradients of the differentiable inputs for cotangent {@code u}. */
    List<Node> vjp(Node u, boolean zerosIfUnconnected) {
        Autodiff.Builder b = Autodiff.of(output).seed(u);
        if (zerosIfUnconnected) {
            b = b.unconnectedAsZeros();
        }
        return b.wrt(differentiableInputs());
    }

    AssertionError fail(String check, String detail) {
        return fail(check, detail, null);
    }

    AssertionError fail(String check, String detail, Throwable cause) {
        String msg = "[" + check + "] spec '" + spec.name() + "', seed " + seed + "L (" + sample + "): " + detail
                + "\n  replay: " + spec.replay(check.equals("build") ? "forward" : check, seed);
        return new AssertionError(msg, cause);
    }
}
