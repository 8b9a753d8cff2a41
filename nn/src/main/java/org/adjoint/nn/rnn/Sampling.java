package org.adjoint.nn.rnn;

import java.util.SplittableRandom;
import org.adjoint.graph.Tensor;

/**
 * Drawing an index from logits: {@code p = softmax(logits / temperature)}; temperature below 1
 * sharpens the distribution, above 1 flattens it, 0 takes the arg max. The generator is the
 * caller's, so a seed fixes every draw.
 */
public final class Sampling {

    private Sampling() {
    }

    /** An index drawn from row {@code row} of logits [rows, V] (or a vector [V] with row 0). */
    public static int sample(Tensor logits, int row, double temperature, SplittableRandom rng) {
        int v = logits.shape().dim(-1);
        double[] z = new double[v];
        for (int j = 0; j < v; j++) {
            z[j] = logits.getDouble(row * v + j);
        }
        return sample(z, temperature, rng);
    }

    /**
     * An index drawn from {@code softmax(logits / temperature)}.
     *
     * @throws IllegalArgumentException for a negative or non-finite temperature, empty or non-finite logits
     */
    public static int sample(double[] logits, double temperature, SplittableRandom rng) {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("sampling: temperature must be a finite number >= 0, got " + temperature);
        }
        if (logits.length == 0) {
            throw new IllegalArgumentException("sampling: no logits");
        }
        int best = 0;
        for (int j = 0; j < logits.length; j++) {
            if (!Double.isFinite(logits[j])) {
                throw new IllegalArgumentException("sampling: logit " + j + " is " + logits[j]);
            }
            if (logits[j] > logits[best]) {
                best = j;
            }
        }
        if (temperature == 0) {
            return best;
        }
        double[] p = new double[logits.length];
        double total = 0;
        for (int j = 0; j < p.length; j++) {
            p[j] = Math.exp((logits[j] - logits[best]) / temperature);
            total += p[j];
        }
        double u = rng.nextDouble() * total;
        double acc = 0;
        for (int j = 0; j < p.length; j++) {
            acc += p[j];
            if (u < acc) {
                return j;
            }
        }
        return best;   // rounding left u at the very top
    }
}
