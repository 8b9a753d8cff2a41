package org.adjoint.proptest;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.adjoint.autodiff.Autodiff;
import org.adjoint.autodiff.GradCheck;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Outputs;
import org.adjoint.graph.Session;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.compile.CompileOptions;
import org.adjoint.ops.Ops;
import org.adjoint.testing.OpCheck;
import org.adjoint.testing.OpSpec;
import org.adjoint.testing.OpSpecSuite;
import org.adjoint.testing.RandomGraph;
import org.adjoint.testing.SpecRunner;

/**
 * Optimized plans (rewrites, fusion, in-place execution) compute what the graph as written
 * computes: for every spec's op and its vector-Jacobian product, in F64 and F32, and for random
 * DAGs with their gradients and Hessian-vector products, the outputs of a session with
 * {@link CompileOptions#none()} and of one with everything on agree within
 * <ul>
 *   <li>F64: {@code |a - b| <= 1e-12 * max(1, |a|)}; F32: {@code |a - b| <= 1e-5 * max(1, |a|)};</li>
 *   <li>NaN exactly where NaN, infinities equal.</li>
 * </ul>
 * The bound, rather than equal bits, covers the two rewrites that reassociate: a GEMM that
 * accumulates onto an added tensor sums {@code (x + p1) + p2} over its k-blocks where the
 * unfused plan sums {@code x + (p1 + p2)} (k above the kernels' block, 256), and {@code x + 0}
 * keeps {@code -0.0}. Everything else is bitwise (see the ops module's fusion and rule tests).
 * GradCheck gives the same verdict either way.
 */
class OptimizedPlanProperties {

    private static final List<OpSpec> SPECS = AllSpecs.all();
    private static final CompileOptions OFF = CompileOptions.none();
    private static final CompileOptions ON = CompileOptions.none().optimize(true);

    @Property(seed = "" + OpSpecSuite.SEED)
    void everySpecAndItsGradientAgreeOptimizedInF64(@ForAll long seed) {
        SpecRunner.forAll(SPECS, seed, (spec, s) -> specAgrees(spec, s, DType.F64, 1e-12));
    }

    @Property(seed = "" + OpSpecSuite.SEED)
    void everySpecAndItsGradientAgreeOptimizedInF32(@ForAll long seed) {
        SpecRunner.forAll(SPECS, seed, (spec, s) -> specAgrees(spec, s, DType.F32, 1e-5));
    }

    private static void specAgrees(OpSpec spec, long seed, DType floating, double rtol) {
        SplittableRandom rnd = new SplittableRandom(seed);
        OpSpec.Sample sample = spec.drawSample(rnd);
        Graph graph = new Graph();
        Ops o = Ops.on(graph);
        List<Node> placeholders = new ArrayList<>();
        Feeds feeds = Feeds.empty();
        for (int i = 0; i < sample.inputs().size(); i++) {
            Tensor t = sample.inputs().get(i);
            Tensor fed = t.dtype().isFloating() ? t.cast(floating) : t;
            Node p = o.placeholder("in" + i, fed.dtype(), fed.shape());
            placeholders.add(p);
            feeds = feeds.and(p, fed);
        }
        Node out = spec.buildOn(o, placeholders, sample.attrs());
        List<Node> outs = new ArrayList<>();
        outs.add(out);
        if (spec.differentiable().length > 0 && out.dtype().isFloating() && out.shape().isKnown()) {
            Tensor u = Tensor.zeros(out.dtype(), out.shape());
            for (int i = 0; i < u.size(); i++) {
                u.setDouble(i, 2 * rnd.nextDouble() - 1);
            }
            List<Node> xs = new ArrayList<>();
            for (int i : spec.differentiable()) {
                xs.add(placeholders.get(i));
            }
            outs.addAll(Autodiff.of(out).seed(o.constant(u)).unconnectedAsZeros().wrt(xs));
        }
        String problem = compare(graph, feeds, outs, rtol);
        if (problem != null) {
            throw new AssertionError("spec '" + spec.name() + "', seed " + seed + "L (" + sample + ", " + floating
                    + "): " + problem);
        }
    }

    @Provide
    Arbitrary<List<Integer>> choices() {
        return RandomGraph.choices();
    }

    @Property(seed = "" + OpSpecSuite.SEED)
    void randomGraphsWithGradientsAndHvpsAgreeOptimized(@ForAll("choices") List<Integer> choices,
            @ForAll long valueSeed) {
        RandomGraph g = RandomGraph.decode(choices, valueSeed, SPECS);
        List<Node> outs = new ArrayList<>();
        outs.add(g.loss());
        List<Node> grads = Autodiff.of(g.loss()).unconnectedAsZeros().wrt(g.usedInputs());
        outs.addAll(grads);
        outs.add(OpCheck.contract(Ops.on(g.graph()), grads, new SplittableRandom(valueSeed)));
        String problem = compare(g.graph(), g.feeds(), outs, 1e-12);
        if (problem != null) {
            throw new AssertionError(problem + "\n" + g);
        }
    }

    @Property(seed = "" + OpSpecSuite.SEED, tries = 20)
    void gradCheckGivesTheSameVerdictOptimizedOrNot(@ForAll("choices") List<Integer> choices,
            @ForAll long valueSeed) {
        RandomGraph g = RandomGraph.decode(choices, valueSeed, SPECS);
        GradCheck.Report on = withOptimization("true", () -> check(g, valueSeed));
        GradCheck.Report off = withOptimization("false", () -> check(g, valueSeed));
        if (on.passed() != off.passed() || on.failed() != off.failed()) {
            throw new AssertionError("optimized: " + on + "\nunoptimized: " + off + "\n" + g);
        }
        if (on.worst() == null || off.worst() == null) {
            return;     // nothing to check: the loss does not depend on the inputs
        }
        double a = on.worst().absError();
        double b = off.worst().absError();
        if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(b))) {
            throw new AssertionError("worst error " + a + " optimized, " + b + " unoptimized\n" + g);
        }
    }

    private static GradCheck.Report check(RandomGraph g, long seed) {
        return GradCheck.of(g.loss()).wrt(g.usedInputs()).feeds(g.feeds()).rtol(1e-5).atol(1e-6).seed(seed)
                .maxFullElements(OpCheck.FULL_JACOBIAN_LIMIT).run();
    }

    /** Runs {@code body} with {@code -Dadjoint.optimize} set (GradCheck's sessions read it). */
    private static <T> T withOptimization(String on, java.util.function.Supplier<T> body) {
        String saved = System.getProperty(CompileOptions.PROPERTY);
        System.setProperty(CompileOptions.PROPERTY, on);
        try {
            return body.get();
        } finally {
            if (saved == null) {
                System.clearProperty(CompileOptions.PROPERTY);
            } else {
                System.setProperty(CompileOptions.PROPERTY, saved);
            }
        }
    }

    /** Null if the optimized and unoptimized outputs agree within the bound, else what differs. */
    static String compare(Graph graph, Feeds feeds, List<Node> outs, double rtol) {
        Outputs a = new Session(graph, OFF).run(feeds, outs);
        Outputs b = new Session(graph, ON).run(feeds, outs);
        for (int k = 0; k < outs.size(); k++) {
            Tensor x = a.get(k);
            Tensor y = b.get(k);
            if (!x.type().equals(y.type())) {
                return "output " + k + " ('" + outs.get(k).name() + "'): type " + x.type() + " unoptimized, "
                        + y.type() + " optimized";
            }
            for (int i = 0; i < x.size(); i++) {
                double u = x.getDouble(i);
                double v = y.getDouble(i);
                boolean same = u == v || (Double.isNaN(u) && Double.isNaN(v))
                        || Math.abs(u - v) <= rtol * Math.max(1, Math.abs(u));
                if (!same) {
                    return "output " + k + " ('" + outs.get(k).name() + "')[" + i + "]: " + u + " unoptimized, " + v
                            + " optimized";
                }
            }
        }
        return null;
    }
}
