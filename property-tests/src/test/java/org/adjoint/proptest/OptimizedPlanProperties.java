package org.adjoint.proptest;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
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

    @OpProperty
    void everySpecAndItsGradientAgreeOptimizedInF64(@ForAll long seed) {
        SpecRunner.forAll(SPECS, seed, (spec, s) -> specAgrees(spec, s, DType.F64, 1e-12));
    }

    @OpProperty
    void everySpecAndItsGradientAgreeOptimizedInF32(@ForAll long seed) {
        SpecRunner.forAll(SPECS, seed, (spec, s) -> specAgrees(spec, s, DType.F32, 1e-5));
    }

    private static void specAgrees(OpSpec spec, long seed, DType floating, double rtol) {
        SplittableRandom rnd = new SplittableRandom(seed);
        OpSpec.Sample sample = spec.drawSample(rnd);
        SpecInstance in = SpecInstance.build(spec, seed, sample, floating);
        List<Node> outs = new ArrayList<>();
        outs.add(in.output);
        if (in.differentiable()) {
            outs.addAll(in.vjp(in.randomCotangent(), true));
        }
        String problem = compare(in.graph, in.feeds, outs, rtol);
        if (problem != null) {
            throw in.fail("optimized", problem);
        }
    }

    @Provide
    Arbitrary<List<Integer>> choices() {
        return Arbitraries.integers().between(0, RandomGraph.CHOICE_BOUND - 1).list()
                .ofMinSize(1).ofMaxSize(4 + 4 * RandomGraph.MAX_STEPS)
                .withSizeDistribution(RandomDistribution.uniform());
    }

    @Property(seed = OpProperty.SEED)
    void randomGraphsWithGradientsAndHvpsAgreeOptimized(@ForAll("choices") List<Integer> choices,
            @ForAll long valueSeed) {
        RandomGraph g = RandomGraph.decode(choices, valueSeed, SPECS);
        List<Node> outs = new ArrayList<>();
        outs.add(g.loss);
        List<Node> grads = Autodiff.of(g.loss).unconnectedAsZeros().wrt(g.usedInputs());
        outs.addAll(grads);
        outs.add(OpCheck.contract(g.o, grads, new SplittableRandom(valueSeed)));
        String problem = compare(g.graph, g.feeds(), outs, 1e-12);
        if (problem != null) {
            throw new AssertionError(problem + "\n" + g);
        }
    }

    @Property(seed = OpProperty.SEED, tries = 20)
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
        return GradCheck.of(g.loss).wrt(g.usedInputs()).feeds(g.feeds()).rtol(1e-5).atol(1e-6).seed(seed)
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
