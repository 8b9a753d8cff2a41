package org.adjoint.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs one check over every spec for one seed and reports every failing spec at once (a failure
 * of one spec does not hide another's).
 */
public final class SpecRunner {

    /** A check of one spec on one seed, e.g. {@code OpCheck::firstOrder}. */
    @FunctionalInterface
    public interface Check {
        void run(OpSpec spec, long seed);
    }

    private SpecRunner() {
    }

    /**
     * The seed a spec gets for a run's seed: mixed with the spec's name, so that adding a spec
     * does not change the data the others see.
     */
    public static long specSeed(long seed, OpSpec spec) {
        long h = seed ^ (spec.name().hashCode() * 0x9E3779B97F4A7C15L);
        h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
        return h ^ (h >>> 33);
    }

    /** Runs {@code check} on every spec; throws one AssertionError listing all failures. */
    public static void forAll(List<OpSpec> specs, long seed, Check check) {
        List<Throwable> failures = new ArrayList<>();
        for (OpSpec spec : specs) {
            long s = specSeed(seed, spec);
            try {
                check.run(spec, s);
            } catch (AssertionError | RuntimeException e) {
                failures.add(e instanceof AssertionError ? e
                        : new AssertionError("spec '" + spec.name() + "', seed " + s + "L: threw " + e
                                + "\n  replay the same check with seed " + s + "L on spec '" + spec.name()
                                + "' declared at " + spec.declaredAt(), e));
            }
        }
        if (!failures.isEmpty()) {
            StringBuilder msg = new StringBuilder(failures.size() + " of " + specs.size() + " specs failed:");
            for (Throwable t : failures) {
                msg.append("\n- ").append(t.getMessage());
            }
            AssertionError all = new AssertionError(msg.toString());
            failures.forEach(all::addSuppressed);
            throw all;
        }
    }
}
