package org.adjoint.nn.train;

import java.util.Map;
import org.adjoint.graph.Tensor;

/**
 * Stops training when a monitored value (by default {@code dev_loss}) has not improved for
 * {@code patience} epochs, and then restores the variables (parameters and running statistics)
 * of the best epoch. A name ending in {@code loss} is minimized, anything else maximized, unless
 * {@link #minimize}/{@link #maximize} say otherwise.
 *
 * <pre>{@code
 * FitOptions.epochs(100).dev(dev).callbacks(EarlyStopping.on("dev_accuracy").patience(5))
 * }</pre>
 */
public final class EarlyStopping implements Callback {

    private final String monitor;
    private int patience = 3;
    private boolean higherIsBetter;
    private double minDelta;
    private boolean restoreBest = true;
    private double best;
    private int bestEpoch;
    private int wait;
    private Map<String, Tensor> bestValues;

    private EarlyStopping(String monitor) {
        this.monitor = monitor;
        this.higherIsBetter = !monitor.endsWith("loss");
    }

    /** Monitors {@code name} in the epoch logs, e.g. {@code dev_loss}, {@code dev_accuracy}. */
    public static EarlyStopping on(String name) {
        return new EarlyStopping(name);
    }

    /** Epochs without improvement before stopping (default 3, &gt;= 1). */
    public EarlyStopping patience(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("early stopping: patience must be >= 1, got patience=" + epochs);
        }
        this.patience = epochs;
        return this;
    }

    /** The smallest change that counts as an improvement (default 0). */
    public EarlyStopping minDelta(double delta) {
        if (!(delta >= 0)) {
            throw new IllegalArgumentException("early stopping: minDelta must be >= 0, got minDelta=" + delta);
        }
        this.minDelta = delta;
        return this;
    }

    public EarlyStopping minimize() {
        this.higherIsBetter = false;
        return this;
    }

    public EarlyStopping maximize() {
        this.higherIsBetter = true;
        return this;
    }

    /** Whether to restore the best epoch's variables at the end (default true). */
    public EarlyStopping restoreBest(boolean on) {
        this.restoreBest = on;
        return this;
    }

    /** The best epoch so far (1-based; 0 before any). */
    public int bestEpoch() {
        return bestEpoch;
    }

    @Override
    public void onTrainBegin(Trainer trainer, FitOptions options) {
        if (monitor.startsWith("dev_") && options.dev() == null) {
            throw new IllegalArgumentException("early stopping monitors '" + monitor + "' but fit has no dev set");
        }
        best = higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        bestEpoch = 0;
        wait = 0;
        bestValues = null;
    }

    @Override
    public void onEpochEnd(Trainer trainer, int epoch, Map<String, Double> logs) {
        Double v = logs.get(monitor);
        if (v == null) {
            throw new IllegalArgumentException("early stopping monitors '" + monitor + "' but the epoch logs have "
                    + logs.keySet());
        }
        boolean improved = higherIsBetter ? v > best + minDelta : v < best - minDelta;
        if (improved) {
            best = v;
            bestEpoch = epoch;
            wait = 0;
            if (restoreBest) {
                bestValues = trainer.variables().snapshot();
            }
        } else if (++wait >= patience) {
            trainer.requestStop("early stopping: " + monitor + " did not improve for " + patience
                    + " epochs; best " + best + " at epoch " + bestEpoch);
        }
    }

    @Override
    public void onTrainEnd(Trainer trainer, History history) {
        if (restoreBest && bestValues != null) {
            trainer.variables().restore(bestValues);
        }
    }
}
