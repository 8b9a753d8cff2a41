package org.adjoint.nn.train;

import java.nio.file.Path;
import java.util.Map;
import org.adjoint.nn.io.Checkpoint;

/**
 * Saves a checkpoint (model variables and optimizer state) every {@code every} epochs to
 * {@code folder/epoch-<n>.safetensors} (n zero-padded to 4 digits), and records the path of the
 * last one. Writes are atomic.
 */
public final class CheckpointCallback implements Callback {

    private final Path folder;
    private final int every;
    private Path last;

    public CheckpointCallback(Path folder, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("checkpoint: every must be >= 1 epoch, got every=" + every);
        }
        this.folder = folder;
        this.every = every;
    }

    /** The file of epoch {@code epoch}. */
    public Path fileOf(int epoch) {
        return folder.resolve(String.format(java.util.Locale.ROOT, "epoch-%04d.safetensors", epoch));
    }

    /** The last file written, or null. */
    public Path last() {
        return last;
    }

    @Override
    public void onEpochEnd(Trainer trainer, int epoch, Map<String, Double> logs) {
        if (epoch % every == 0) {
            last = fileOf(epoch);
            Checkpoint.save(last, trainer.model(), trainer.optimizer());
        }
    }
}
