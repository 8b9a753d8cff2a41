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
import org.adjoint.graph.Node;

/**
 * Gradients of random DAGs of registered ops match finite differences, to first and second
 * order. The DAG is decoded from a shrinkable list of choices (see {@link RandomGraph}), so a
 * failure shrinks to a small graph, printed node by node.
 */
class RandomGraphProperties {

    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-6;

    @Provide
    Arbitrary<List<Integer>> choices() {
        return Arbitraries.integers().between(0, RandomGraph.CHOICE_BOUND - 1).list()
                .ofMinSize(1).ofMaxSize(4 + 4 * RandomGraph.MAX_STEPS)
                .withSizeDistribution(RandomDistribution.uniform());
    }

    @Property(seed = OpProperty.SEED)
    void gradientsMatchFiniteDifferences(@ForAll("choices") List<Integer> choices, @ForAll long valueSeed) {
        RandomGraph g = RandomGraph.decode(choices, valueSeed);
        GradCheck.Report r = GradCheck.of(g.loss).wrt(g.usedInputs()).feeds(g.feeds()).rtol(RTOL).atol(ATOL)
                .seed(valueSeed).maxFullElements(OpCheck.FULL_JACOBIAN_LIMIT).run();
        if (!r.passed()) {
            throw new AssertionError(r + "\n" + g);
        }
    }

    @Property(seed = OpProperty.SEED)
    void hessianVectorProductsMatchFiniteDifferences(@ForAll("choices") List<Integer> choices,
            @ForAll long valueSeed) {
        RandomGraph g = RandomGraph.decode(choices, valueSeed);
        List<Node> grads = Autodiff.of(g.loss).wrt(g.usedInputs());
        Node s = OpCheck.contract(g.o, grads, new SplittableRandom(valueSeed));
        List<Node> connected = new ArrayList<>();
        for (Node x : g.usedInputs()) {
            if (OpCheck.dependsOn(s, x)) {
                connected.add(x);
            }
        }
        if (connected.isEmpty()) {
            return; // the loss is linear in every input
        }
        GradCheck.Report r = GradCheck.of(s).wrt(connected).feeds(g.feeds()).rtol(RTOL).atol(ATOL)
                .seed(valueSeed).maxFullElements(OpCheck.FULL_JACOBIAN_LIMIT).run();
        if (!r.passed()) {
            throw new AssertionError("Hessian-vector product: " + r + "\n" + g);
        }
    }
}
