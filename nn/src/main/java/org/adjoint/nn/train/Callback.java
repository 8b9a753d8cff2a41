package org.adjoint.nn.train;

import java.util.Map;

/**
 * Hooks into {@link Trainer#fit}. Epochs are numbered from 1; {@code logs} are the values the
 * history records for the epoch (a callback may add entries to it in {@link #onEpochEnd}; they are
 * recorded). To stop training, call {@link Trainer#requestStop}.
 */
public interface Callback {

    default void onTrainBegin(Trainer trainer, FitOptions options) {
    }

    default void onEpochBegin(Trainer trainer, int epoch, int batches) {
    }

    /** After each step: the batch number (1-based), its size and its loss. */
    default void onBatchEnd(Trainer trainer, int epoch, int batch, int batchSize, double loss) {
    }

    default void onEpochEnd(Trainer trainer, int epoch, Map<String, Double> logs) {
    }

    /** After the last epoch or a requested stop (not after an exception). */
    default void onTrainEnd(Trainer trainer, History history) {
    }

    /** When fit ends with an exception (e.g. a non-finite step), before it propagates: release resources. */
    default void onTrainFailed(Trainer trainer, RuntimeException error) {
    }
}
