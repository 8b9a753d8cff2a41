package org.adjoint.spark;

/**
 * Where the time of the last training step (or averaging round) went, in nanoseconds, measured on
 * the driver and in the tasks. The critical path of a step is: broadcast (driver) → tasks (each:
 * get the broadcast and load it, then compute) → aggregation and result transfer → apply
 * (driver). Computation is the slowest task's compute time; everything else in the step is
 * communication or scheduling.
 *
 * @param stepNanos the whole step on the driver, broadcast to applied update
 * @param broadcastNanos creating the broadcast on the driver (copying and serializing parameters)
 * @param jobNanos the Spark job: task launch, tasks, tree aggregation, results to the driver
 * @param fetchNanosMax the slowest task's time to obtain and load the broadcast values
 * @param computeNanosMax the slowest task's computation (its share's forward and backward pass)
 * @param computeNanosSum all tasks' computation together
 * @param applyNanos the driver's update: dividing, the regularizer's gradient, the optimizer
 * @param broadcastBytes bytes of parameter and state values broadcast
 * @param examples examples trained on
 */
public record StepTimings(long stepNanos, long broadcastNanos, long jobNanos, long fetchNanosMax,
        long computeNanosMax, long computeNanosSum, long applyNanos, long broadcastBytes, long examples) {

    /** Everything but the slowest task's computation and the driver's update: broadcast, scheduling, aggregation. */
    public long communicationNanos() {
        return Math.max(0, stepNanos - computeNanosMax - applyNanos);
    }

    /** The communication share of the step, in [0, 1]. */
    public double communicationShare() {
        return stepNanos == 0 ? 0 : (double) communicationNanos() / stepNanos;
    }
}
