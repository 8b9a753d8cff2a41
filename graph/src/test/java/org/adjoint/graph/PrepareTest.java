package org.adjoint.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The plan-time step: prepare once per plan, scratch per run, kernel errors named. */
class PrepareTest {

    /**
     * {@code y[i] = sum of x[0..i]} (a prefix sum) computed through a scratch array: the kernel
     * copies x into scratch, accumulates there, then copies out; it counts its prepare calls.
     */
    static final class PrefixSum implements Op {
        final AtomicInteger prepared = new AtomicInteger();
        final List<Integer> declaredSizes = new ArrayList<>();

        @Override
        public String name() {
            return "prefix_sum";
        }

        @Override
        public int arity() {
            return 1;
        }

        @Override
        public TensorType infer(TensorType[] in, OpContext ctx) {
            return in[0];
        }

        @Override
        public OpKernel prepare(PrepareContext ctx) {
            prepared.incrementAndGet();
            int n = ctx.outputShape().size();
            Scratch tmp = ctx.scratch(DType.F64, n);
            synchronized (declaredSizes) {
                declaredSizes.add(tmp.size());
            }
            return (in, out, run) -> {
                double[] a = tmp.doubles(run);
                for (int i = 0; i < n; i++) {
                    a[i] = in[0].getDouble(i) + (i == 0 ? 0 : a[i - 1]);
                }
                for (int i = 0; i < n; i++) {
                    out.setDouble(i, a[i]);
                }
            };
        }

        @Override
        public void forward(Tensor[] in, Tensor out) {
            Standalone.forward(this, in, out);
        }

        @Override
        public List<Grad> backward(Node node, Node g) {
            return List.of(Grad.none());
        }
    }

    /** Fails at run time with the given exception. */
    static final class Failing implements Op {
        private final RuntimeException failure;

        Failing(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public String name() {
            return "failing";
        }

        @Override
        public int arity() {
            return 1;
        }

        @Override
        public TensorType infer(TensorType[] in, OpContext ctx) {
            return in[0];
        }

        @Override
        public OpKernel prepare(PrepareContext ctx) {
            return (in, out, run) -> {
                throw failure;
            };
        }

        @Override
        public void forward(Tensor[] in, Tensor out) {
            throw new AssertionError("not called");
        }

        @Override
        public List<Grad> backward(Node node, Node g) {
            return List.of(Grad.none());
        }
    }

    @Test
    void prepareRunsOncePerPlanAndTheKernelOnEveryRun() {
        Graph g = new Graph();
        Node x = g.placeholder("x", DType.F64, Shape.of(-1));
        PrefixSum op = new PrefixSum();
        Node y = g.apply(op, "y", x);
        Session s = new Session(g);
        for (int i = 0; i < 5; i++) {
            Tensor out = s.eval(Feeds.of(x, Tensor.of(new double[] {1, 2, 3, i}, 4)), y);
            assertArrayEquals(new double[] {1, 3, 6, 6 + i}, out.toDoubleArray());
        }
        assertEquals(1, op.prepared.get());
        s.eval(Feeds.of(x, Tensor.of(new double[] {5, 5}, 2)), y);   // a new feed shape: a new plan
        assertEquals(2, op.prepared.get());
        assertEquals(List.of(4, 2), op.declaredSizes);
    }

    @Test
    void nodesShareScratchAndConcurrentRunsDoNot() throws Exception {
        Graph g = new Graph();
        Node x = g.placeholder("x", DType.F64, Shape.of(-1));
        PrefixSum op = new PrefixSum();
        Node y = g.apply(op, "y", g.apply(op, "inner", x));   // prefix sum of a prefix sum
        Session s = new Session(g);
        int n = 257;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                double v = t + 1;
                results.add(pool.submit(() -> {
                    double[] ones = new double[n];
                    java.util.Arrays.fill(ones, v);
                    for (int rep = 0; rep < 50; rep++) {
                        Tensor out = s.eval(Feeds.of(x, Tensor.of(ones, n)), y);
                        for (int i = 0; i < n; i++) {
                            // sum_{j <= i} v (j + 1) = v (i + 1)(i + 2) / 2
                            if (out.getDouble(i) != v * (i + 1) * (i + 2) / 2) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get(), "a run saw another run's scratch");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, op.prepared.get());
    }

    @Test
    void aKernelsBadValueErrorNamesTheOpAndNode() {
        Graph g = new Graph();
        Node x = g.constant("x", Tensor.of(new double[] {1}, 1));
        Node y = g.apply(new Failing(new IllegalArgumentException("index 9 at position [0] is out of range [0, 4)")),
                "lookup", x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Session(g).eval(Feeds.empty(), y));
        assertEquals("failing 'lookup': index 9 at position [0] is out of range [0, 4)", e.getMessage());
    }

    @Test
    void anyOtherKernelFailureIsAnIllegalStateNamingTheOpAndNode() {
        Graph g = new Graph();
        Node x = g.constant("x", Tensor.of(new double[] {1}, 1));
        NullPointerException cause = new NullPointerException("no array");
        Node y = g.apply(new Failing(cause), "broken", x);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Session(g).eval(Feeds.empty(), y));
        assertEquals("failing 'broken': failed at run time: java.lang.NullPointerException: no array", e.getMessage());
        assertInstanceOf(NullPointerException.class, e.getCause());
    }

    @Test
    void standaloneForwardPreparesAndRunsOnce() {
        PrefixSum op = new PrefixSum();
        Tensor out = Tensor.zeros(DType.F64, Shape.of(3));
        op.forward(new Tensor[] {Tensor.of(new double[] {1, 1, 1}, 3)}, out);
        assertArrayEquals(new double[] {1, 2, 3}, out.toDoubleArray());
        assertEquals(1, op.prepared.get());
    }
}
