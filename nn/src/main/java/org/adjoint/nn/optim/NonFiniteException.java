package org.adjoint.nn.optim;

/**
 * A training step produced a NaN or infinity and was stopped before updating any variable. Names
 * where: the epoch (1-based, when a training loop runs), the step (1-based count of the update that
 * was refused) and the first node, in evaluation order, whose value was not finite.
 */
public final class NonFiniteException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final long step;
    private final String node;

    public NonFiniteException(String message, int epoch, long step, String node) {
        super(message);
        this.epoch = epoch;
        this.step = step;
        this.node = node;
    }

    /** The epoch, 1-based (0 outside a training loop). */
    public int epoch() {
        return epoch;
    }

    /** The refused update's number, 1-based. */
    public long step() {
        return step;
    }

    /** The first node (or gradient of a parameter) with a non-finite value, or null if not found. */
    public String node() {
        return node;
    }
}
