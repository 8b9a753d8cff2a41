package org.adjoint.kernels;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The kernels' shared worker pool.
 *
 * <p>The thread count comes from {@code -Dadjoint.threads=N} (default:
 * {@link Runtime#availableProcessors()}); {@link #setThreads(int)} changes it at run time for
 * benchmarks and tests. Workers are daemon threads created on first use; each has a one-job
 * mailbox, spins briefly after a job and then parks.
 *
 * <p>{@link #forEach} runs numbered parts; the calling thread works too and takes any part that
 * no worker has started, so a busy pool (or a call from inside a worker) never deadlocks.
 * Kernels split work over independent outputs only, so results never depend on which thread
 * ran which part.
 */
public final class Parallel {

    /** System property holding the default thread count. */
    public static final String PROPERTY = "adjoint.threads";

    private static volatile int threads = parseThreads(System.getProperty(PROPERTY));

    private static final ThreadLocal<Boolean> IS_WORKER = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private Parallel() {
    }

    /** The number of threads kernels may use (at least 1). */
    public static int threads() {
        return threads;
    }

    /**
     * Sets the number of threads kernels may use from now on.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + n);
        }
        threads = n;
    }

    /**
     * Parses a value of {@code -Dadjoint.threads}; {@code null} or blank means
     * {@link Runtime#availableProcessors()}.
     *
     * @throws IllegalArgumentException naming the property and the value if it is not a
     *     positive integer
     */
    static int parseThreads(String value) {
        if (value == null || value.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + ": expected a positive integer", e);
        }
        if (n < 1) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + ": expected a positive integer");
        }
        return n;
    }

    /**
     * Runs {@code body.accept(i)} for every {@code i} in {@code [0, parts)} on up to
     * {@code maxThreads} threads (the caller included) and returns when all parts are done.
     * An exception thrown by a part is rethrown here after all parts finished.
     */
    public static void forEach(int parts, int maxThreads, IntConsumer body) {
        int helpers = Math.min(parts, maxThreads) - 1;
        if (helpers <= 0 || IS_WORKER.get()) {
            for (int i = 0; i < parts; i++) {
                body.accept(i);
            }
            return;
        }
        Job job = new Job(parts, body);
        Worker[] workers = Pool.WORKERS;
        for (int w = 0; w < workers.length && helpers > 0; w++) {
            // a busy worker (another caller's job) is skipped: the caller takes its parts
            if (workers[w].offer(job)) {
                helpers--;
            }
        }
        job.work();
        job.awaitAndRethrow();
    }

    /** One {@link #forEach} call: parts are claimed with a counter by whoever comes first. */
    private static final class Job {
        private final int parts;
        private final IntConsumer body;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(int parts, IntConsumer body) {
            this.parts = parts;
            this.body = body;
            this.done = new CountDownLatch(parts);
        }

        void work() {
            for (int i = next.getAndIncrement(); i < parts; i = next.getAndIncrement()) {
                try {
                    body.accept(i);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        }

        void awaitAndRethrow() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    /**
     * A daemon worker with a one-job mailbox. After a job it spins briefly before parking, so
     * back-to-back kernels (the layers of a training step) do not pay a wake-up each.
     */
    private static final class Worker implements Runnable {
        /** Spin iterations after a job before parking (~tens of microseconds). */
        private static final int SPINS = 20_000;

        private final AtomicReference<Job> mailbox = new AtomicReference<>();
        private volatile Thread thread;

        boolean offer(Job job) {
            if (!mailbox.compareAndSet(null, job)) {
                return false;
            }
            LockSupport.unpark(thread);
            return true;
        }

        @Override
        public void run() {
            IS_WORKER.set(Boolean.TRUE);
            int idle = 0;
            while (true) {
                Job job = mailbox.get();
                if (job != null) {
                    job.work();
                    mailbox.set(null);
                    idle = 0;
                } else if (idle < SPINS) {
                    idle++;
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
        }
    }

    /** Holder: the workers are started on the first parallel call. */
    private static final class Pool {
        static final Worker[] WORKERS = start();

        private static Worker[] start() {
            int count = Math.max(1, Math.max(threads, Runtime.getRuntime().availableProcessors()) - 1);
            Worker[] workers = new Worker[count];
            for (int i = 0; i < count; i++) {
                workers[i] = new Worker();
                Thread t = new Thread(workers[i], "adjoint-kernels-" + (i + 1));
                t.setDaemon(true);
                workers[i].thread = t;
                t.start();
            }
            return workers;
        }
    }
}
