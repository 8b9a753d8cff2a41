package org.adjoint.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.adjoint.testing.FaultyCube.Fault;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

/** The suite's structure: a container per spec, a test per check, the failing check the faulty one. */
class OpSpecSuiteTest {

    private static OpSpecSuite suite(List<OpSpec> specs, List<String> checks) {
        return new OpSpecSuite() {
            @Override
            protected List<OpSpec> specs() {
                return specs;
            }

            @Override
            protected List<String> checks() {
                return checks == null ? super.checks() : checks;
            }

            @Override
            protected int tries() {
                return 3;
            }
        };
    }

    /** "spec / check" -> "pass" or the failing message's first line. */
    private static Map<String, String> run(OpSpecSuite suite) {
        Map<String, String> results = new TreeMap<>();
        for (DynamicNode spec : suite.everySpecPassesEveryCheck().collect(Collectors.toList())) {
            DynamicContainer c = (DynamicContainer) spec;
            for (DynamicNode check : c.getChildren().collect(Collectors.toList())) {
                String key = c.getDisplayName() + " / " + check.getDisplayName();
                try {
                    ((DynamicTest) check).getExecutable().execute();
                    results.put(key, "pass");
                } catch (Throwable t) {
                    results.put(key, t.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
        return results;
    }

    @Test
    void oneContainerPerSpecOneTestPerCheckAndOnlyTheFaultyCheckFails() {
        Map<String, String> results = run(suite(List.of(FaultyCube.spec(Fault.NONE), FaultyCube.spec(Fault.BACKWARD_SCALE)),
                null));
        assertEquals(2 * OpCheck.checks().size(), results.size());
        List<String> failed = new ArrayList<>();
        results.forEach((k, v) -> {
            if (!v.equals("pass")) {
                failed.add(k);
            }
        });
        assertEquals(List.of("faulty_cube(backward_scale) / firstOrder"), failed, results.toString());
    }

    @Test
    void aChosenSubsetOfChecksRunsAlone() {
        Map<String, String> results = run(suite(List.of(FaultyCube.spec(Fault.NONE)), List.of("forward", "errors")));
        assertEquals(Map.of("faulty_cube(none) / errors", "pass", "faulty_cube(none) / forward", "pass"), results);
    }

    @Test
    void misdeclaredSuitesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> suite(List.of(FaultyCube.spec(Fault.NONE), FaultyCube.spec(Fault.NONE)), null)
                        .everySpecPassesEveryCheck());
        assertEquals("two specs are named 'faulty_cube(none)'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> suite(List.of(FaultyCube.spec(Fault.NONE)), List.of("fowrard")).everySpecPassesEveryCheck());
        assertEquals("no check named 'fowrard'; checks are " + OpCheck.checks().keySet(), e.getMessage());
    }
}
