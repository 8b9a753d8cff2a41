package org.adjoint.nn.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSelectionTest {

    private static ModelSelection.Candidate c(String name, double acc, double ms) {
        return new ModelSelection.Candidate(name, Map.of("accuracy", acc, "latency_ms", ms));
    }

    @Test
    void bestAccuracyAmongThoseFastEnough() {
        // the course's example: A 90% 80 ms, B 92% 95 ms, C 95% 1500 ms -> B
        ModelSelection.Result r = ModelSelection.maximize("accuracy").atMost("latency_ms", 100)
                .choose(List.of(c("A", 0.90, 80), c("B", 0.92, 95), c("C", 0.95, 1500)));
        assertEquals("B", r.chosen().orElseThrow().name());
        assertEquals(List.of("B", "A"), r.feasibleRanked().stream().map(ModelSelection.Candidate::name).toList());
        assertEquals(Map.of("C", "latency_ms = 1500.00 fails latency_ms <= 100.000"), r.rejected());
    }

    @Test
    void noneFeasibleAndMinimizeAndTies() {
        ModelSelection.Result r = ModelSelection.maximize("accuracy").atMost("latency_ms", 10)
                .choose(List.of(c("A", 0.9, 80)));
        assertTrue(r.chosen().isEmpty());
        assertTrue(r.toString().contains("chosen: none"), r.toString());
        ModelSelection.Result m = ModelSelection.minimize("latency_ms").atLeast("accuracy", 0.9)
                .choose(List.of(c("A", 0.95, 50), c("B", 0.85, 10), c("C", 0.91, 50)));
        assertEquals("A", m.chosen().orElseThrow().name()); // A and C tie on latency: A came first
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelSelection.maximize("accuracy").choose(List.of()));
        assertEquals("model selection: no candidates", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelSelection.maximize("f1")
                .choose(List.of(c("A", 0.9, 1))));
        assertTrue(e.getMessage().startsWith("model selection: candidate 'A' has no metric 'f1'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelSelection.maximize("accuracy")
                .choose(List.of(c("A", 0.9, 1), c("A", 0.8, 1))));
        assertEquals("model selection: duplicate candidate name 'A'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelSelection.maximize("accuracy")
                .atMost("latency_ms", Double.NaN));
        assertEquals("model selection: threshold on 'latency_ms' is NaN", e.getMessage());
    }
}
