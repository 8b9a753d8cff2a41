package org.adjoint.proptest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.adjoint.graph.Op;
import org.adjoint.ops.OpRegistry;
import org.adjoint.ops.elementwise.Add;
import org.adjoint.ops.elementwise.Sub;
import org.adjoint.testing.OpSpec;
import org.junit.jupiter.api.Test;

/** Every registered op has a spec, and the specs are well formed (EJML-style counting). */
class RegistryCoverageTest {

    /** The registered classes that no spec covers, in registry order. */
    static List<Class<? extends Op>> missing(List<Class<? extends Op>> registered, List<OpSpec> specs) {
        Set<Class<? extends Op>> covered = new HashSet<>();
        for (OpSpec s : specs) {
            covered.add(s.opClass());
        }
        List<Class<? extends Op>> out = new ArrayList<>();
        for (Class<? extends Op> c : registered) {
            if (!covered.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Throws naming every registered op without a spec. */
    static void requireCoverage(List<Class<? extends Op>> registered, List<OpSpec> specs) {
        List<Class<? extends Op>> missing = missing(registered, specs);
        if (!missing.isEmpty()) {
            StringBuilder names = new StringBuilder();
            for (Class<? extends Op> c : missing) {
                names.append(names.length() == 0 ? "" : ", ").append(c.getSimpleName());
            }
            throw new AssertionError(missing.size() + " registered op(s) without an OpSpec: " + names
                    + " (declare one in the family's *Specs class)");
        }
    }

    @Test
    void everyRegisteredOpHasASpec() {
        requireCoverage(OpRegistry.all(), AllSpecs.all());
    }

    @Test
    void aMissingSpecFailsNamingTheOp() {
        List<OpSpec> onlyAdd = new ArrayList<>();
        for (OpSpec s : AllSpecs.all()) {
            if (s.opClass() == Add.class) {
                onlyAdd.add(s);
            }
        }
        AssertionError e = assertThrows(AssertionError.class,
                () -> requireCoverage(List.of(Add.class, Sub.class), onlyAdd));
        assertEquals("1 registered op(s) without an OpSpec: Sub (declare one in the family's *Specs class)",
                e.getMessage());
    }

    @Test
    void specNamesAreUnique() {
        Set<String> names = new LinkedHashSet<>();
        for (OpSpec s : AllSpecs.all()) {
            assertTrue(names.add(s.name()), "two specs are named '" + s.name() + "'");
        }
    }

    @Test
    void everySpecClassIsRegistered() {
        for (OpSpec s : AllSpecs.all()) {
            assertTrue(OpRegistry.all().contains(s.opClass()),
                    "spec '" + s.name() + "' tests " + s.opClass().getName() + ", which is not in OpRegistry");
        }
    }

    @Test
    void differentiableIndicesNameInputs() {
        for (OpSpec s : AllSpecs.all()) {
            int inputs = s.drawInputs(new java.util.SplittableRandom(1)).size();
            for (int i : s.differentiable()) {
                assertTrue(i >= 0 && i < inputs, "spec '" + s.name() + "': differentiable index " + i + " but only "
                        + inputs + " inputs");
            }
        }
    }
}
