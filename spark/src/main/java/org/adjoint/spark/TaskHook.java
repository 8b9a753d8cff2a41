package org.adjoint.spark;

/**
 * A test seam inside step tasks: called after a partition computed its contribution and before it
 * returns it. Tests run Spark in local mode (executors in the test's JVM) and use it to make one
 * attempt of one task fail; it is null otherwise.
 */
interface TaskHook {

    /** The hook, or null. */
    static TaskHook get() {
        return Holder.hook;
    }

    static void set(TaskHook hook) {
        Holder.hook = hook;
    }

    /**
     * @param partition the task's partition
     * @param step the 0-based global step the task computed (the first of the round, when averaging)
     * @param attempt Spark's attempt number of the task (0 for the first)
     */
    void afterCompute(int partition, long step, int attempt);

    /** Holds the hook. */
    final class Holder {
        private static volatile TaskHook hook;

        private Holder() {
        }
    }
}
