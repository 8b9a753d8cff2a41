package org.adjoint.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Init;
import org.adjoint.graph.Node;
import org.adjoint.graph.Outputs;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.ops.Ops;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A compiled plan runs in steady state without allocating: the thread allocation counter
 * (HotSpot's {@code com.sun.management.ThreadMXBean}) over many training steps of an MLP
 * (forward, loss and every gradient) shows zero bytes when the outputs go to a consumer, and
 * only the returned copies otherwise. Ops that allocated per run before the plan-time step
 * (reductions' axis handling, broadcast index arrays, conv column buffers, ...) would show up
 * here as bytes per step.
 *
 * <p>NOTE: runs in its own surefire executions ({@code allocation} on the scalar kernels,
 * {@code allocation-panama} on the Vector API kernels; see the pom), one provider per JVM: the
 * claim is about the executor, the ops and the kernels. A Vector API kernel allocates until C2
 * has compiled it (interpreted and C1 code box every vector), and forever if C2 left it on the
 * API's Java fallback (the JDK 17 cliff, ~50 KB per step of this MLP before kernels-simd's
 * fix). So after the warm-up, windows are measured until one is clean, within
 * {@link #MAX_WARMUP_NANOS}: garbage made by every run shows in every window and never gets
 * clean; the one-offs of compilation and deoptimization do not repeat.
 */
class SteadyStateAllocationTest {

    private static final int BATCH = 16;
    private static final int WARM_UP = 4000;
    private static final int MEASURED = 200;
    /**
     * Bound of the measuring after the warm-up: windows are measured until one is clean. The
     * Vector API kernels' C2 compilations finish within a few seconds on 2 busy cores.
     */
    private static final long MAX_WARMUP_NANOS = 60_000_000_000L;

    private static com.sun.management.ThreadMXBean threads;

    @BeforeAll
    static void allocationCounter() {
        String wanted = System.getProperty("adjoint.kernels");   // set by the 'allocation' executions
        if (wanted != null) {
            assertEquals(wanted, KernelProvider.get().name(), "-Dadjoint.kernels=" + wanted + " was not selected");
        }
        threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot count allocated bytes per thread");
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    /** A 6-12-12-3 MLP (relu, tanh, dense softmax cross-entropy, L1 penalty on w1) and its gradients. */
    private static final class Mlp {
        final Graph g = new Graph();
        final Ops o = Ops.on(g);
        final Node x = o.placeholder("x", DType.F32, Shape.of(-1, 6));
        final Node y = o.placeholder("y", DType.I32, Shape.of(-1));
        final Node w1 = o.variable("w1", Init.he(1), Shape.of(6, 12));
        final Node b1 = o.variable("b1", Init.constant(0.1), Shape.of(12));
        final Node w2 = o.variable("w2", Init.xavier(2), Shape.of(12, 12));
        final Node b2 = o.variable("b2", Init.zeros(), Shape.of(12));
        final Node w3 = o.variable("w3", Init.xavier(3), Shape.of(12, 3));
        final Node b3 = o.variable("b3", Init.zeros(), Shape.of(3));
        final Node loss;
        final List<Node> fetch = new ArrayList<>();
        final Feeds feeds;

        Mlp() {
            Node h1 = o.relu(o.add(o.matmul(x, w1), b1));
            Node h2 = o.tanh(o.add(o.matmul(h1, w2), b2));
            Node logits = o.add(o.matmul(h2, w3), b3);
            Node ce = o.mean(o.sparseSoftmaxCrossEntropy(logits, y));
            loss = o.named("loss").add(ce, o.mul(o.sum(o.abs(w1)), 1e-3));
            fetch.add(loss);
            fetch.addAll(Autodiff.gradients(loss, w1, b1, w2, b2, w3, b3));
            SplittableRandom rnd = new SplittableRandom(7);
            float[] xs = new float[BATCH * 6];
            int[] ys = new int[BATCH];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = (float) (rnd.nextDouble() * 2 - 1);
            }
            for (int i = 0; i < ys.length; i++) {
                ys[i] = rnd.nextInt(3);
            }
            feeds = Feeds.of(x, Tensor.of(xs, BATCH, 6), y, Tensor.of(ys, BATCH));
        }
    }

    @Test
    void aTrainingStepWithAConsumerAllocatesNothing() {
        Mlp m = new Mlp();
        Session s = new Session(m.g);
        double[] seen = new double[1];
        Consumer<Outputs> consumer = out -> seen[0] += out.get(0).getDouble(0);
        for (int i = 0; i < WARM_UP; i++) {
            s.run(RunOptions.TRAIN, m.feeds, m.fetch, consumer);
        }
        List<Long> windows = new ArrayList<>();
        long deadline = System.nanoTime() + MAX_WARMUP_NANOS;
        long best = Long.MAX_VALUE;
        while (best > 0 && System.nanoTime() < deadline) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MEASURED; i++) {
                s.run(RunOptions.TRAIN, m.feeds, m.fetch, consumer);
            }
            long bytes = threads.getCurrentThreadAllocatedBytes() - before;
            windows.add(bytes);
            best = Math.min(best, bytes);
        }
        assertTrue(Double.isFinite(seen[0]) && seen[0] > 0, "the consumer saw the loss: " + seen[0]);
        assertEquals(0, best, "bytes allocated by windows of " + MEASURED + " steady-state runs on the "
                + KernelProvider.get().name() + " kernels (last 5 of " + windows.size() + "): "
                + windows.subList(Math.max(0, windows.size() - 5), windows.size()));
        assertEquals(1, s.compiledPlans());
    }

    @Test
    void aTrainingStepReturningCopiesAllocatesOnlyTheCopies() {
        Mlp m = new Mlp();
        Session s = new Session(m.g);
        for (int i = 0; i < WARM_UP; i++) {
            s.run(m.feeds, m.fetch);
        }
        Outputs sample = s.run(m.feeds, m.fetch);
        // what the copies need: per output a Tensor object, its array (header + data), the Outputs
        // object and its array; generous object sizes (compressed or not)
        long copies = 32 + 16 + 8L * sample.size();
        for (int i = 0; i < sample.size(); i++) {
            copies += 48 + 16 + align8((long) sample.get(i).size() * sample.get(i).dtype().bytes());
        }
        long perRun = Long.MAX_VALUE;
        long deadline = System.nanoTime() + MAX_WARMUP_NANOS;
        while (perRun > copies && System.nanoTime() < deadline) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MEASURED; i++) {
                s.run(m.feeds, m.fetch);
            }
            perRun = Math.min(perRun, (threads.getCurrentThreadAllocatedBytes() - before) / MEASURED);
        }
        assertTrue(perRun <= copies, perRun + " bytes per run on the " + KernelProvider.get().name()
                + " kernels, but the " + sample.size() + " output copies need at most " + copies);
    }

    private static long align8(long n) {
        return (n + 7) & ~7L;
    }
}
