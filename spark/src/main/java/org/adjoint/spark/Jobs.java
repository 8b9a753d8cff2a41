package org.adjoint.spark;

import org.apache.spark.SparkException;

/** Turns a failed Spark job back into the exception our code threw inside the task, with context. */
final class Jobs {

    private Jobs() {
    }

    /**
     * The first {@link IllegalArgumentException} or {@link IllegalStateException} in the cause
     * chain of a failed job, re-thrown with {@code context} in front of its message (Spark wraps a
     * task's exception in "Job aborted due to stage failure: ..."); otherwise an
     * {@link IllegalStateException} naming the context and Spark's message. Scala declares no
     * checked exceptions, so callers catch {@code Exception}; anything but a SparkException is
     * returned as it is (wrapped if checked).
     */
    static RuntimeException unwrap(String context, Exception e) {
        if (!(e instanceof SparkException)) {
            return e instanceof RuntimeException re ? re : new IllegalStateException(context + ": " + e, e);
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException) {
                return new IllegalArgumentException(prefixed(context, t.getMessage()), e);
            }
            if (t instanceof IllegalStateException) {
                return new IllegalStateException(prefixed(context, t.getMessage()), e);
            }
        }
        return new IllegalStateException(context + " failed on the cluster: " + e.getMessage(), e);
    }

    private static String prefixed(String context, String message) {
        return message != null && message.startsWith(context) ? message : context + ": " + message;
    }
}
