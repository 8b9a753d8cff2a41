package org.adjoint.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import org.adjoint.graph.Tensor;

/** Comparisons of parameter snapshots. */
final class Compare {

    private Compare() {
    }

    /** max|a - b| / max|a|, the relative difference of two tensors. */
    static double relative(Tensor a, Tensor b) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.size(); i++) {
            diff = Math.max(diff, Math.abs(a.getDouble(i) - b.getDouble(i)));
            scale = Math.max(scale, Math.abs(a.getDouble(i)));
        }
        return scale == 0 ? diff : diff / scale;
    }

    /** Every tensor of {@code actual} within {@code rtol} (relative, per tensor) of {@code expected}; returns the worst. */
    static double assertClose(Map<String, Tensor> expected, Map<String, Tensor> actual, double rtol) {
        assertEquals(expected.keySet(), actual.keySet());
        double worst = 0;
        for (String name : expected.keySet()) {
            Tensor e = expected.get(name);
            Tensor a = actual.get(name);
            assertEquals(e.type(), a.type(), name);
            double r = relative(e, a);
            worst = Math.max(worst, r);
            if (!(r <= rtol)) {
                fail("'" + name + "' differs by " + r + " relative (tolerance " + rtol + ")");
            }
        }
        return worst;
    }

    static void assertBitwise(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            assertTrue(expected.get(name).bitwiseEquals(actual.get(name)), () -> "'" + name + "' is not bitwise equal: "
                    + relative(expected.get(name), actual.get(name)) + " relative");
        }
    }

    /** Whether any tensor differs (to show that a test can tell). */
    static boolean anyDifferent(Map<String, Tensor> a, Map<String, Tensor> b) {
        for (String name : a.keySet()) {
            if (!a.get(name).bitwiseEquals(b.get(name))) {
                return true;
            }
        }
        return false;
    }
}
