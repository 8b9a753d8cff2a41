package org.adjoint.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.kernels.Parallel;
import org.adjoint.nn.Layer;
import org.adjoint.nn.Model;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.optim.TrainStep;
import org.adjoint.ops.Ops;
import org.junit.jupiter.api.Test;

/**
 * JIT-cliff guard at the size of a real training step: an LSTM (input 64, hidden 128, batch 32,
 * 50 steps: bench's RnnStepBench model) trained with Adam on the Vector API kernels allocates
 * next to nothing per step once C2 has compiled it.
 *
 * <p>A Vector API operation that C2 failed to intrinsify runs the API's Java fallback and boxes
 * every vector. The kernels-level guard (kernels-simd's NoVectorFallbackTest) calls each kernel
 * on its own; this step mixes them the way training does, and the GEMM tile's compilation here
 * is the one that fell back on JDK 17 (the old direct store into C hit C2's node limit: this test
 * read 1,376,432 bytes per step then, while the kernels-level test stayed clean; with 8 time
 * steps instead of 50 it stayed clean too). The step itself allocates a few hundred bytes (the
 * graph runtime's bookkeeping), so the bound is a few KB rather than 0.
 */
class RecurrentSteadyStateAllocationTest {

    private static final int BATCH = 32;
    private static final int TIME = 50;
    private static final int INPUT = 64;
    private static final int HIDDEN = 128;
    private static final int WARM_UP = 300;
    private static final int WINDOW = 20;
    /** Bound of the measuring after the warm-up: windows are measured until one is under the bound. */
    private static final long MAX_WARMUP_NANOS = 60_000_000_000L;
    /** Per step; one boxed fallback per GEMM call of the step would already exceed it. */
    private static final long MAX_BYTES_PER_STEP = 4096;

    @Test
    void aWarmedUpLstmAdamStepDoesNotRunTheVectorApisJavaFallback() {
        assertEquals("panama", KernelProvider.get().name(), "this guard is about the Vector API kernels");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "this JVM does not count allocated bytes per thread");
        int threads = Parallel.threads();
        Parallel.setThreads(1);     // every kernel on this thread, where the counter sees it
        try {
            Graph g = new Graph();
            Layer.seedGraph(g, 7);
            Ops o = Ops.on(g);
            Node x = o.placeholder("x", DType.F32, Shape.of(-1, TIME, INPUT));
            Node y = o.placeholder("y", DType.F32, Shape.of(-1, TIME, HIDDEN));
            Node h = new Recurrent(new LstmCell(HIDDEN)).call(x);
            Node loss = o.meanSquaredError(h, y);
            Model model = Model.of(List.of(x, y), List.of(h));
            TrainStep step = new Adam(1e-3).minimize(loss, model.parameters(), model.session());
            Feeds feeds = feeds(x, y);

            double first = step.run(feeds);
            double last = first;
            for (int i = 0; i < WARM_UP; i++) {
                last = step.run(feeds);
            }
            List<Long> windows = new ArrayList<>();
            long best = Long.MAX_VALUE;
            long deadline = System.nanoTime() + MAX_WARMUP_NANOS;
            while (best > MAX_BYTES_PER_STEP && System.nanoTime() < deadline) {
                long before = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < WINDOW; i++) {
                    last = step.run(feeds);
                }
                long perStep = (mx.getCurrentThreadAllocatedBytes() - before) / WINDOW;
                windows.add(perStep);
                best = Math.min(best, perStep);
            }
            assertTrue(Double.isFinite(last) && last < first, "the model trained: loss " + first + " -> " + last);
            assertTrue(best <= MAX_BYTES_PER_STEP, "bytes allocated per steady-state LSTM + Adam step on the Vector API "
                    + "kernels (JDK " + Runtime.version() + "), windows of " + WINDOW + " steps (last 5 of " + windows.size()
                    + "): " + windows.subList(Math.max(0, windows.size() - 5), windows.size())
                    + "; more than " + MAX_BYTES_PER_STEP + " means some kernel runs the Vector API's Java fallback");
            System.out.printf("LSTM + Adam step: %d bytes per step after warm-up (%d windows)%n", best, windows.size());
        } finally {
            Parallel.setThreads(threads);
        }
    }

    private static Feeds feeds(Node x, Node y) {
        SplittableRandom rnd = new SplittableRandom(11);
        float[] xs = new float[BATCH * TIME * INPUT];
        float[] ys = new float[BATCH * TIME * HIDDEN];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) (2 * rnd.nextDouble() - 1);
        }
        for (int i = 0; i < ys.length; i++) {
            ys[i] = (float) (rnd.nextDouble() - 0.5);
        }
        return Feeds.of(x, Tensor.of(xs, BATCH, TIME, INPUT), y, Tensor.of(ys, BATCH, TIME, HIDDEN));
    }
}
