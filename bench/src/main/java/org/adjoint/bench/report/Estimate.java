package org.adjoint.bench.report;

import java.util.Arrays;
import org.openjdk.jmh.util.ListStatistics;

/**
 * A mean with its 99.9 % confidence interval, computed the way JMH computes its "Error (99.9%)"
 * column: Student's t over the samples (JMH's {@link ListStatistics}), so an estimate built
 * from one JMH result's iterations has exactly JMH's score and error.
 *
 * @param mean the sample mean (microseconds per operation in this package)
 * @param error half-width of the 99.9 % interval; NaN with fewer than two samples
 * @param n number of samples
 */
record Estimate(double mean, double error, int n) {

    /** Confidence level of every interval in the report (JMH's default). */
    static final double LEVEL = 0.999;

    /**
     * The estimate of {@code samples}.
     *
     * @throws IllegalArgumentException for no samples or a non-finite sample
     */
    static Estimate of(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        for (double s : samples) {
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("non-finite sample " + s + " in " + Arrays.toString(samples));
            }
        }
        ListStatistics stats = new ListStatistics(samples);
        double err = samples.length < 2 ? Double.NaN : stats.getMeanErrorAt(LEVEL);
        return new Estimate(stats.getMean(), err, samples.length);
    }

    /** Lower end of the interval (the mean itself when the error is unknown). */
    double lower() {
        return Double.isNaN(error) ? mean : mean - error;
    }

    /** Upper end of the interval (the mean itself when the error is unknown). */
    double upper() {
        return Double.isNaN(error) ? mean : mean + error;
    }

    /** Whether the error is known (two or more samples). */
    boolean hasError() {
        return !Double.isNaN(error);
    }

    /** Whether the two 99.9 % intervals share a point: the difference is within the measured noise. */
    boolean overlaps(Estimate other) {
        return lower() <= other.upper() && other.lower() <= upper();
    }

    /** The error as a fraction of the mean (NaN when unknown). */
    double relativeError() {
        return error / mean;
    }
}
