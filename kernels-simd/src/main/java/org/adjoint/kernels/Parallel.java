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

    /**
     * Whether a parallel call ended less than {@link #HOT_NANOS} ago, so the workers are still
     * spinning (they spin {@link Worker#SPIN_NANOS} after a job) and a job handed to one now
     * starts within about a microsecond instead of the tens of microseconds a parked worker
     * takes to wake. A hint only, for deciding whether a mid-sized kernel call is worth a
     * second thread; it never changes results.
     */
    public static boolean hot() {
        long last = lastParallel;
        return last != 0 && System.nanoTime() - last < HOT_NANOS;
    }

    /** How long after a parallel call {@link #hot()} holds: half the workers' spin. */
    static final long HOT_NANOS = Worker.SPIN_NANOS * 4 / 5;

    /** {@link System#nanoTime()} at the end of the last parallel call (0: none yet). */
    private static volatile long lastParallel;

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
        job.work(0);
        try {
            job.awaitAndRethrow();
        } finally {
            lastParallel = System.nanoTime();
        }
    }

    /**
     * Runs {@code body} on a team of threads that all run at the same time: the caller and up to
     * {@code maxThreads - 1} idle workers. Each member gets its index and the team's size (which
     * may be smaller than asked for: busy workers are not waited for, and a call from inside a
     * worker runs alone) and can wait for the others at the team's {@link Barrier}. Returns when
     * every member has returned; an exception thrown by a member breaks the barrier (the others
     * then fail too, instead of waiting forever) and is rethrown here.
     */
    public static void team(int maxThreads, TeamBody body) {
        int wanted = maxThreads - 1;
        if (wanted <= 0 || IS_WORKER.get()) {
            body.run(0, 1, Barrier.SOLO);
            return;
        }
        Worker[] workers = Pool.WORKERS;
        Worker[] reserved = new Worker[Math.min(wanted, workers.length)];
        int size = 1;
        for (int w = 0; w < workers.length && size - 1 < reserved.length; w++) {
            if (workers[w].reserve()) {
                reserved[size - 1] = workers[w];
                size++;
            }
        }
        if (size == 1) {
            body.run(0, 1, Barrier.SOLO);
            return;
        }
        TeamJob job = new TeamJob(body, size);
        for (int w = 0; w < size - 1; w++) {
            reserved[w].start(job, w + 1);
        }
        job.member(0);
        try {
            job.awaitAndRethrow();
        } finally {
            lastParallel = System.nanoTime();
        }
    }

    /** The code one member of a {@link #team} runs. */
    @FunctionalInterface
    public interface TeamBody {
        /** Runs as member {@code member} of {@code size} (member 0 is the caller). */
        void run(int member, int size, Barrier barrier);
    }

    /**
     * A reusable spin barrier for the members of one {@link #team}. Members wait by spinning
     * (then yielding), since team phases last microseconds to milliseconds.
     */
    public static final class Barrier {

        /** The barrier of a team of one: never waits. */
        static final Barrier SOLO = new Barrier(1);

        private final int parties;
        private final AtomicInteger arrived = new AtomicInteger();
        private volatile int generation;
        private volatile boolean broken;

        Barrier(int parties) {
            this.parties = parties;
        }

        /**
         * Waits until every member has called {@code await} (once per phase).
         *
         * @throws IllegalStateException if another member failed
         */
        public void await() {
            if (parties == 1) {
                return;
            }
            int gen = generation;
            if (arrived.incrementAndGet() == parties) {
                arrived.set(0);
                generation = gen + 1;
                return;
            }
            int spins = 0;
            while (generation == gen) {
                if (broken) {
                    throw new IllegalStateException("another member of the team failed");
                }
                if (++spins < 10_000) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }

        void breakBarrier() {
            broken = true;
        }
    }

    /** One {@link #team} call: member i runs body(i, size). */
    private static final class TeamJob implements Task {
        private final TeamBody body;
        private final int size;
        private final Barrier barrier;
        private final CountDownLatch done;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        TeamJob(TeamBody body, int size) {
            this.body = body;
            this.size = size;
            this.barrier = new Barrier(size);
            this.done = new CountDownLatch(size);
        }

        @Override
        public void work(int member) {
            member(member);
        }

        void member(int member) {
            try {
                body.run(member, size, barrier);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
                barrier.breakBarrier();
            } finally {
                done.countDown();
            }
        }

        void awaitAndRethrow() {
            Parallel.awaitAndRethrow(done, failure);
        }
    }

    /** What a worker runs: a {@link Job} (claims parts) or a {@link TeamJob} member. */
    private interface Task {
        void work(int member);
    }

    /** Waits for {@code done}, then rethrows the first failure. */
    private static void awaitAndRethrow(CountDownLatch done, AtomicReference<Throwable> failure) {
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

    /** One {@link #forEach} call: parts are claimed with a counter by whoever comes first. */
    private static final class Job implements Task {
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

        @Override
        public void work(int member) {
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
            Parallel.awaitAndRethrow(done, failure);
        }
    }

    /**
     * A daemon worker with a one-job mailbox. After a job it spins for {@link #SPIN_NANOS}
     * before parking, so back-to-back kernels (the layers of a training step, an RNN's steps)
     * do not pay a wake-up each.
     */
    private static final class Worker implements Runnable {
        /**
         * How long a worker spins after its last job, or the last parallel call, before parking.
         * NOTE: counted in time, not in pause instructions, whose latency differs ~10x between
         * CPUs (measured ~21 ns on Zen 4); {@link Parallel#hot()} relies on it.
         */
        static final long SPIN_NANOS = 1_000_000L;
        /** Mailbox value of a worker reserved for a team whose job is not posted yet. */
        private static final Object RESERVED = new Object();

        /** null (idle), RESERVED, or the Task to run. */
        private final AtomicReference<Object> mailbox = new AtomicReference<>();
        private volatile int member;
        private volatile Thread thread;

        /** Posts a forEach job if the worker is idle. */
        boolean offer(Job job) {
            if (!mailbox.compareAndSet(null, job)) {
                return false;
            }
            LockSupport.unpark(thread);
            return true;
        }

        /** Claims an idle worker for a team; {@link #start} must follow. */
        boolean reserve() {
            return mailbox.compareAndSet(null, RESERVED);
        }

        /** Starts a reserved worker as member {@code member} of {@code job}. */
        void start(TeamJob job, int member) {
            this.member = member;
            mailbox.set(job);
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            IS_WORKER.set(Boolean.TRUE);
            long lastJob = System.nanoTime();
            while (true) {
                Object task = mailbox.get();
                if (task != null && task != RESERVED) {
                    ((Task) task).work(member);
                    mailbox.set(null);
                    lastJob = System.nanoTime();
                } else if (task == RESERVED || System.nanoTime() - Math.max(lastJob, lastParallel) < SPIN_NANOS) {
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
