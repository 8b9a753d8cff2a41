package org.adjoint.proptest;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.adjoint.testing.OpSpec;
import org.adjoint.testing.OpSpecSuite;
import org.adjoint.testing.RandomGraph;

/**
 * Gradients of random DAGs of registered ops match finite differences, to first and second
 * order. Steps use core ops wired by shape, or any spec's op (see {@link RandomGraph#decode}). The
 * DAG is decoded from a shrinkable list of choices, so a failure shrinks to a small graph,
 * printed node by node.
 */
class RandomGraphProperties {

    private static final List<OpSpec> SPECS = AllSpecs.all();

    @Provide
    Arbitrary<List<Integer>> choices() {
        return RandomGraph.choices();
    }

    @Property(seed = "" + OpSpecSuite.SEED)
    void gradientsMatchFiniteDifferences(@ForAll("choices") List<Integer> choices, @ForAll long valueSeed) {
        RandomGraph.checkGradients(choices, valueSeed, SPECS);
    }

    @Property(seed = "" + OpSpecSuite.SEED)
    void hessianVectorProductsMatchFiniteDifferences(@ForAll("choices") List<Integer> choices,
            @ForAll long valueSeed) {
        RandomGraph.checkHessianVectorProducts(choices, valueSeed, SPECS);
    }
}
