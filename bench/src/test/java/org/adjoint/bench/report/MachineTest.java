package org.adjoint.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MachineTest {

    @Test
    void peakPerCoreFollowsTheVectorUnits() {
        Set<String> avx512 = Set.of("fma", "avx2", "avx512f");
        // Zen 4 (family 25) runs 512-bit FMAs as two 256-bit halves: 2 units x 8 lanes x 2 FLOP x 2.6 GHz;
        // Zen 5 (family 26) has full 512-bit units
        assertEquals(83.2, Machine.peakGflopsPerCore(avx512, "AuthenticAMD", 25, 2600), 1e-9);
        assertEquals(166.4, Machine.peakGflopsPerCore(avx512, "AuthenticAMD", 26, 2600), 1e-9);
        assertEquals(166.4, Machine.peakGflopsPerCore(avx512, "GenuineIntel", 6, 2600), 1e-9);
        assertEquals(96.0, Machine.peakGflopsPerCore(Set.of("fma", "avx2"), "GenuineIntel", 6, 3000), 1e-9);
        assertTrue(Double.isNaN(Machine.peakGflopsPerCore(avx512, "AuthenticAMD", 25, Double.NaN)));
        assertEquals(83.1, Machine.peakFrom(Map.of("peak", "83.1 GFLOP/s per core (...)")), 0);
        assertTrue(Double.isNaN(Machine.peakFrom(Map.of())));
    }

    @Test
    void describesThisJvm() {
        Map<String, String> m = Machine.gather();
        assertEquals(System.getProperty("java.home"), m.get("jdk.home"));
        assertTrue(m.get("jdk").contains(System.getProperty("java.runtime.version")), m.get("jdk"));
        assertTrue(m.get("cores").startsWith(Runtime.getRuntime().availableProcessors() + ""), m.get("cores"));
        // the test JVM runs with --add-modules jdk.incubator.vector (root pom's argLine)
        assertTrue(m.get("vector").startsWith("FloatVector.SPECIES_PREFERRED = Species[float, "), m.get("vector"));
        assertTrue(m.get("kernels").startsWith("panama") || m.get("kernels").startsWith("scalar"), m.get("kernels"));
        for (String key : Machine.COMPARED) {
            assertTrue(m.containsKey(key), "compared key " + key + " is gathered");
            assertFalse(m.get(key).isBlank(), key);
        }
        assertTrue(Machine.loadAverage().endsWith("(1, 5, 15 min)") || Machine.loadAverage().equals("unknown"));
    }
}
