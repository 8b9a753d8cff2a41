package org.adjoint.proptest;

import java.util.ArrayList;
import java.util.List;
import org.adjoint.testing.OpSpec;

/** Every spec of every family. */
public final class AllSpecs {

    private static final List<SpecProvider> PROVIDERS = List.of(
            new CoreSpecs(), new ElementwiseSpecs(), new ReductionShapeSpecs(), new NetworkSpecs(), new IntegerSpecs(), new IndexingSpecs());

    private AllSpecs() {
    }

    public static List<OpSpec> all() {
        List<OpSpec> out = new ArrayList<>();
        for (SpecProvider p : PROVIDERS) {
            for (OpSpec s : p.specs()) {
                out.add(s.validate());
            }
        }
        return out;
    }

    /** The spec with this name (for replaying a reported failure). */
    public static OpSpec named(String name) {
        for (OpSpec s : all()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no spec named '" + name + "'");
    }
}
