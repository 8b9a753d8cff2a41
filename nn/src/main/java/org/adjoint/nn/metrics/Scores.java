package org.adjoint.nn.metrics;

/**
 * Precision, recall and F1 from the counts of one (positive) class:
 * {@code P = TP / (TP + FP)}, {@code R = TP / (TP + FN)}, {@code F1 = 2PR / (P + R) = 2TP / (2TP + FP + FN)}.
 * A score whose denominator is 0 (nothing predicted positive, no positive example) is 0.
 *
 * <pre>{@code
 * Scores.precision(3, 1);   // 0.75
 * Scores.recall(3, 2);      // 0.6
 * Scores.f1(3, 1, 2);       // 2/3
 * }</pre>
 */
public final class Scores {

    private Scores() {
    }

    public static double precision(long tp, long fp) {
        check("tp", tp);
        check("fp", fp);
        return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    public static double recall(long tp, long fn) {
        check("tp", tp);
        check("fn", fn);
        return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    }

    /** The harmonic mean of precision and recall, computed from the counts. */
    public static double f1(long tp, long fp, long fn) {
        check("tp", tp);
        check("fp", fp);
        check("fn", fn);
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    private static void check(String name, long v) {
        if (v < 0) {
            throw new IllegalArgumentException("scores: " + name + " must be a count >= 0, got " + name + "=" + v);
        }
    }
}
