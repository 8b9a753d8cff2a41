package org.adjoint.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every check of {@link OpCheck} on your specs, as JUnit tests: extend it, list your specs, and
 * the test run shows one container per spec and one test per check.
 *
 * <pre>{@code
 * class SwishOpTest extends OpSpecSuite {
 *     @Override
 *     protected List<OpSpec> specs() {
 *         return List.of(OpSpec.of("swish", Swish.class)
 *                 .inputs(rnd -> List.of(Gen.uniform(rnd, Gen.shape(rnd, 0, 3), -4, 4)))
 *                 .build((o, in) -> o.apply(new Swish(), in.get(0)))
 *                 .reference(in -> Ref.unary(in.get(0), x -> x / (1 + Math.exp(-x))))
 *                 .differentiable(0));
 *     }
 * }
 * }</pre>
 *
 * <p>Each check runs on {@link #tries()} seeds per spec (system property {@code adjoint.tries},
 * default 20), derived from {@link #seed()} (system property {@code adjoint.seed}, default
 * {@link #SEED}: CI sees the same inputs on every run) and the spec's name, so adding a spec does
 * not change what the others see. A failure names the check, the spec, the seed, the drawn input
 * types and the line that replays it, pointing at the spec's declaration:
 * <pre>
 * [firstOrder] spec 'swish', seed 4768713439419671870L (inputs f64[3, 2]): GradCheck FAILED ...
 *   replay: OpCheck.firstOrder(spec, 4768713439419671870L) with spec 'swish' declared at
 *   com.example.SwishOpTest.specs(SwishOpTest.java:14)
 * </pre>
 * The kit ships no test-engine configuration; it depends on JUnit Jupiter (tests) and jqwik
 * (shrinkable random graphs, {@link RandomGraph#choices()}) for you.
 */
public abstract class OpSpecSuite {

    /** The default base seed. */
    public static final long SEED = 20261125L;

    /** The specs to check; names must be unique. */
    protected abstract List<OpSpec> specs();

    /** The checks to run, by {@link OpCheck#checks()} name (default: all of them). */
    protected List<String> checks() {
        return new ArrayList<>(OpCheck.checks().keySet());
    }

    /** Seeds per check and spec: {@code -Dadjoint.tries=N}, default 20. */
    protected int tries() {
        return Integer.getInteger("adjoint.tries", 20);
    }

    /** The base seed: {@code -Dadjoint.seed=N} explores other inputs, default {@link #SEED}. */
    protected long seed() {
        return Long.getLong("adjoint.seed", SEED);
    }

    @TestFactory
    public Stream<DynamicNode> everySpecPassesEveryCheck() {
        List<OpSpec> specs = specs();
        Set<String> names = new HashSet<>();
        for (OpSpec spec : specs) {
            spec.validate();
            if (!names.add(spec.name())) {
                throw new IllegalArgumentException("two specs are named '" + spec.name() + "'");
            }
        }
        Map<String, SpecRunner.Check> all = OpCheck.checks();
        List<String> chosen = checks();
        for (String c : chosen) {
            if (!all.containsKey(c)) {
                throw new IllegalArgumentException("no check named '" + c + "'; checks are " + all.keySet());
            }
        }
        int tries = tries();
        long base = seed();
        return specs.stream().map(spec -> DynamicContainer.dynamicContainer(spec.name(), chosen.stream()
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    SpecRunner.Check check = all.get(name);
                    int runs = name.equals("errors") ? 1 : tries;
                    for (int t = 0; t < runs; t++) {
                        check.run(spec, SpecRunner.specSeed(base + t, spec));
                    }
                }))));
    }
}
