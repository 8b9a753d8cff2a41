package org.adjoint.nn.metrics;

import java.util.function.ToDoubleFunction;
import org.adjoint.graph.Tensor;

/**
 * Streaming classification metrics for {@code Trainer.builder(...).metrics(...)}: each accumulates
 * a {@link ConfusionMatrix} over the batches and reads its score at the end. Predictions and labels
 * are read as in {@link ConfusionMatrix#predictedClasses} and {@link ConfusionMatrix#labelClasses}.
 *
 * <pre>{@code
 * Trainer.builder(model).metrics(Metrics.accuracy(), ClassificationMetrics.macroF1(10)) ...
 * // history: accuracy, macro_f1, dev_accuracy, dev_macro_f1
 * }</pre>
 */
public final class ClassificationMetrics {

    private ClassificationMetrics() {
    }

    /** Binary precision of class 1 (positive) from probabilities [batch] / [batch, 1] or two-column rows. */
    public static Metric precision() {
        return of("precision", 2, cm -> cm.precision(1));
    }

    /** Binary recall of class 1. */
    public static Metric recall() {
        return of("recall", 2, cm -> cm.recall(1));
    }

    /** Binary F1 of class 1. */
    public static Metric f1() {
        return of("f1", 2, cm -> cm.f1(1));
    }

    /** Precision of one class among {@code classes}: {@code precision_<c>}. */
    public static Metric precision(int classIndex, int classes) {
        checkClass(classIndex, classes);
        return of("precision_" + classIndex, classes, cm -> cm.precision(classIndex));
    }

    /** Recall of one class among {@code classes}: {@code recall_<c>}. */
    public static Metric recall(int classIndex, int classes) {
        checkClass(classIndex, classes);
        return of("recall_" + classIndex, classes, cm -> cm.recall(classIndex));
    }

    /** F1 of one class among {@code classes}: {@code f1_<c>}. */
    public static Metric f1(int classIndex, int classes) {
        checkClass(classIndex, classes);
        return of("f1_" + classIndex, classes, cm -> cm.f1(classIndex));
    }

    /** The unweighted mean of the per-class F1 scores: {@code macro_f1}. */
    public static Metric macroF1(int classes) {
        return of("macro_f1", classes, ConfusionMatrix::macroF1);
    }

    /** F1 of the pooled counts (equals accuracy for single-label data): {@code micro_f1}. */
    public static Metric microF1(int classes) {
        return of("micro_f1", classes, ConfusionMatrix::microF1);
    }

    /** A metric from any score of the confusion matrix. */
    public static Metric of(String name, int classes, ToDoubleFunction<ConfusionMatrix> score) {
        new ConfusionMatrix.Accumulator(classes); // validates classes now, not at the first batch
        return Metric.of(name, () -> new Metric.Accumulator() {
            private final ConfusionMatrix.Accumulator acc = new ConfusionMatrix.Accumulator(classes);

            @Override
            public void update(Tensor predictions, Tensor labels) {
                acc.add(predictions, labels);
            }

            @Override
            public double result() {
                return acc.total() == 0 ? Double.NaN : score.applyAsDouble(acc.matrix());
            }
        });
    }

    private static void checkClass(int c, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("classification metric: classes must be >= 2, got classes=" + classes);
        }
        if (c < 0 || c >= classes) {
            throw new IllegalArgumentException("classification metric: class index " + c + " is not in [0, " + classes
                    + ") (classes=" + classes + ")");
        }
    }
}
