package org.adjoint.spark;

import java.util.ArrayList;
import java.util.List;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.train.Callback;
import org.adjoint.nn.train.FitOptions;

/**
 * Options of {@link SparkTrainer#fit}: the same as {@link FitOptions} (epochs, global batch size,
 * shuffling seed, last partial batch, progress, callbacks, a dev set — here a distributed one),
 * plus the mode: {@link #synchronous()} (the default) or {@link #parameterAveraging(int)}.
 *
 * <pre>{@code
 * SparkFitOptions.epochs(10).batchSize(512).dev(dev).seed(7).progress(true)
 *         .callbacks(EarlyStopping.on("dev_loss").patience(3), new CheckpointCallback(dir, 1))
 * }</pre>
 *
 * <p>The batch size is the GLOBAL mini-batch: each step trains on {@code batchSize} examples
 * spread over all partitions, exactly the batches a single-machine fit with the same seed uses.
 */
public final class SparkFitOptions {

    private final int epochs;
    private int batchSize = 32;
    private int evalBatchSize = 256;
    private SparkData dev;
    private boolean shuffle = true;
    private long seed;
    private boolean dropLast;
    private boolean progress;
    private int localSteps;         // 0: synchronous
    private int treeDepth = 2;
    private final List<Callback> callbacks = new ArrayList<>();

    private SparkFitOptions(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("spark fit: epochs must be >= 1, got epochs=" + epochs);
        }
        this.epochs = epochs;
    }

    /** Options for {@code n} epochs (global batch 32, shuffled with seed 0, synchronous, no dev set). */
    public static SparkFitOptions epochs(int n) {
        return new SparkFitOptions(n);
    }

    /** The global mini-batch size, over all partitions together. */
    public SparkFitOptions batchSize(int b) {
        if (b < 1) {
            throw new IllegalArgumentException("spark fit: batch size must be >= 1, got batchSize=" + b);
        }
        this.batchSize = b;
        return this;
    }

    /** Batch size of evaluation runs inside each partition (default 256). */
    public SparkFitOptions evalBatchSize(int b) {
        if (b < 1) {
            throw new IllegalArgumentException("spark fit: eval batch size must be >= 1, got evalBatchSize=" + b);
        }
        this.evalBatchSize = b;
        return this;
    }

    /** A distributed dev set, evaluated after each epoch ({@code dev_loss}, {@code dev_<metric>}). */
    public SparkFitOptions dev(SparkData dev) {
        this.dev = dev;
        return this;
    }

    public SparkFitOptions shuffle(boolean on) {
        this.shuffle = on;
        return this;
    }

    /** The shuffling seed: epoch e's order is the one {@code Trainer.fit} uses with this seed. */
    public SparkFitOptions seed(long seed) {
        this.seed = seed;
        return this;
    }

    public SparkFitOptions dropLast(boolean drop) {
        this.dropLast = drop;
        return this;
    }

    /** Console progress, as fit's: a bar per epoch on a terminal, a line per epoch otherwise. */
    public SparkFitOptions progress(boolean on) {
        this.progress = on;
        return this;
    }

    public SparkFitOptions callbacks(Callback... cbs) {
        callbacks.addAll(List.of(cbs));
        return this;
    }

    /**
     * Synchronous data parallelism (the default): one update per global batch from the gradient
     * summed over all partitions, divided by the batch size — the single-machine update.
     */
    public SparkFitOptions synchronous() {
        this.localSteps = 0;
        return this;
    }

    /**
     * Parameter averaging: each partition runs {@code k} local steps with its own copy of the
     * optimizer on its shares of k consecutive global batches, then the driver averages the
     * parameters, running statistics and optimizer state (weighted by examples). One job per k
     * steps instead of per step, so faster when steps are short or the network slow — but not the
     * single-machine computation (not even for k = 1 with a stateful optimizer or a regularizer),
     * and it converges differently.
     */
    public SparkFitOptions parameterAveraging(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("spark fit: parameter averaging needs k >= 1 local steps, got k=" + k);
        }
        this.localSteps = k;
        return this;
    }

    /** Depth of the aggregation tree (Spark's treeAggregate depth, default 2). */
    public SparkFitOptions treeDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("spark fit: tree depth must be >= 1, got treeDepth=" + depth);
        }
        this.treeDepth = depth;
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

    public SparkData dev() {
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

    public boolean isAveraging() {
        return localSteps > 0;
    }

    /** Local steps per round of parameter averaging (0 in synchronous mode). */
    public int localSteps() {
        return localSteps;
    }

    public int treeDepth() {
        return treeDepth;
    }

    public List<Callback> callbacks() {
        return List.copyOf(callbacks);
    }

    /**
     * The {@link FitOptions} callbacks see. Its {@code dev()} is a one-example stand-in for the
     * distributed dev set (nn callbacks only test it for presence, e.g. early stopping on
     * {@code dev_loss}); the dev values themselves are in each epoch's logs.
     */
    FitOptions view() {
        FitOptions f = FitOptions.epochs(epochs).batchSize(batchSize).evalBatchSize(evalBatchSize).shuffle(shuffle)
                .seed(seed).dropLast(dropLast).progress(progress).callbacks(callbacks.toArray(new Callback[0]));
        if (dev != null) {
            f.dev(Dataset.ofFeatures(Tensor.zeros(dev.dtype(), Block.withBatch(Shape.of(concat(dev.featureShape())), 1))));
        }
        return f;
    }

    private static int[] concat(Shape s) {
        int[] out = new int[s.rank() + 1];
        out[0] = -1;
        System.arraycopy(s.dims(), 0, out, 1, s.rank());
        return out;
    }
}
