package org.adjoint.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.ShapeException;
import org.adjoint.graph.Tensor;
import org.junit.jupiter.api.Test;

class MatMulBatchedTest {

    private final Graph g = new Graph();
    private final Ops o = Ops.on(g);

    private static Tensor random(SplittableRandom rnd, int... dims) {
        Tensor t = Tensor.zeros(DType.F64, Shape.of(dims));
        for (int i = 0; i < t.size(); i++) {
            t.setDouble(i, rnd.nextDouble() * 2 - 1);
        }
        return t;
    }

    /** op(a)[p] op(b)[p] by triple loops; b of rank 2 is shared. */
    private static double[] naive(Tensor a, Tensor b, boolean ta, boolean tb) {
        int batch = a.shape().dim(0);
        int m = ta ? a.shape().dim(2) : a.shape().dim(1);
        int k = ta ? a.shape().dim(1) : a.shape().dim(2);
        boolean shared = b.shape().rank() == 2;
        int n = tb ? b.shape().dim(-2) : b.shape().dim(-1);
        double[] c = new double[batch * m * n];
        for (int p = 0; p < batch; p++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int q = 0; q < k; q++) {
                        double av = ta ? a.get(p, q, i) : a.get(p, i, q);
                        double bv = shared ? (tb ? b.get(j, q) : b.get(q, j)) : (tb ? b.get(p, j, q) : b.get(p, q, j));
                        acc += av * bv;
                    }
                    c[(p * m + i) * n + j] = acc;
                }
            }
        }
        return c;
    }

    @Test
    void batchedProductsMatchLoopsForEveryFlagCombination() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                Tensor a = ta ? random(rnd, 3, 5, 4) : random(rnd, 3, 4, 5);
                Tensor b3 = tb ? random(rnd, 3, 6, 5) : random(rnd, 3, 5, 6);
                Tensor b2 = tb ? random(rnd, 6, 5) : random(rnd, 5, 6);
                Node an = o.placeholder("a", DType.F64, Shape.of(-1, a.shape().dim(1), a.shape().dim(2)));
                Node c3 = o.matmul(an, o.constant(b3), ta, tb);
                Node c2 = o.matmul(an, o.constant(b2), ta, tb);
                assertEquals(Shape.of(-1, 4, 6), c2.shape());
                assertEquals(Shape.of(3, 4, 6), c3.shape());
                var out = new Session(g).run(Feeds.of(an, a), c3, c2);
                assertArrayEquals(naive(a, b3, ta, tb), out.get(0).toDoubleArray(), 1e-14, "3x3 " + ta + tb);
                assertArrayEquals(naive(a, b2, ta, tb), out.get(1).toDoubleArray(), 1e-14, "3x2 " + ta + tb);
            }
        }
    }

    @Test
    void batchedErrors() {
        Node a = o.constant(Tensor.zeros(DType.F64, Shape.of(2, 3, 4)));
        ShapeException e = assertThrows(ShapeException.class,
                () -> o.named("bmm").matmul(a, o.constant(Tensor.zeros(DType.F64, Shape.of(5, 4, 2)))));
        assertEquals("matmul 'bmm': batch dimensions differ: [2, 3, 4] x [5, 4, 2] (2 != 5)", e.getMessage());
        e = assertThrows(ShapeException.class,
                () -> o.named("bmm").matmul(a, o.constant(Tensor.zeros(DType.F64, Shape.of(3, 2)))));
        assertEquals("matmul 'bmm': inner dimensions differ: [2, 3, 4] x [3, 2] (4 != 3)", e.getMessage());
        e = assertThrows(ShapeException.class,
                () -> o.matmul(o.constant(Tensor.zeros(DType.F64, Shape.of(4, 3))), a));
        assertEquals("matmul 'matmul': expects two matrices (rank 2), two stacks of matrices (rank 3) or a stack "
                + "and a matrix, got [4, 3] x [2, 3, 4]", e.getMessage());
    }
}
