package org.adjoint.nn.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.adjoint.graph.Tensor;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    private static final double EPS = 1e-12;

    @Test
    void binaryScoresFromCounts() {
        // 3 TP, 1 FP, 2 FN: P = 3/4, R = 3/5, F1 = 2PR/(P+R) = 0.9/1.35 = 2/3
        assertEquals(0.75, Scores.precision(3, 1), EPS);
        assertEquals(0.6, Scores.recall(3, 2), EPS);
        assertEquals(2.0 / 3, Scores.f1(3, 1, 2), EPS);
        assertEquals(0, Scores.precision(0, 0), EPS);
        assertEquals(0, Scores.recall(0, 0), EPS);
        assertEquals(0, Scores.f1(0, 4, 5), EPS);
    }

    @Test
    void binaryMatrixMatchesHandCounts() {
        // positives are class 1: 3 TP, 1 FP, 2 FN, 4 TN
        int[] actual = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
        int[] predicted = {1, 1, 1, 0, 0, 1, 0, 0, 0, 0};
        ConfusionMatrix cm = ConfusionMatrix.of(predicted, actual, 2);
        assertEquals(3, cm.truePositives(1));
        assertEquals(1, cm.falsePositives(1));
        assertEquals(2, cm.falseNegatives(1));
        assertEquals(4, cm.trueNegatives(1));
        assertEquals(0.75, cm.precision(1), EPS);
        assertEquals(0.6, cm.recall(1), EPS);
        assertEquals(2.0 / 3, cm.f1(1), EPS);
        assertEquals(0.7, cm.accuracy(), EPS);
    }

    /**
     * 3 classes, 10 examples:
     * <pre>
     * actual\pred  0 1 2
     *   0          3 1 0     P0 = 3/4, R0 = 3/4, F1_0 = 3/4
     *   1          1 2 1     P1 = 2/4, R1 = 2/4, F1_1 = 1/2
     *   2          0 1 1     P2 = 1/2, R2 = 1/2, F1_2 = 1/2
     * </pre>
     * macro P = (3/4 + 1/2 + 1/2)/3 = 7/12; micro P = R = F1 = 6/10 = accuracy.
     */
    @Test
    void macroAndMicroAveragesOnThreeClasses() {
        int[] actual = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2};
        int[] predicted = {0, 0, 0, 1, 0, 1, 1, 2, 1, 2};
        ConfusionMatrix cm = ConfusionMatrix.of(predicted, actual, 3);
        assertEquals(3, cm.count(0, 0));
        assertEquals(1, cm.count(0, 1));
        assertEquals(1, cm.count(1, 2));
        assertEquals(0.75, cm.precision(0), EPS);
        assertEquals(0.5, cm.precision(1), EPS);
        assertEquals(0.5, cm.recall(2), EPS);
        assertEquals(7.0 / 12, cm.macroPrecision(), EPS);
        assertEquals(7.0 / 12, cm.macroRecall(), EPS);
        assertEquals(7.0 / 12, cm.macroF1(), EPS);
        assertEquals(0.6, cm.microPrecision(), EPS);
        assertEquals(0.6, cm.microRecall(), EPS);
        assertEquals(0.6, cm.microF1(), EPS);
        assertEquals(0.6, cm.accuracy(), EPS);
        assertEquals(4, cm.support(1));
    }

    @Test
    void macroDiffersFromMicroWhenARareClassIsMissed() {
        // class 2 (one example) is never predicted: macro F1 drops, micro F1 (= accuracy) hardly
        int[] actual = {0, 0, 0, 0, 1, 1, 1, 1, 2};
        int[] predicted = {0, 0, 0, 0, 1, 1, 1, 1, 0};
        ConfusionMatrix cm = ConfusionMatrix.of(predicted, actual, 3);
        // F1_0 = 2·4/(2·4 + 1 + 0) = 8/9, F1_1 = 1, F1_2 = 0
        assertEquals((8.0 / 9 + 1 + 0) / 3, cm.macroF1(), EPS);
        assertEquals(8.0 / 9, cm.microF1(), EPS);
    }

    @Test
    void tensorsAreReadAsArgmaxAndThresholds() {
        Tensor probs = Tensor.of(new float[] {0.1f, 0.7f, 0.2f, 0.6f, 0.3f, 0.1f}, 2, 3);
        ConfusionMatrix cm = ConfusionMatrix.of(probs, Tensor.of(new int[] {1, 2}, 2), 3);
        assertEquals(1, cm.count(1, 1));
        assertEquals(1, cm.count(2, 0));
        Tensor binary = Tensor.of(new float[] {0.9f, 0.4f, 0.5f}, 3, 1);
        Tensor labels = Tensor.of(new float[] {1, 1, 0}, 3, 1);
        ConfusionMatrix b = ConfusionMatrix.of(binary, labels, 2);
        assertEquals(1, b.truePositives(1));
        assertEquals(1, b.falseNegatives(1));
        assertEquals(1, b.falsePositives(1)); // 0.5 counts as positive
    }

    @Test
    void tableIsAligned() {
        ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0, 1, 1, 1}, new int[] {0, 1, 1, 0}, 2);
        String expected = ""
                + "actual \\ predicted  0  1\n"
                + "                 0  1  1\n"
                + "                 1  0  2\n";
        assertEquals(expected, cm.table());
        String report = cm.report();
        assertTrue(report.contains("macro"), report);
        assertTrue(report.contains("accuracy 0.7500 (3 of 4)"), report);
    }

    @Test
    void badInputNamesTheParameterAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[0], new int[0], 2));
        assertEquals("confusion matrix: no predictions (predicted.length=0)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0}, 2));
        assertEquals("confusion matrix: predicted.length=2 but actual.length=1; need one prediction per example",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 3}, 3));
        assertEquals("confusion matrix: actual[1]=3 is not a class index in [0, 3) (classes=3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[] {0, -1}, new int[] {0, 1}, 2));
        assertEquals("confusion matrix: predicted[1]=-1 is not a class index in [0, 2) (classes=2)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[] {0}, new int[] {0}, 1));
        assertEquals("confusion matrix: classes must be >= 2, got classes=1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(Tensor.of(new float[] {0.1f, 0.9f}, 1, 2),
                Tensor.of(new int[] {0, 1}, 2), 2));
        assertEquals("confusion matrix: predictions f32[1, 2] and labels i32[2] have different numbers of examples"
                + " (1 != 2)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Scores.precision(-1, 2));
        assertEquals("scores: tp must be a count >= 0, got tp=-1", e.getMessage());
        ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0}, new int[] {0}, 2);
        e = assertThrows(IllegalArgumentException.class, () -> cm.precision(2));
        assertEquals("confusion matrix: class=2 is not a class index in [0, 2)", e.getMessage());
    }
}
