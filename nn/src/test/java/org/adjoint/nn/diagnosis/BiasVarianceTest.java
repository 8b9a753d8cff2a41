package org.adjoint.nn.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BiasVarianceTest {

    private static final double EPS = 1e-12;

    @Test
    void highBiasWhenTrainIsFarFromHuman() {
        // the course's example: human 1%, train 8%, dev 10% -> bias 7% > variance 2%
        BiasVariance.Report r = BiasVariance.errors(0.08, 0.10).humanLevel(0.01).report();
        assertEquals(0.07, r.avoidableBias(), EPS);
        assertEquals(0.02, r.variance(), EPS);
        assertEquals(BiasVariance.Problem.AVOIDABLE_BIAS, r.first());
        assertTrue(r.remedies().contains("train a bigger network (more hidden units or layers)"));
        assertTrue(r.remedies().contains("train longer"));
        assertTrue(r.remedies().contains("use a better optimization algorithm (momentum, RMSprop, Adam)"));
    }

    @Test
    void highVarianceWhenHumanIsCloseToTrain() {
        // human 7.5%, train 8%, dev 10% -> bias 0.5% < variance 2%
        BiasVariance.Report r = BiasVariance.errors(0.08, 0.10).humanLevel(0.075).report();
        assertEquals(0.005, r.avoidableBias(), EPS);
        assertEquals(0.02, r.variance(), EPS);
        assertEquals(BiasVariance.Problem.VARIANCE, r.first());
        assertTrue(r.remedies().contains("get more training data (or augment it)"));
        assertTrue(r.remedies().contains("regularize (L2, dropout, data augmentation, early stopping)"));
        assertEquals("avoidable bias 0.0050, variance 0.0200 -> attack variance first", r.line());
    }

    @Test
    void dataMismatchWithTrainDevSet() {
        // train 1%, train-dev 1.5%, dev 10%: variance 0.5%, mismatch 8.5%
        BiasVariance.Report r = BiasVariance.errors(0.01, 0.10).trainDev(0.015).report();
        assertEquals(0.005, r.variance(), EPS);
        assertEquals(0.085, r.dataMismatch(), EPS);
        assertEquals(0.01, r.avoidableBias(), EPS); // no human level: Bayes taken as 0
        assertEquals(BiasVariance.Problem.DATA_MISMATCH, r.first());
        assertTrue(r.remedies().get(0).startsWith("do manual error analysis"));
        String text = r.toString();
        assertTrue(text.contains("data mismatch       8.50%  (dev - train-dev)"), text);
        assertTrue(text.contains("variance            0.50%  (train-dev - train)"), text);
        assertTrue(text.contains("not given: Bayes error taken as 0"), text);
    }

    @Test
    void devOverfittingAndNothingToDo() {
        BiasVariance.Report r = BiasVariance.errors(0.01, 0.015).humanLevel(0.005).test(0.05).report();
        assertEquals(0.035, r.devOverfitting(), EPS);
        assertEquals(BiasVariance.Problem.DEV_OVERFITTING, r.first());
        assertEquals("get a bigger dev set", r.remedies().get(0));
        BiasVariance.Report none = BiasVariance.accuracies(0.99, 0.985).humanLevel(0.008).report();
        assertEquals(BiasVariance.Problem.NONE, none.first());
        assertTrue(Double.isNaN(none.dataMismatch()));
        assertTrue(none.line().endsWith("-> no gap above 1.00%"), none.line());
        // the tolerance decides: the same gaps with a smaller tolerance point at variance
        assertEquals(BiasVariance.Problem.VARIANCE,
                BiasVariance.accuracies(0.99, 0.985).humanLevel(0.008).tolerance(0.001).report().first());
    }

    @Test
    void trainBelowHumanIsNoted() {
        BiasVariance.Report r = BiasVariance.errors(0.01, 0.05).humanLevel(0.02).report();
        assertEquals(-0.01, r.avoidableBias(), EPS);
        assertEquals(BiasVariance.Problem.VARIANCE, r.first());
        assertTrue(r.toString().contains("train error is below the human-level proxy"), r.toString());
    }

    @Test
    void badErrorsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BiasVariance.errors(1.5, 0.1));
        assertEquals("bias/variance: trainError must be a fraction in [0, 1], got trainError=1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BiasVariance.errors(0.1, Double.NaN));
        assertEquals("bias/variance: devError must be a fraction in [0, 1], got devError=NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BiasVariance.errors(0.1, 0.2).humanLevel(-0.01));
        assertEquals("bias/variance: humanError must be a fraction in [0, 1], got humanError=-0.01", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BiasVariance.errors(0.1, 0.2).trainDev(2));
        assertEquals("bias/variance: trainDevError must be a fraction in [0, 1], got trainDevError=2.0", e.getMessage());
    }
}
