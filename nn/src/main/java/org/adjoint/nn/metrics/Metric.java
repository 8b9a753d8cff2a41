package org.adjoint.nn.metrics;

import org.adjoint.graph.Tensor;

/**
 * A metric computed over batches: {@link #start()} gives an accumulator that sees each batch's
 * predictions and labels and then gives the value for all of them. Predictions are what the
 * loss says metrics compare (probabilities for classification losses, the output for
 * regression). The training loop reports {@code <name>} on the training batches and
 * {@code dev_<name>} on the dev set each epoch.
 *
 * <pre>{@code
 * Metric meanAbsError = Metric.of("mae", () -> new Metric.Accumulator() { ... });
 * }</pre>
 */
public interface Metric {

    /** The name in the history and progress output, e.g. {@code accuracy}. */
    String name();

    /** A fresh accumulator. */
    Accumulator start();

    /** Whether larger is better (early stopping's default direction). */
    default boolean higherIsBetter() {
        return true;
    }

    /** Running state of one evaluation. */
    interface Accumulator {
        /**
         * Adds a batch: {@code predictions} [batch, ...] and {@code labels} [batch, ...]. The tensors
         * may be a run's own buffers: read them now, do not keep them.
         */
        void update(Tensor predictions, Tensor labels);

        /** The value over every batch so far (NaN before any). */
        double result();
    }

    /** A metric from a name and an accumulator factory (higher is better). */
    static Metric of(String name, java.util.function.Supplier<Accumulator> start) {
        return new Metric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Accumulator start() {
                return start.get();
            }
        };
    }
}
