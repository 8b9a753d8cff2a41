package org.adjoint.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Parameter;
import org.adjoint.nn.Parameters;
import org.junit.jupiter.api.Test;

class OptimizerTest {

    private static Parameters params(Graph g) {
        Node w = g.variable("layer/w", Tensor.of(new double[] {1, 2, 3, 4}, 2, 2));
        Node b = g.variable("layer/b", Tensor.of(new double[] {0.5, -0.5}, 2));
        return Parameters.of(new Parameter(w, Parameter.Kind.WEIGHT, "layer"), new Parameter(b, Parameter.Kind.BIAS, "layer"));
    }

    private static Map<String, Tensor> grads(double[] w, double[] b) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("layer/w", Tensor.of(w, 2, 2));
        m.put("layer/b", Tensor.of(b, 2));
        return m;
    }

    @Test
    void applyByNameUpdatesEachParameter() {
        Parameters p = params(new Graph());
        new Sgd(0.5).apply(p, grads(new double[] {1, 1, 2, 2}, new double[] {1, -1}));
        assertArrayEquals(new double[] {0.5, 1.5, 2, 3}, p.get("layer/w").value().doubles(), 0);
        assertArrayEquals(new double[] {0, 0}, p.get("layer/b").value().doubles(), 0);
    }

    @Test
    void applyRejectsUnknownMissingAndMistypedGradients() {
        Parameters p = params(new Graph());
        Sgd sgd = new Sgd(0.1);
        Map<String, Tensor> extra = grads(new double[4], new double[2]);
        extra.put("other/w", Tensor.of(new double[1], 1));
        assertEquals("sgd.apply: gradient for 'other/w', which is not a trainable parameter; known: [layer/w, layer/b]",
                assertThrows(IllegalArgumentException.class, () -> sgd.apply(p, extra)).getMessage());
        Map<String, Tensor> missing = grads(new double[4], new double[2]);
        missing.remove("layer/b");
        assertEquals("sgd.apply: no gradient for parameter 'layer/b'",
                assertThrows(IllegalArgumentException.class, () -> sgd.apply(p, missing)).getMessage());
        Map<String, Tensor> wrong = grads(new double[4], new double[2]);
        wrong.put("layer/w", Tensor.of(new double[4], 4));
        assertEquals("sgd: gradient for 'layer/w' is f64[4], the parameter is f64[2, 2]",
                assertThrows(IllegalArgumentException.class, () -> sgd.apply(p, wrong)).getMessage());
    }

    @Test
    void nonFiniteGradientsStopTheUpdateBeforeAnyVariableChanges() {
        Parameters p = params(new Graph());
        Map<String, Tensor> before = p.snapshot();
        Adam adam = new Adam(0.1);
        NonFiniteException e = assertThrows(NonFiniteException.class,
                () -> adam.apply(p, grads(new double[] {1, 1, 1, 1}, new double[] {Double.NaN, 0})));
        assertEquals("adam: the gradient of parameter 'layer/b' is not finite at epoch 1, step 1; no variable was"
                + " updated", e.getMessage());
        assertEquals("layer/b", e.node());
        assertTrue(before.get("layer/w").bitwiseEquals(p.get("layer/w").value()));
        assertEquals(0, adam.iterations());
    }

    @Test
    void clippingByGlobalNormReportsTheNormAndScales() {
        Parameters p = params(new Graph());
        Sgd sgd = (Sgd) new Sgd(1.0).clipByGlobalNorm(1.0);
        // global norm sqrt(9 + 16) = 5: gradients scaled by 1/5
        sgd.apply(p, grads(new double[] {3, 0, 0, 0}, new double[] {0, 4}));
        assertEquals(5.0, sgd.lastGradientNorm(), 1e-12);
        assertArrayEquals(new double[] {1 - 0.6, 2, 3, 4}, p.get("layer/w").value().doubles(), 1e-12);
        assertArrayEquals(new double[] {0.5, -0.5 - 0.8}, p.get("layer/b").value().doubles(), 1e-12);
        // below the threshold nothing is scaled
        sgd.apply(p, grads(new double[] {0.5, 0, 0, 0}, new double[] {0, 0}));
        assertEquals(0.5, sgd.lastGradientNorm(), 1e-12);
        assertEquals(0.4 - 0.5, p.get("layer/w").value().getDouble(0), 1e-12);
    }

    @Test
    void clippingByValue() {
        Parameters p = params(new Graph());
        new Sgd(1.0).clipByValue(0.5).apply(p, grads(new double[] {3, -0.2, -7, 0}, new double[] {0, 0}));
        assertArrayEquals(new double[] {0.5, 2.2, 3.5, 4}, p.get("layer/w").value().doubles(), 1e-12);
    }

    @Test
    void decoupledWeightDecayShrinksWeightsNotBiases() {
        Parameters p = params(new Graph());
        new Sgd(0.1).weightDecay(0.5).apply(p, grads(new double[4], new double[2]));
        assertArrayEquals(new double[] {0.95, 1.9, 2.85, 3.8}, p.get("layer/w").value().doubles(), 1e-12);
        assertArrayEquals(new double[] {0.5, -0.5}, p.get("layer/b").value().doubles(), 0);
    }

    @Test
    void stateRoundTripsAndIsChecked() {
        Parameters p = params(new Graph());
        Adam a = new Adam(0.1);
        a.apply(p, grads(new double[] {1, 2, 3, 4}, new double[] {1, 1}));
        a.apply(p, grads(new double[] {1, 2, 3, 4}, new double[] {1, 1}));
        Map<String, Tensor> saved = new LinkedHashMap<>();
        a.state(p).forEach((k, v) -> saved.put(k, v.copy()));
        assertEquals(java.util.List.of("layer/w/m", "layer/w/v", "layer/b/m", "layer/b/v", "iterations", "epoch"),
                java.util.List.copyOf(saved.keySet()));
        Parameters q = params(new Graph());
        Adam b = new Adam(0.1);
        b.loadState(q, saved);
        assertEquals(2, b.iterations());
        // the same next update from the same state
        p.restore(q.snapshot());
        a.apply(p, grads(new double[] {1, 0, 0, 1}, new double[] {0, 1}));
        b.apply(q, grads(new double[] {1, 0, 0, 1}, new double[] {0, 1}));
        assertTrue(p.get("layer/w").value().bitwiseEquals(q.get("layer/w").value()));
        saved.remove("layer/b/v");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam(0.1).loadState(q, saved));
        assertEquals("adam.loadState: missing 'layer/b/v'", e.getMessage());
    }

    @Test
    void schedules() {
        assertEquals(0.1 / (1 + 0.5 * 4), LearningRateSchedule.inverseTime(0.1, 0.5).rate(100, 4), 1e-15);
        assertEquals(Math.pow(0.95, 3) * 0.2, LearningRateSchedule.exponential(0.2, 0.95).rate(0, 3), 1e-15);
        assertEquals(2 / Math.sqrt(4) * 0.1, LearningRateSchedule.inverseSqrt(0.1, 2).rate(0, 3), 1e-15);
        assertEquals(0.1 * 0.25, LearningRateSchedule.stepDecay(0.1, 0.5, 10).rate(0, 25), 1e-15);
        LearningRateSchedule cos = LearningRateSchedule.cosine(0.1, 100, 0.01);
        assertEquals(0.1, cos.rate(0, 0), 1e-15);
        assertEquals(0.055, cos.rate(50, 0), 1e-15);
        assertEquals(0.01, cos.rate(100, 0), 1e-15);
        assertEquals(0.01, cos.rate(500, 0), 1e-15);
        LearningRateSchedule warm = LearningRateSchedule.warmup(4, LearningRateSchedule.constant(0.2));
        assertEquals(0.05, warm.rate(0, 0), 1e-15);
        assertEquals(0.2, warm.rate(3, 0), 1e-15);
        assertEquals(0.2, warm.rate(9, 0), 1e-15);
        assertEquals(0.3, LearningRateSchedule.ofEpoch(e -> 0.1 * (e + 1)).rate(7, 2), 1e-15);
        assertEquals(0.07, LearningRateSchedule.ofStep(s -> s / 100.0).rate(7, 2), 1e-15);
        assertEquals("exponential: rate must be in (0, 1], got rate=1.5",
                assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponential(0.1, 1.5))
                        .getMessage());
    }

    @Test
    void aScheduleThatGivesABadRateStopsTheUpdate() {
        Parameters p = params(new Graph());
        Sgd sgd = (Sgd) new Sgd(0.1).schedule(LearningRateSchedule.ofStep(s -> 0.1 - 0.1 * s));
        sgd.apply(p, grads(new double[4], new double[2]));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> sgd.apply(p, grads(new double[4], new double[2])));
        assertEquals("sgd: the schedule gave learning rate lr=0.0 at step 1, epoch 0; it must be a positive finite number",
                e.getMessage());
    }
}
