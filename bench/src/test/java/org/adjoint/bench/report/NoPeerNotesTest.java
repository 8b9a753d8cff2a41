package org.adjoint.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NoPeerNotesTest {

    @Test
    void aBenchmarkWithoutPeerByDesignIsNamedOnceWithItsReason() {
        List<String> notes = RunAll.noPeerNotes(List.of("org.adjoint.bench.SparkStepBench.epoch",
                "org.adjoint.bench.GemmBench.sgemm", "org.adjoint.bench.SparkStepBench.epoch",
                "org.adjoint.bench.NoSuchBench.run"));
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith("SparkStepBench has no peer: "), notes.get(0));
        assertTrue(notes.get(0).contains("mode=single"), notes.get(0));
    }
}
