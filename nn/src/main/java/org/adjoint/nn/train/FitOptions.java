package org.adjoint.nn.train;

import java.util.ArrayList;
import java.util.List;
import org.adjoint.nn.data.Dataset;

/**
 * Options of {@link Trainer#fit}: epochs, batch size, dev set, shuffling seed, last partial batch,
 * progress output, callbacks. Bad values fail when set, naming the option.
 *
 * <pre>{@code
 * FitOptions.epochs(20).batchSize(64).dev(dev).seed(7).progress(true).callbacks(EarlyStopping.on("dev_loss"))
 * }</pre>
 */
public final class FitOptions {

    private int epochs;
    private int batchSize = 32;
    private int evalBatchSize = 256;
    private Dataset dev;
    private boolean shuffle = true;
    private long seed;
    private boolean dropLast;
    private boolean progress;
    private final List<Callback> callbacks = new ArrayList<>();
    private BatchTransform augment;

    /** Changes a training batch before its step (data augmentation); seed any randomness from epoch and batch. */
    @FunctionalInterface
    public interface BatchTransform {
        /**
         * @param epoch the 0-based epoch index
         * @param index the 0-based batch index within the epoch
         * @return the batch to train on (same columns, shapes the model accepts)
         */
        Dataset apply(Dataset batch, int epoch, int index);
    }

    private FitOptions(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("fit: epochs must be >= 1, got epochs=" + epochs);
        }
        this.epochs = epochs;
    }

    /** Options for {@code n} epochs (batch size 32, shuffled with seed 0, no dev set, no progress). */
    public static FitOptions epochs(int n) {
        return new FitOptions(n);
    }

    public FitOptions batchSize(int b) {
        if (b < 1) {
            throw new IllegalArgumentException("fit: batch size must be >= 1, got batchSize=" + b);
        }
        this.batchSize = b;
        return this;
    }

    /** Batch size of evaluation runs on the dev set (default 256). */
    public FitOptions evalBatchSize(int b) {
        if (b < 1) {
            throw new IllegalArgumentException("fit: eval batch size must be >= 1, got evalBatchSize=" + b);
        }
        this.evalBatchSize = b;
        return this;
    }

    public FitOptions dev(Dataset dev) {
        this.dev = dev;
        return this;
    }

    /** Whether to shuffle each epoch (default true). */
    public FitOptions shuffle(boolean on) {
        this.shuffle = on;
        return this;
    }

    /** The shuffling seed (default 0). */
    public FitOptions seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Drop the last partial batch of each epoch (default false: kept). */
    public FitOptions dropLast(boolean drop) {
        this.dropLast = drop;
        return this;
    }

    /** Console progress: a bar per epoch on a terminal, one line per epoch otherwise. */
    public FitOptions progress(boolean on) {
        this.progress = on;
        return this;
    }

    /** Transforms each training batch before its step (not dev or evaluation data). */
    public FitOptions augment(BatchTransform transform) {
        this.augment = transform;
        return this;
    }

    public BatchTransform augment() {
        return augment;
    }

    public FitOptions callbacks(Callback... cbs) {
        callbacks.addAll(List.of(cbs));
        return this;
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public int evalBatchSize() {
        return evalBatchSize;
    }

    public Dataset dev() {
        return dev;
    }

    public boolean shuffle() {
        return shuffle;
    }

    public long seed() {
        return seed;
    }

    public boolean dropLast() {
        return dropLast;
    }

    public boolean progress() {
        return progress;
    }

    public List<Callback> callbacks() {
        return List.copyOf(callbacks);
    }
}
