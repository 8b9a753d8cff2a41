package org.adjoint.nn.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {

    private static final int N = 20_000;

    @Test
    void logUniformGivesEachDecadeTheSameShare() {
        SearchSpace s = SearchSpace.builder().logUniform("lr", 1e-4, 1).build();
        SplittableRandom rnd = new SplittableRandom(3);
        int[] decades = new int[4];
        for (int i = 0; i < N; i++) {
            double lr = s.sample(rnd).get("lr");
            assertTrue(lr >= 1e-4 && lr <= 1, "lr=" + lr);
            decades[(int) Math.min(3, Math.floor(Math.log10(lr) + 4))]++;
        }
        for (int d = 0; d < 4; d++) {
            // binomial(N, 1/4): std = sqrt(N·3/16) ≈ 61, so ±400 is more than 6 std
            assertEquals(N / 4.0, decades[d], 400, "decade 1e" + (d - 4));
        }
    }

    @Test
    void betaIsOneMinusTenToAUniformExponent() {
        // [0.9, 0.999] → 1 - 10^U(-3, -1): half the draws in [0.9, 0.99], half in [0.99, 0.999]
        SearchSpace s = SearchSpace.builder().oneMinusLogUniform("beta", 0.9, 0.999).build();
        SplittableRandom rnd = new SplittableRandom(5);
        int below = 0;
        for (int i = 0; i < N; i++) {
            double beta = s.sample(rnd).get("beta");
            assertTrue(beta >= 0.9 && beta <= 0.999, "beta=" + beta);
            double exponent = Math.log10(1 - beta);
            assertTrue(exponent >= -3 - 1e-9 && exponent <= -1 + 1e-9, "exponent=" + exponent);
            if (beta < 0.99) {
                below++;
            }
        }
        assertEquals(N / 2.0, below, 500);
    }

    @Test
    void integersChoicesAndUniform() {
        SearchSpace s = SearchSpace.builder().intUniform("layers", 1, 3).intLogUniform("hidden", 16, 256)
                .uniform("keep", 0.5, 1.0).choice("opt", "adam", "sgd").choice("batch", 32, 64).build();
        SplittableRandom rnd = new SplittableRandom(7);
        int[] layers = new int[4];
        int adam = 0;
        int smallHidden = 0;
        for (int i = 0; i < N; i++) {
            Params p = s.sample(rnd);
            layers[p.getInt("layers")]++;
            int h = p.getInt("hidden");
            assertTrue(h >= 16 && h <= 256, "hidden=" + h);
            if (h < 64) {
                smallHidden++;
            }
            double keep = p.get("keep");
            assertTrue(keep >= 0.5 && keep <= 1.0);
            adam += p.getString("opt").equals("adam") ? 1 : 0;
            assertTrue(p.get("batch") == 32 || p.get("batch") == 64);
        }
        assertEquals(0, layers[0]);
        for (int v = 1; v <= 3; v++) {
            assertEquals(N / 3.0, layers[v], 450);
        }
        assertEquals(N / 2.0, adam, 500);
        // log scale: [16, 64) is ln(4)/ln(257/16) ≈ 0.50 of the draws (a linear draw would give 0.2)
        assertEquals(0.50 * N, smallHidden, 600);
    }

    @Test
    void sameGeneratorSeedSamePoints() {
        SearchSpace s = SearchSpace.builder().logUniform("lr", 1e-4, 1).oneMinusLogUniform("beta", 0.9, 0.999).build();
        assertEquals(s.sample(new SplittableRandom(11)), s.sample(new SplittableRandom(11)));
        assertNotEquals(s.sample(new SplittableRandom(11)), s.sample(new SplittableRandom(12)));
    }

    @Test
    void zoomNarrowsAroundTheBest() {
        SearchSpace s = SearchSpace.builder().logUniform("lr", 1e-4, 1).oneMinusLogUniform("beta", 0.9, 0.999)
                .intUniform("hidden", 10, 100).choice("opt", "adam", "sgd", "rmsprop").build();
        List<Params> best = List.of(
                Params.of(Map.of("lr", 1e-3, "beta", 0.99, "hidden", 40, "opt", "adam")),
                Params.of(Map.of("lr", 1e-2, "beta", 0.95, "hidden", 50, "opt", "rmsprop")));
        SearchSpace z = s.zoom(best, 0.1);
        Param lr = z.param("lr");
        // log10 span 4, margin 0.1 → 0.4 decades either side of [1e-3, 1e-2]
        assertEquals(Math.pow(10, -3.4), lr.low(), 1e-12);
        assertEquals(Math.pow(10, -1.6), lr.high(), 1e-12);
        Param beta = z.param("beta");
        // log10(1 - beta) of the best: -2 and log10(0.05) ≈ -1.301; span 2 → ±0.2
        assertEquals(1 - Math.pow(10, Math.log10(0.05) + 0.2), beta.low(), 1e-12);
        assertEquals(1 - Math.pow(10, -2.2), beta.high(), 1e-12);
        assertEquals(31, z.param("hidden").low(), 0); // 40 - 0.1·90 = 31
        assertEquals(59, z.param("hidden").high(), 0);
        assertEquals(List.of("adam", "rmsprop"), z.param("opt").options());
        // clipped to the old range
        SearchSpace edge = s.zoom(List.of(Params.of(Map.of("lr", 1.0, "beta", 0.9, "hidden", 100, "opt", "sgd"))), 0.5);
        assertEquals(1.0, edge.param("lr").high(), 0);
        assertEquals(0.01, edge.param("lr").low(), 1e-12);
        // a zoomed space samples inside the narrowed range
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            double v = z.sample(rnd).get("lr");
            assertTrue(v >= lr.low() && v <= lr.high(), "lr=" + v);
        }
    }

    @Test
    void badRangesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder().build());
        assertEquals("search space: no parameters declared (the space is empty)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder().uniform("keep", 1.0, 0.5));
        assertEquals("parameter 'keep' (uniform): low must be <= high, got low=1.0, high=0.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder().logUniform("lr", 0, 1));
        assertEquals("parameter 'lr' (log_uniform): a log range needs positive bounds, got low=0.0, high=1.0",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder().logUniform("lr", -1, 1));
        assertEquals("parameter 'lr' (log_uniform): a log range needs positive bounds, got low=-1.0, high=1.0",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder().oneMinusLogUniform("beta", 0.9, 1));
        assertEquals("parameter 'beta' (one_minus_log_uniform): a 1 - 10^U range needs 0 <= low <= high < 1 (so that"
                + " 1 - x is positive), got low=0.9, high=1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder().intLogUniform("hidden", 0, 8));
        assertEquals("parameter 'hidden' (int_log_uniform): a log range needs positive bounds (low >= 1), got low=0.0,"
                + " high=8.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder().uniform("a", 0, Double.NaN));
        assertEquals("parameter 'a' (uniform): bounds must be finite, got low=0.0, high=NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder().choice("opt", new String[0]));
        assertEquals("parameter 'opt' (choice): no options given", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder().uniform("a", 0, 1).uniform("a", 0, 2));
        assertEquals("search space: parameter 'a' is declared twice", e.getMessage());
        SearchSpace s = SearchSpace.builder().uniform("a", 0, 1).build();
        e = assertThrows(IllegalArgumentException.class, () -> s.zoom(List.of(), 0.1));
        assertEquals("search space zoom: no points to zoom around (best is empty)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.zoom(List.of(Params.of(Map.of("a", 0.5))), 2));
        assertEquals("search space zoom: margin must be in [0, 1], got margin=2.0", e.getMessage());
        SearchSpace batch = SearchSpace.builder().choice("batch", 32, 64).build();
        e = assertThrows(IllegalArgumentException.class, () -> batch.zoom(List.of(Params.of(Map.of("batch", 16.0))), 0.1));
        assertEquals("parameter 'batch' (choice): none of the values [16.0] to zoom around is one of its options"
                + " [32.0, 64.0]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.zoom(List.of(Params.of(Map.of("b", 0.5))), 0.1));
        assertEquals("no parameter 'a'; the point has [b]", e.getMessage());
    }
}
