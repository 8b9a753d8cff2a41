package org.adjoint.nn.diagnosis;

import java.util.List;
import java.util.Locale;

/**
 * Bias/variance diagnosis from error rates (fractions in [0, 1]), following the deep-learning
 * course's recipe:
 * <ul>
 *   <li><b>avoidable bias</b> = train error − human-level error (the proxy for the Bayes error;
 *       0 when not given);</li>
 *   <li><b>variance</b> = dev error − train error, or, when a <b>train-dev</b> set (held out from
 *       the training distribution) is given, train-dev error − train error;</li>
 *   <li><b>data mismatch</b> = dev error − train-dev error (only with a train-dev set);</li>
 *   <li><b>overfitting to the dev set</b> = test error − dev error (only with a test error).</li>
 * </ul>
 * The problem to attack first is the largest gap, provided it exceeds the tolerance (default
 * 0.01 = one percentage point); the report lists the course's remedies for it.
 *
 * <pre>{@code
 * BiasVariance.Report r = BiasVariance.errors(0.08, 0.10).humanLevel(0.01).report();
 * r.first();       // AVOIDABLE_BIAS (0.07 > 0.02)
 * System.out.println(r);
 * }</pre>
 */
public final class BiasVariance {

    /** What to work on. */
    public enum Problem {
        AVOIDABLE_BIAS("avoidable bias"),
        VARIANCE("variance"),
        DATA_MISMATCH("data mismatch"),
        DEV_OVERFITTING("overfitting to the dev set"),
        NONE("none");

        private final String label;

        Problem(String label) {
            this.label = label;
        }

        /** Words for reports, e.g. {@code avoidable bias}. */
        public String label() {
            return label;
        }

        /** The course's remedies for this problem. */
        public List<String> remedies() {
            switch (this) {
                case AVOIDABLE_BIAS:
                    return List.of("train a bigger network (more hidden units or layers)",
                            "train longer",
                            "use a better optimization algorithm (momentum, RMSprop, Adam)",
                            "search for a better architecture or hyperparameters");
                case VARIANCE:
                    return List.of("get more training data (or augment it)",
                            "regularize (L2, dropout, data augmentation, early stopping)",
                            "search for a better architecture or hyperparameters");
                case DATA_MISMATCH:
                    return List.of("do manual error analysis to understand how training and dev/test data differ",
                            "make the training data more similar to dev/test (e.g. artificial data synthesis)",
                            "collect more training data like the dev/test data");
                case DEV_OVERFITTING:
                    return List.of("get a bigger dev set");
                default:
                    return List.of("no gap exceeds the tolerance: keep the model, or set a harder target");
            }
        }
    }

    /** The diagnosis; gaps not measured (no train-dev or test error) are NaN. */
    public record Report(double humanError, boolean humanGiven, double trainError, double trainDevError,
                         double devError, double testError, double avoidableBias, double variance,
                         double dataMismatch, double devOverfitting, double tolerance, Problem first) {

        /** The remedies for {@link #first()}. */
        public List<String> remedies() {
            return first.remedies();
        }

        /** One line: the gaps and what to attack first. */
        public String line() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "avoidable bias %.4f, variance %.4f", avoidableBias, variance));
            if (!Double.isNaN(dataMismatch)) {
                sb.append(String.format(Locale.ROOT, ", data mismatch %.4f", dataMismatch));
            }
            if (!Double.isNaN(devOverfitting)) {
                sb.append(String.format(Locale.ROOT, ", dev overfitting %.4f", devOverfitting));
            }
            sb.append(" -> ");
            sb.append(first == Problem.NONE ? "no gap above " + pct(tolerance) : "attack " + first.label() + " first");
            return sb.toString();
        }

        /** The full report: errors, gaps, the problem to attack first and its remedies. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "  human-level error %7s%s%n", pct(humanError),
                    humanGiven ? "" : "  (not given: Bayes error taken as 0)"));
            sb.append(String.format(Locale.ROOT, "  train error       %7s%n", pct(trainError)));
            if (!Double.isNaN(trainDevError)) {
                sb.append(String.format(Locale.ROOT, "  train-dev error   %7s%n", pct(trainDevError)));
            }
            sb.append(String.format(Locale.ROOT, "  dev error         %7s%n", pct(devError)));
            if (!Double.isNaN(testError)) {
                sb.append(String.format(Locale.ROOT, "  test error        %7s%n", pct(testError)));
            }
            sb.append(String.format(Locale.ROOT, "  avoidable bias    %7s  (train - human)%n", pct(avoidableBias)));
            sb.append(String.format(Locale.ROOT, "  variance          %7s  (%s - train)%n", pct(variance),
                    Double.isNaN(trainDevError) ? "dev" : "train-dev"));
            if (!Double.isNaN(dataMismatch)) {
                sb.append(String.format(Locale.ROOT, "  data mismatch     %7s  (dev - train-dev)%n", pct(dataMismatch)));
            }
            if (!Double.isNaN(devOverfitting)) {
                sb.append(String.format(Locale.ROOT, "  dev overfitting   %7s  (test - dev)%n", pct(devOverfitting)));
            }
            if (avoidableBias < 0) {
                sb.append("  note: train error is below the human-level proxy; it is no longer a bound on the Bayes"
                        + " error, so progress gets harder to judge\n");
            }
            if (first == Problem.NONE) {
                sb.append("  diagnosis: no gap is above the tolerance of ").append(pct(tolerance)).append('\n');
            } else {
                sb.append("  diagnosis: attack ").append(first.label()).append(" first\n");
            }
            for (String r : first.remedies()) {
                sb.append("    - ").append(r).append('\n');
            }
            return sb.toString();
        }

        private static String pct(double v) {
            return String.format(Locale.ROOT, "%.2f%%", 100 * v);
        }
    }

    private final double train;
    private final double dev;
    private double human = 0;
    private boolean humanGiven;
    private double trainDev = Double.NaN;
    private double test = Double.NaN;
    private double tolerance = 0.01;

    private BiasVariance(double train, double dev) {
        this.train = checkError("trainError", train);
        this.dev = checkError("devError", dev);
    }

    /**
     * Starts a diagnosis from the training and dev error rates.
     *
     * @throws IllegalArgumentException if an error is not a number in [0, 1] (naming it)
     */
    public static BiasVariance errors(double trainError, double devError) {
        return new BiasVariance(trainError, devError);
    }

    /** Starts from accuracies (error = 1 − accuracy). */
    public static BiasVariance accuracies(double trainAccuracy, double devAccuracy) {
        checkError("trainAccuracy", trainAccuracy);
        checkError("devAccuracy", devAccuracy);
        return new BiasVariance(1 - trainAccuracy, 1 - devAccuracy);
    }

    /** The human-level error, a proxy for the Bayes (lowest possible) error; default 0. */
    public BiasVariance humanLevel(double humanError) {
        this.human = checkError("humanError", humanError);
        this.humanGiven = true;
        return this;
    }

    /** The error on a train-dev set: held out from the training data's distribution, not trained on. */
    public BiasVariance trainDev(double trainDevError) {
        this.trainDev = checkError("trainDevError", trainDevError);
        return this;
    }

    /** The test error (measures overfitting to the dev set). */
    public BiasVariance test(double testError) {
        this.test = checkError("testError", testError);
        return this;
    }

    /** The smallest gap worth attacking (default 0.01), in [0, 1]. */
    public BiasVariance tolerance(double tolerance) {
        this.tolerance = checkError("tolerance", tolerance);
        return this;
    }

    private static double checkError(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("bias/variance: " + name + " must be a fraction in [0, 1], got "
                    + name + "=" + v);
        }
        return v;
    }

    /** Computes the gaps and picks the largest one above the tolerance (ties: bias, variance, mismatch, dev). */
    public Report report() {
        double bias = train - human;
        double variance = (Double.isNaN(trainDev) ? dev : trainDev) - train;
        double mismatch = Double.isNaN(trainDev) ? Double.NaN : dev - trainDev;
        double devOverfit = Double.isNaN(test) ? Double.NaN : test - dev;
        Problem[] problems = {Problem.AVOIDABLE_BIAS, Problem.VARIANCE, Problem.DATA_MISMATCH, Problem.DEV_OVERFITTING};
        double[] gaps = {bias, variance, mismatch, devOverfit};
        Problem first = Problem.NONE;
        double best = tolerance;
        for (int i = 0; i < gaps.length; i++) {
            if (!Double.isNaN(gaps[i]) && gaps[i] > best) {
                best = gaps[i];
                first = problems[i];
            }
        }
        return new Report(human, humanGiven, train, trainDev, dev, test, bias, variance, mismatch, devOverfit,
                tolerance, first);
    }
}
