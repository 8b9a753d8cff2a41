package org.adjoint.bench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RunArgsTest {

    @Test
    void presetsAndOptions() {
        RunArgs a = RunArgs.parse("--quick", "--filter", "Gemm|ToyStep", "--param", "shape=sq256,sq1024",
                "--rounds", "3", "--save-baseline", "main-2026", "--compare", "bench/reports/latest", "--publish");
        assertEquals("quick", a.preset.name());
        assertEquals(3, a.preset.rounds(), "--rounds overrides the preset's 2");
        assertEquals(Preset.QUICK.iterations(), a.preset.iterations());
        assertTrue(a.selects("org.adjoint.bench.GemmBench.sgemm"));
        assertTrue(a.selects("org.adjoint.bench.ToyStepBench.trainStep"));
        assertFalse(a.selects("org.adjoint.bench.ElementwiseBench.add"));
        assertArrayEquals(new String[] {"sq256", "sq1024"}, a.params.get("shape"));
        assertEquals("main-2026", a.saveBaseline);
        assertEquals("bench/reports/latest", a.compare);
        assertTrue(a.publish);
        assertEquals("--quick --filter 'Gemm|ToyStep' --param shape=sq256,sq1024 --rounds 3 --save-baseline main-2026 "
                + "--compare bench/reports/latest --publish", a.commandLine());
        RunArgs d = RunArgs.parse();
        assertEquals(Preset.DEFAULT, d.preset);
        assertTrue(d.selects("anything"));
        assertEquals("/usr/bin/python3", d.python);
        assertEquals(Preset.FULL, RunArgs.parse("--full").preset);
        assertEquals(110.0, RunArgs.parse("--peak-gflops", "110").peakGflops);
    }

    @Test
    void presetsGrowFromQuickToFull() {
        for (Preset[] pair : new Preset[][] {{Preset.QUICK, Preset.DEFAULT}, {Preset.DEFAULT, Preset.FULL}}) {
            double small = pair[0].rounds() * (pair[0].warmupIterations() * pair[0].warmupMs()
                    + pair[0].iterations() * pair[0].iterationMs());
            double large = pair[1].rounds() * (pair[1].warmupIterations() * pair[1].warmupMs()
                    + pair[1].iterations() * pair[1].iterationMs());
            assertTrue(small < large, pair[0].name() + " must measure less than " + pair[1].name());
            assertTrue(pair[0].peerScale() <= pair[1].peerScale());
        }
        assertTrue(Preset.QUICK.rounds() >= 2, "a ratio needs two rounds for a range");
    }

    @Test
    void badArgumentsAreNamed() {
        assertEquals("unknown argument '--fast' (--help lists the options)",
                assertThrows(IllegalArgumentException.class, () -> RunArgs.parse("--fast")).getMessage());
        assertEquals("choose one preset: --full after another preset",
                assertThrows(IllegalArgumentException.class, () -> RunArgs.parse("--quick", "--full")).getMessage());
        assertEquals("--filter needs a value",
                assertThrows(IllegalArgumentException.class, () -> RunArgs.parse("--filter")).getMessage());
        assertEquals("--compare needs a value",
                assertThrows(IllegalArgumentException.class, () -> RunArgs.parse("--compare", "--quick")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunArgs.parse("--filter", "Gemm("))
                .getMessage().startsWith("--filter: bad regex 'Gemm(': "));
        assertEquals("--param expects NAME=V1,V2, got 'shape'",
                assertThrows(IllegalArgumentException.class, () -> RunArgs.parse("--param", "shape")).getMessage());
        assertEquals("--rounds must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> RunArgs.parse("--rounds", "0")).getMessage());
        assertEquals("--rounds expects a whole number, got 'two'",
                assertThrows(IllegalArgumentException.class, () -> RunArgs.parse("--rounds", "two")).getMessage());
        assertEquals("--peak-gflops must be positive, got -3",
                assertThrows(IllegalArgumentException.class, () -> RunArgs.parse("--peak-gflops", "-3")).getMessage());
        assertEquals("--save-baseline: a name of letters, digits, '.', '_' and '-' is expected, got '../x'",
                assertThrows(IllegalArgumentException.class, () -> RunArgs.parse("--save-baseline", "../x"))
                        .getMessage());
    }
}
