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
 * <p>NOTE: runs in its own surefire execution ({@code allocation}, see the pom) on the scalar
 * kernels: the claim is about the executor and the ops. The Vector API kernels still box vectors
 * at some call sites on JDK 17 and 25 (~50 KB per step of this MLP, all in
 * {@code jdk.incubator.vector} fallbacks: the JIT-cliff work of kernels-simd); once they are
 * allocation-free, this class can run in the default execution too.
 */
class SteadyStateAllocationTest {

    private static final int BATCH = 16;
    private static final int WARM_UP = 4000;
    private static final int MEASURED = 200;
    /**
     * Measurement windows: per-run garbage shows in every window; a one-off allocation (a
     * deoptimization rematerializing a scalar-replaced object) does not, so the best window counts.
     */
    private static final int WINDOWS = 5;

    private static com.sun.management.ThreadMXBean threads;

    @BeforeAll
    static void allocationCounter() {
        assertEquals("scalar", KernelProvider.get().name(), "run by the 'allocation' execution, on the scalar kernels");
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
        long[] windows = new long[WINDOWS];
        long best = Long.MAX_VALUE;
        for (int w = 0; w < WINDOWS && best > 0; w++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MEASURED; i++) {
                s.run(RunOptions.TRAIN, m.feeds, m.fetch, consumer);
            }
            windows[w] = threads.getCurrentThreadAllocatedBytes() - before;
            best = Math.min(best, windows[w]);
        }
        assertTrue(Double.isFinite(seen[0]) && seen[0] > 0, "the consumer saw the loss: " + seen[0]);
        assertEquals(0, best, "bytes allocated by windows of " + MEASURED + " steady-state runs: "
                + java.util.Arrays.toString(windows));
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
        for (int w = 0; w < WINDOWS; w++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MEASURED; i++) {
                s.run(m.feeds, m.fetch);
            }
            perRun = Math.min(perRun, (threads.getCurrentThreadAllocatedBytes() - before) / MEASURED);
        }
        assertTrue(perRun <= copies, perRun + " bytes per run, but the " + sample.size() + " output copies need at"
                + " most " + copies);
    }

    private static long align8(long n) {
        return (n + 7) & ~7L;
    }
}
