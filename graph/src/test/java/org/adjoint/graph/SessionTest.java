package org.adjoint.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SessionTest {

    private final Graph g = new Graph();
    private final Node x = g.placeholder("x", DType.F64, Shape.of(-1, 2));
    private final Node y = g.apply(new GraphTest.Twice(), "y", x);
    private final Node z = g.apply(new GraphTest.Twice(), "z", y);

    @Test
    void computesEachNeededNodeOnceAndReturnsCopies() {
        Session s = new Session(g);
        Tensor in = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        Outputs out = s.run(Feeds.of(x, in), z, y);
        assertEquals(16.0, out.get(z).get(1, 1));
        assertEquals(8.0, out.get(y).get(1, 1));
        out.get(z).setDouble(0, 99);
        assertEquals(4.0, s.run(Feeds.of(x, in), z).get(0).get(0, 0));
    }

    @Test
    void cachesOnePlanPerFeedShapeSignature() {
        Session s = new Session(g);
        s.run(Feeds.of(x, Tensor.zeros(DType.F64, Shape.of(3, 2))), z);
        s.run(Feeds.of(x, Tensor.zeros(DType.F64, Shape.of(3, 2))), z);
        assertEquals(1, s.compiledPlans());
        s.run(Feeds.of(x, Tensor.zeros(DType.F64, Shape.of(5, 2))), z);
        assertEquals(2, s.compiledPlans());
        s.run(Feeds.of(x, Tensor.zeros(DType.F64, Shape.of(5, 2))), y);
        assertEquals(3, s.compiledPlans());
    }

    @Test
    void missingFeedNamesThePlaceholder() {
        Session s = new Session(g);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.run(Feeds.empty(), z));
        assertEquals("missing feed for placeholder 'x' (f64[?, 2]), needed to compute 'z'", e.getMessage());
    }

    @Test
    void wrongFeedTypeNamesBothTypes() {
        Session s = new Session(g);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> s.run(Feeds.of(x, Tensor.zeros(DType.F64, Shape.of(3, 3))), z));
        assertEquals("feed for placeholder 'x' has type f64[3, 3], expected f64[?, 2]", shape.getMessage());
        IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class,
                () -> s.run(Feeds.of(x, Tensor.zeros(DType.F32, Shape.of(3, 2))), z));
        assertEquals("feed for placeholder 'x' has type f32[3, 2], expected f64[?, 2]", dtype.getMessage());
    }

    @Test
    void rejectsForeignNodesAndNonPlaceholderFeeds() {
        Session s = new Session(g);
        Graph other = new Graph();
        Node foreign = other.placeholder("q", DType.F32, Shape.of(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.run(Feeds.empty(), foreign));
        assertEquals("run: node 'q' belongs to a different graph", e.getMessage());
        IllegalArgumentException feed = assertThrows(IllegalArgumentException.class,
                () -> Feeds.of(y, Tensor.zeros(DType.F64, Shape.of(1, 2))));
        assertEquals("cannot feed 'y': it is a twice, only placeholders are fed", feed.getMessage());
    }

    @Test
    void concurrentRunsOfOnePlanGiveCorrectResults() throws Exception {
        Session s = new Session(g);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                final double v = t;
                results.add(pool.submit(() -> {
                    double[] data = new double[2000];
                    java.util.Arrays.fill(data, v);
                    for (int rep = 0; rep < 20; rep++) {
                        Tensor out = s.eval(Feeds.of(x, Tensor.of(data, 1000, 2)), z);
                        for (int i = 0; i < out.size(); i++) {
                            if (out.getDouble(i) != 4 * v) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, s.compiledPlans());
    }
}
