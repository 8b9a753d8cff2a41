package org.adjoint.nn.metrics;

import java.util.Locale;
import org.adjoint.graph.Tensor;

/**
 * Counts of (actual class, predicted class) pairs over C classes, and the classification scores
 * derived from them. For class c:
 * <ul>
 *   <li>TP = count(actual c, predicted c), FP = predicted c but actually another class,
 *       FN = actually c but predicted another class, TN = the rest;</li>
 *   <li>precision P = TP / (TP + FP), recall R = TP / (TP + FN), F1 = 2PR / (P + R)
 *       (the harmonic mean); a score whose denominator is 0 is 0 by convention.</li>
 * </ul>
 * Averages over classes: <b>macro</b> is the unweighted mean of the per-class scores (every
 * class counts the same, so rare classes weigh in); <b>micro</b> pools the counts first
 * (ΣTP / (ΣTP + ΣFP), ...). With one label per example ΣFP = ΣFN = N − ΣTP, so micro precision,
 * micro recall and micro F1 all equal the accuracy.
 *
 * <p>The binary case is C = 2 with class 1 positive: {@link #precision(int) precision(1)}.
 *
 * <pre>{@code
 * ConfusionMatrix cm = ConfusionMatrix.of(predictedClasses, actualClasses, 10);
 * System.out.println(cm.table());       // aligned counts, rows = actual, columns = predicted
 * System.out.println(cm.report());      // per-class precision, recall, F1, support; macro and micro
 * }</pre>
 */
public final class ConfusionMatrix {

    private final int classes;
    private final long[] counts; // [actual * classes + predicted]

    private ConfusionMatrix(int classes, long[] counts) {
        this.classes = classes;
        this.counts = counts;
    }

    /**
     * The matrix of predicted against actual class indices.
     *
     * @throws IllegalArgumentException for no examples, arrays of different lengths, fewer than two
     *     classes, or a class index outside [0, classes) (naming the array, the position and the value)
     */
    public static ConfusionMatrix of(int[] predicted, int[] actual, int classes) {
        checkClasses(classes);
        if (predicted == null || actual == null) {
            throw new IllegalArgumentException("confusion matrix: " + (predicted == null ? "predicted" : "actual")
                    + " is null");
        }
        if (predicted.length == 0) {
            throw new IllegalArgumentException("confusion matrix: no predictions (predicted.length=0)");
        }
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException("confusion matrix: predicted.length=" + predicted.length
                    + " but actual.length=" + actual.length + "; need one prediction per example");
        }
        Accumulator acc = new Accumulator(classes);
        for (int i = 0; i < predicted.length; i++) {
            acc.add(predicted[i], actual[i], i);
        }
        return acc.matrix();
    }

    /**
     * The matrix of a model's predictions against labels, converted by
     * {@link #predictedClasses} and {@link #labelClasses}.
     */
    public static ConfusionMatrix of(Tensor predictions, Tensor labels, int classes) {
        return of(predictedClasses(predictions), labelClasses(labels, predictions), classes);
    }

    /** A matrix from counts {@code counts[actual][predicted]} (copied). */
    public static ConfusionMatrix ofCounts(long[][] counts) {
        int c = counts.length;
        checkClasses(c);
        long[] flat = new long[c * c];
        long total = 0;
        for (int a = 0; a < c; a++) {
            if (counts[a].length != c) {
                throw new IllegalArgumentException("confusion matrix: counts must be square, row " + a + " has "
                        + counts[a].length + " entries, expected " + c);
            }
            for (int p = 0; p < c; p++) {
                if (counts[a][p] < 0) {
                    throw new IllegalArgumentException("confusion matrix: counts[" + a + "][" + p + "]="
                            + counts[a][p] + " is negative");
                }
                flat[a * c + p] = counts[a][p];
                total += counts[a][p];
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("confusion matrix: all counts are 0 (no examples)");
        }
        return new ConfusionMatrix(c, flat);
    }

    private static void checkClasses(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("confusion matrix: classes must be >= 2, got classes=" + classes);
        }
    }

    /**
     * Class indices from predictions: the argmax of each row of [N, C] (probabilities or logits,
     * C &gt; 1), or {@code p >= 0.5} → 1 for binary probabilities [N] or [N, 1].
     */
    public static int[] predictedClasses(Tensor predictions) {
        int n = examples(predictions, "predictions");
        int c = predictions.size() / n;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = c == 1 ? (predictions.getDouble(i) >= 0.5 ? 1 : 0) : argmax(predictions, i * c, c);
        }
        return out;
    }

    /**
     * Class indices from labels: I32 [N] or [N, 1] as they are, float 0/1 [N] or [N, 1] rounded,
     * one-hot (or probability) rows [N, C] by argmax.
     *
     * @param predictions the predictions the labels go with (for the batch size check)
     */
    public static int[] labelClasses(Tensor labels, Tensor predictions) {
        int n = examples(labels, "labels");
        int np = examples(predictions, "predictions");
        if (n != np) {
            throw new IllegalArgumentException("confusion matrix: predictions " + predictions.type() + " and labels "
                    + labels.type() + " have different numbers of examples (" + np + " != " + n + ")");
        }
        int c = labels.size() / n;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (c == 1) {
                out[i] = labels.dtype() == org.adjoint.graph.DType.I32 ? labels.ints()[i]
                        : (int) Math.round(labels.getDouble(i));
            } else {
                out[i] = argmax(labels, i * c, c);
            }
        }
        return out;
    }

    private static int examples(Tensor t, String what) {
        if (t == null) {
            throw new IllegalArgumentException("confusion matrix: " + what + " is null");
        }
        if (t.shape().rank() == 0 || t.shape().dim(0) == 0) {
            throw new IllegalArgumentException("confusion matrix: no " + what + " (" + what + " " + t.type() + ")");
        }
        return t.shape().dim(0);
    }

    static int argmax(Tensor t, int offset, int c) {
        int best = 0;
        double bestValue = t.getDouble(offset);
        for (int j = 1; j < c; j++) {
            double v = t.getDouble(offset + j);
            if (v > bestValue) {
                best = j;
                bestValue = v;
            }
        }
        return best;
    }

    /** An accumulator that adds examples batch by batch (what the streaming metrics use). */
    public static final class Accumulator {
        private final int classes;
        private final long[] counts;
        private long total;

        public Accumulator(int classes) {
            checkClasses(classes);
            this.classes = classes;
            this.counts = new long[classes * classes];
        }

        /** Adds one example; {@code position} only names it in an error. */
        void add(int predicted, int actual, long position) {
            if (actual < 0 || actual >= classes) {
                throw new IllegalArgumentException("confusion matrix: actual[" + position + "]=" + actual
                        + " is not a class index in [0, " + classes + ") (classes=" + classes + ")");
            }
            if (predicted < 0 || predicted >= classes) {
                throw new IllegalArgumentException("confusion matrix: predicted[" + position + "]=" + predicted
                        + " is not a class index in [0, " + classes + ") (classes=" + classes + ")");
            }
            counts[actual * classes + predicted]++;
            total++;
        }

        /** Adds a batch of predictions and labels (see {@link ConfusionMatrix#of(Tensor, Tensor, int)}). */
        public void add(Tensor predictions, Tensor labels) {
            int[] p = predictedClasses(predictions);
            int[] a = labelClasses(labels, predictions);
            if (classes != 2 && predictions.size() / p.length == 1) {
                throw new IllegalArgumentException("confusion matrix: binary predictions " + predictions.type()
                        + " but classes=" + classes);
            }
            for (int i = 0; i < p.length; i++) {
                add(p[i], a[i], total);
            }
        }

        /** Examples added so far. */
        public long total() {
            return total;
        }

        /** The matrix so far. */
        public ConfusionMatrix matrix() {
            if (total == 0) {
                throw new IllegalStateException("confusion matrix: no examples added");
            }
            return new ConfusionMatrix(classes, counts.clone());
        }
    }

    // ---- counts ---------------------------------------------------------------------------------

    public int classes() {
        return classes;
    }

    /** Examples of class {@code actual} predicted as {@code predicted}. */
    public long count(int actual, int predicted) {
        checkClass(actual, "actual");
        checkClass(predicted, "predicted");
        return counts[actual * classes + predicted];
    }

    /** The number of examples. */
    public long total() {
        long t = 0;
        for (long v : counts) {
            t += v;
        }
        return t;
    }

    public long truePositives(int c) {
        checkClass(c, "class");
        return counts[c * classes + c];
    }

    /** Predicted c, actually another class (column c without the diagonal). */
    public long falsePositives(int c) {
        checkClass(c, "class");
        long s = 0;
        for (int a = 0; a < classes; a++) {
            if (a != c) {
                s += counts[a * classes + c];
            }
        }
        return s;
    }

    /** Actually c, predicted another class (row c without the diagonal). */
    public long falseNegatives(int c) {
        checkClass(c, "class");
        long s = 0;
        for (int p = 0; p < classes; p++) {
            if (p != c) {
                s += counts[c * classes + p];
            }
        }
        return s;
    }

    public long trueNegatives(int c) {
        return total() - truePositives(c) - falsePositives(c) - falseNegatives(c);
    }

    /** Examples whose actual class is c. */
    public long support(int c) {
        return truePositives(c) + falseNegatives(c);
    }

    private void checkClass(int c, String what) {
        if (c < 0 || c >= classes) {
            throw new IllegalArgumentException("confusion matrix: " + what + "=" + c + " is not a class index in [0, "
                    + classes + ")");
        }
    }

    // ---- scores ---------------------------------------------------------------------------------

    /** Correct predictions / all. */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < classes; c++) {
            correct += counts[c * classes + c];
        }
        return (double) correct / total();
    }

    public double precision(int c) {
        return Scores.precision(truePositives(c), falsePositives(c));
    }

    public double recall(int c) {
        return Scores.recall(truePositives(c), falseNegatives(c));
    }

    public double f1(int c) {
        return Scores.f1(truePositives(c), falsePositives(c), falseNegatives(c));
    }

    /** Unweighted mean of the per-class precisions. */
    public double macroPrecision() {
        double s = 0;
        for (int c = 0; c < classes; c++) {
            s += precision(c);
        }
        return s / classes;
    }

    public double macroRecall() {
        double s = 0;
        for (int c = 0; c < classes; c++) {
            s += recall(c);
        }
        return s / classes;
    }

    /** Unweighted mean of the per-class F1 scores (not the F1 of the macro precision and recall). */
    public double macroF1() {
        double s = 0;
        for (int c = 0; c < classes; c++) {
            s += f1(c);
        }
        return s / classes;
    }

    /** ΣTP / (ΣTP + ΣFP) over the classes. */
    public double microPrecision() {
        return Scores.precision(sumTp(), sumFp());
    }

    public double microRecall() {
        return Scores.recall(sumTp(), sumFn());
    }

    public double microF1() {
        return Scores.f1(sumTp(), sumFp(), sumFn());
    }

    private long sumTp() {
        long s = 0;
        for (int c = 0; c < classes; c++) {
            s += truePositives(c);
        }
        return s;
    }

    private long sumFp() {
        long s = 0;
        for (int c = 0; c < classes; c++) {
            s += falsePositives(c);
        }
        return s;
    }

    private long sumFn() {
        long s = 0;
        for (int c = 0; c < classes; c++) {
            s += falseNegatives(c);
        }
        return s;
    }

    // ---- printing -------------------------------------------------------------------------------

    /**
     * The counts as an aligned table, rows = actual class, columns = predicted class:
     * <pre>
     * actual \ predicted    0    1    2
     *                 0     5    1    0
     *                 1     0    3    2
     * </pre>
     */
    public String table() {
        long max = 0;
        for (long v : counts) {
            max = Math.max(max, v);
        }
        int cell = Math.max(String.valueOf(max).length(), String.valueOf(classes - 1).length()) + 2;
        String corner = "actual \\ predicted";
        StringBuilder sb = new StringBuilder();
        sb.append(corner);
        for (int p = 0; p < classes; p++) {
            sb.append(pad(String.valueOf(p), cell));
        }
        sb.append('\n');
        for (int a = 0; a < classes; a++) {
            sb.append(pad(String.valueOf(a), corner.length()));
            for (int p = 0; p < classes; p++) {
                sb.append(pad(String.valueOf(counts[a * classes + p]), cell));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Per-class precision, recall, F1 and support, then the macro and micro averages and accuracy. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-9s %9s %9s %9s %9s%n", "class", "precision", "recall", "f1", "support"));
        for (int c = 0; c < classes; c++) {
            sb.append(String.format(Locale.ROOT, "%-9d %9.4f %9.4f %9.4f %9d%n", c, precision(c), recall(c), f1(c),
                    support(c)));
        }
        sb.append(String.format(Locale.ROOT, "%-9s %9.4f %9.4f %9.4f %9d%n", "macro", macroPrecision(), macroRecall(),
                macroF1(), total()));
        sb.append(String.format(Locale.ROOT, "%-9s %9.4f %9.4f %9.4f %9d%n", "micro", microPrecision(), microRecall(),
                microF1(), total()));
        sb.append(String.format(Locale.ROOT, "accuracy %.4f (%d of %d)%n", accuracy(), sumTp(), total()));
        return sb.toString();
    }

    private static String pad(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }

    @Override
    public String toString() {
        return table();
    }
}
