package org.adjoint.bench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerJsonTest {

    /** What gemm_peer.py --json prints: its own lines, its own JSON, config and uniform cases. */
    static final String GEMM_OUTPUT = String.join("\n",
            "{\"config\": \"numpy 1.24.2, OpenBLAS 0.3.21 DYNAMIC_ARCH, core Cooperlake\"}",
            "{\"shape\": \"sq64\", \"threads\": 1, \"us\": 11.5, \"gflops\": 45.6}",
            "{\"bench\": \"GemmBench.sgemm\", \"params\": {\"shape\": \"sq64\", \"threads\": \"1\"}, "
                    + "\"samples_us\": [11.0, 12.0, 11.5]}",
            "shape sq64 done {not json",
            "{\"bench\": \"GemmBench.sgemm\", \"params\": {\"shape\": \"sq64\", \"threads\": 2}, \"samples_us\": [9.0]}",
            "");

    @Test
    void readsCasesAndConfigAndIgnoresEverythingElse() {
        PeerJson.Output out = PeerJson.parse(GEMM_OUTPUT);
        assertEquals(List.of("numpy 1.24.2, OpenBLAS 0.3.21 DYNAMIC_ARCH, core Cooperlake"), out.config());
        assertEquals(2, out.cases().size());
        PeerJson.Case one = out.cases().get(0);
        assertEquals("GemmBench.sgemm", one.bench());
        assertEquals(Map.of("shape", "sq64", "threads", "1"), one.params());
        assertArrayEquals(new double[] {11, 12, 11.5}, one.samplesUs(), 0);
        assertEquals(Map.of("shape", "sq64", "threads", "2"), out.cases().get(1).params(),
                "a numeric param (2) matches JMH's string \"2\"");
    }

    @Test
    void aCaseMatchesPointsWhoseParamsContainItsParams() {
        PeerJson.Case add = new PeerJson.Case("ElementwiseBench.add", Map.of("n", "1048576"), new double[] {1});
        assertTrue(add.matches(Fixtures.point("ElementwiseBench.add", "impl", "panama", "n", "1048576")));
        assertTrue(add.matches(Fixtures.point("ElementwiseBench.add", "impl", "scalar", "n", "1048576")),
                "the manifest's 'ours' column, not the case, restricts impl");
        assertFalse(add.matches(Fixtures.point("ElementwiseBench.add", "impl", "panama", "n", "16777216")));
        assertFalse(add.matches(Fixtures.point("ElementwiseBench.relu", "impl", "panama", "n", "1048576")));
        assertFalse(add.matches(Point.of("org.other.ElementwiseBench.add2", Map.of("n", "1048576"))));
        PeerJson.Case toy = new PeerJson.Case("ToyStepBench.trainStep", Map.of(), new double[] {1});
        assertTrue(toy.matches(Fixtures.point("ToyStepBench.trainStep")));
        PeerJson.Case mlp = new PeerJson.Case("MlpStepBench.trainStep", Map.of("threads", "1"), new double[] {1});
        assertFalse(mlp.matches(Fixtures.point("MlpStepBench.trainStep")),
                "a case with a param the point lacks matches nothing");
    }

    @Test
    void badCaseLinesNameTheLine() {
        assertEquals("peer output line 2: 'samples_us' is empty for X.y", assertThrows(IllegalArgumentException.class,
                () -> PeerJson.parse("hello\n{\"bench\": \"X.y\", \"samples_us\": []}")).getMessage());
        assertEquals("peer output line 1 'samples_us': expected a JSON array, got null",
                assertThrows(IllegalArgumentException.class, () -> PeerJson.parse("{\"bench\": \"X.y\"}")).getMessage());
        assertEquals("peer output line 1: sample -3.0 of X.y is not a positive time",
                assertThrows(IllegalArgumentException.class,
                        () -> PeerJson.parse("{\"bench\": \"X.y\", \"samples_us\": [1, -3]}")).getMessage());
    }
}
