package org.adjoint.graph;

/**
 * Options of one {@link Session} run: the {@link RunMode}, the random step random ops draw
 * from, and whether registered state updates are applied. Immutable.
 *
 * <p>By default a training run takes the next random step of its session (each training run of
 * a session counts one), so two runs draw different dropout masks; {@link #randomStep(long)}
 * fixes it (a trainer passes its global step; a gradient check passes one step for every
 * evaluation, so masks stay fixed while it differentiates).
 */
public final class RunOptions {

    /** Training mode, next random step, updates applied: what {@code Session.run(feeds, ...)} uses. */
    public static final RunOptions TRAIN = new RunOptions(RunMode.TRAIN, -1, true);

    /** Evaluation mode: dropout is the identity, batch norm uses running statistics, no updates. */
    public static final RunOptions EVAL = new RunOptions(RunMode.EVAL, -1, false);

    private final RunMode mode;
    private final long randomStep;
    private final boolean updates;

    private RunOptions(RunMode mode, long randomStep, boolean updates) {
        this.mode = mode;
        this.randomStep = randomStep;
        this.updates = updates;
    }

    /** Options for {@code mode} with defaults (updates on in training). */
    public static RunOptions of(RunMode mode) {
        return mode == RunMode.TRAIN ? TRAIN : EVAL;
    }

    public RunMode mode() {
        return mode;
    }

    /** The fixed random step, or -1 when the session supplies the next one. */
    public long randomStep() {
        return randomStep;
    }

    /** Whether state updates ({@link Graph#addUpdate}) are applied (training runs only). */
    public boolean updates() {
        return updates && mode == RunMode.TRAIN;
    }

    /** These options with random ops drawing from {@code step} (&gt;= 0). */
    public RunOptions randomStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("RunOptions: random step must be >= 0, got " + step);
        }
        return new RunOptions(mode, step, updates);
    }

    /** These options with state updates switched on or off. */
    public RunOptions updates(boolean on) {
        return new RunOptions(mode, randomStep, on);
    }

    @Override
    public String toString() {
        return mode + (randomStep >= 0 ? ", random step " + randomStep : "") + (updates() ? ", updates" : "");
    }
}
