package org.adjoint.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What partitions send back for one step (synchronous mode) or one round of local steps
 * (parameter averaging), and what two such values combine into: sums of gradients and losses,
 * weighted means of parameters and running statistics, predictions for training metrics, and the
 * partitions whose numbers were not finite.
 */
final class Contribution implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Per step of the unit: the sum over examples of the data loss, and the examples. */
    final double[] lossSum;
    final long[] examples;
    /** Synchronous mode: per trainable parameter, the gradient summed over examples (null: zeros). */
    Values[] gradients;
    /** Parameter averaging: the trained parameters and the optimizer's slots, weighted by examples. */
    Mean parameters;
    Mean optimizerSlots;
    /** Running statistics after the step(s), weighted by examples (null for models without state). */
    Mean state;
    /** Predictions and labels of the examples, for training metrics (empty unless asked for). */
    final List<Chunk> chunks = new ArrayList<>();
    /** Partition -> what was not finite there. */
    final TreeMap<Integer, String> failures = new TreeMap<>();
    /** Timings of the slowest task: time to get the broadcast and load it, time to compute. */
    long fetchNanosMax;
    long computeNanosMax;
    long computeNanosSum;

    Contribution(int steps) {
        lossSum = new double[steps];
        examples = new long[steps];
    }

    long totalExamples() {
        long n = 0;
        for (long e : examples) {
            n += e;
        }
        return n;
    }

    /**
     * {@code this + right}, in place. The caller fixes which value is the left one, so the sums
     * are the same whatever order Spark delivers the partitions in.
     */
    Contribution plus(Contribution right) {
        for (int s = 0; s < lossSum.length; s++) {
            lossSum[s] += right.lossSum[s];
            examples[s] += right.examples[s];
        }
        if (gradients == null) {
            gradients = right.gradients;
        } else if (right.gradients != null) {
            for (int i = 0; i < gradients.length; i++) {
                gradients[i].add(right.gradients[i]);
            }
        }
        parameters = merge(parameters, right.parameters);
        optimizerSlots = merge(optimizerSlots, right.optimizerSlots);
        state = merge(state, right.state);
        chunks.addAll(right.chunks);
        failures.putAll(right.failures);
        fetchNanosMax = Math.max(fetchNanosMax, right.fetchNanosMax);
        computeNanosMax = Math.max(computeNanosMax, right.computeNanosMax);
        computeNanosSum += right.computeNanosSum;
        return this;
    }

    private static Mean merge(Mean a, Mean b) {
        return a == null ? b : a.merge(b);
    }

    /** Predictions of some examples of one step, with their labels, for metrics on the driver. */
    static final class Chunk implements Serializable {
        private static final long serialVersionUID = 1L;
        final int step;             // within the unit
        final int[] positions;      // within the step's global batch
        final Values predictions;   // [rows * width]
        final int[] classes;        // I32 labels, or
        final Values targets;       // floating labels [rows * labelWidth]

        Chunk(int step, int[] positions, Values predictions, int[] classes, Values targets) {
            this.step = step;
            this.positions = positions;
            this.predictions = predictions;
            this.classes = classes;
            this.targets = targets;
        }
    }
}
