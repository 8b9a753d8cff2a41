package org.adjoint.proptest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.adjoint.autodiff.Autodiff;
import org.adjoint.autodiff.GradCheck;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.ops.Ops;
import org.adjoint.testing.Gen;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks of the composites without an op class of their own (variance, split, clamp in
 * context), of the shape ops with an unknown batch dimension, and of the max/min tie rule.
 */
class ShapeCompositeGradTest {

    private final Graph g = new Graph();
    private final Ops o = Ops.on(g);
    private final SplittableRandom rnd = new SplittableRandom(7);

    private Node variable(String name, int... dims) {
        return o.variable(name, Gen.uniform(rnd, Shape.of(dims), -2, 2));
    }

    /** First order, and second order through {@code sum(v * grad)} with a random direction v. */
    private void checkBothOrders(Node loss, Node x) {
        GradCheck.of(loss).wrt(x).run().assertPassed();
        Node grad = Autodiff.gradients(loss, x).get(0);
        Node hvp = o.sum(o.mul(grad, o.constant(Gen.uniform(rnd, x.shape(), -1, 1))));
        GradCheck.of(hvp).wrt(x).run().assertPassed();
    }

    @Test
    void varianceOverAxesMatchesFiniteDifferencesToSecondOrder() {
        Node x = variable("x", 3, 4, 5);
        Node w = o.constant(Gen.uniform(rnd, Shape.of(3, 5), -1, 1));
        checkBothOrders(o.sum(o.mul(o.variance(x, 1), w)), x);
        checkBothOrders(o.variance(x), x);
    }

    @Test
    void varianceIsThePopulationVariance() {
        Node x = o.constant(Tensor.of(new double[] {1, 2, 3, 4, 10, 10, 10, 10}, 2, 4));
        Tensor v = new Session(g).eval(Feeds.empty(), o.variance(x, true, 1));
        assertEquals(Shape.of(2, 1), v.shape());
        assertArrayEquals(new double[] {1.25, 0}, v.toDoubleArray(), 1e-12);
    }

    @Test
    void splitPartsGetTheirOwnGradients() {
        Node x = variable("x", 4, 6);
        List<Node> parts = o.split(x, new int[] {1, 3, 2}, 1);
        Node loss = o.add(o.sum(o.square(parts.get(0))), o.add(o.sum(o.exp(parts.get(1))),
                o.sum(o.mul(parts.get(2), 3.0))));
        checkBothOrders(loss, x);
        List<Node> halves = o.split(x, 2, 0);
        checkBothOrders(o.sum(o.mul(halves.get(0), o.tanh(halves.get(1)))), x);
    }

    @Test
    void clampPassesTheGradientOnlyInside() {
        Node x = o.variable("x", Tensor.of(new double[] {-2, -0.3, 0.4, 2}, 4));
        Node dx = Autodiff.gradients(o.sum(o.mul(o.clamp(x, -1, 1), 5.0)), x).get(0);
        assertArrayEquals(new double[] {0, 5, 5, 0}, new Session(g).eval(Feeds.empty(), dx).toDoubleArray(), 0);
    }

    @Test
    void embeddingLookupTrainsTheTable() {
        Node table = variable("table", 5, 3);
        Node ids = o.placeholder("ids", DType.I32, Shape.of(-1, 2));
        Node w = o.constant(Gen.uniform(rnd, Shape.of(3, 1), -1, 1));
        Node emb = o.gather(table, ids);
        Node loss = o.sum(o.square(o.matmul(o.reshape(emb, -1, 3), w)));
        Tensor batch = Tensor.of(new int[] {4, 0, 4, 4, 1, 0}, 3, 2);
        GradCheck.of(loss).wrt(table).feed(ids, batch).run().assertPassed();
        Node grad = Autodiff.gradients(loss, table).get(0);
        Node hvp = o.sum(o.mul(grad, o.constant(Gen.uniform(rnd, Shape.of(5, 3), -1, 1))));
        GradCheck.of(hvp).wrt(table).feed(ids, batch).run().assertPassed();
        // rows never looked up get exactly zero gradient
        Tensor gv = new Session(g).eval(Feeds.of(ids, batch), grad);
        for (int r : new int[] {2, 3}) {
            for (int c = 0; c < 3; c++) {
                assertEquals(0.0, gv.get(r, c));
            }
        }
    }

    @Test
    void sliceAndPadWorkWithAnUnknownBatch() {
        Node x = o.placeholder("x", DType.F64, Shape.of(-1, 5));
        Node s = o.slice(x, new int[] {1, 1}, new int[] {-1, 3});
        assertEquals(Shape.of(-1, 3), s.shape());
        Node p = o.pad(s, new int[] {2, 0}, new int[] {0, 1}, 0.5);
        assertEquals(Shape.of(-1, 4), p.shape());
        Node loss = o.sum(o.square(p));
        GradCheck.of(loss).wrt(x).feed(x, Gen.uniform(rnd, Shape.of(4, 5), -2, 2)).run().assertPassed();
        Node c = o.concat(1, x, o.slice(x, new int[] {0, 1}, new int[] {-1, 3}));
        GradCheck.of(o.sum(o.exp(c))).wrt(x).feed(x, Gen.uniform(rnd, Shape.of(3, 5), -1, 1)).run().assertPassed();
    }

    @Test
    void concatAlongAnUnknownBatchAxisDifferentiates() {
        Node a = o.placeholder("a", DType.F64, Shape.of(-1, 2));
        Node b = o.placeholder("b", DType.F64, Shape.of(-1, 2));
        Node c = o.named("rows").concat(0, a, o.square(b), a);
        assertEquals(Shape.of(-1, 2), c.shape());
        Node loss = o.sum(o.mul(o.exp(c), o.constant(Gen.uniform(rnd, Shape.of(7, 2), -1, 1))));
        Tensor av = Gen.uniform(rnd, Shape.of(2, 2), -1, 1);
        Tensor bv = Gen.uniform(rnd, Shape.of(3, 2), -1, 1);
        GradCheck.of(loss).wrt(a, b).feed(a, av).feed(b, bv).run().assertPassed();
        Node grad = Autodiff.gradients(loss, b).get(0);
        Node hvp = o.sum(o.mul(grad, o.constant(Gen.uniform(rnd, Shape.of(3, 2), -1, 1))));
        GradCheck.of(hvp).wrt(a, b).feed(a, av).feed(b, bv).run().assertPassed();
    }

    @Test
    void maxTiesShareTheGradientAndTheSumIsTheCotangent() {
        Node x = o.variable("x", Tensor.of(new double[] {3, 3, 1, 2, 2, 2}, 2, 3));
        Node dx = Autodiff.gradients(o.sum(o.mul(o.max(x, 1), o.constant(Tensor.of(new double[] {6, 9}, 2)))), x)
                .get(0);
        assertArrayEquals(new double[] {3, 3, 0, 3, 3, 3}, new Session(g).eval(Feeds.empty(), dx).toDoubleArray(), 0);
    }

    @Test
    void logsumexpGradientStaysFiniteForHugeInputs() {
        Node x = o.variable("x", Tensor.of(new float[] {1e4f, 1e4f, -1e4f, 3e4f}, 2, 2));
        Node dx = Autodiff.gradients(o.sum(o.logsumexp(x, 1)), x).get(0);
        // F32 rounds y = 1e4 + ln 2 to a multiple of 2^-10, so exp(x - y) is only good to ~1e-3 there
        assertArrayEquals(new double[] {0.5, 0.5, 0, 1}, new Session(g).eval(Feeds.empty(), dx).toDoubleArray(), 1e-3);
    }

    @Test
    void whereGradientIgnoresInfinitiesInTheUnselectedBranch() {
        Node x = o.variable("x", Tensor.of(new double[] {-1, 0, 2}, 3));
        Node inf = o.constant(Tensor.of(new double[] {Double.POSITIVE_INFINITY, 1, Double.NEGATIVE_INFINITY}, 3));
        Node mask = o.greater(x, 0.0);
        Node y = o.where(mask, o.mul(x, 3.0), inf);
        Node dx = Autodiff.gradients(o.sum(o.where(mask, y, o.zerosLike(y))), x).get(0);
        assertArrayEquals(new double[] {0, 0, 3}, new Session(g).eval(Feeds.empty(), dx).toDoubleArray(), 0);
    }

    @Test
    void safeLogNeedsTheInputMaskedToo() {
        Node x = o.variable("x", Tensor.of(new double[] {-1, 0, 2}, 3));
        Node mask = o.greater(x, 0.0);
        // log's own rule computes g / x = 0 / 0 where x = 0, so the unselected input is masked as well
        Node safeLog = o.where(mask, o.log(o.where(mask, x, o.onesLike(x))), o.zerosLike(x));
        Node dx = Autodiff.gradients(o.sum(safeLog), x).get(0);
        assertArrayEquals(new double[] {0, 0, 0.5}, new Session(g).eval(Feeds.empty(), dx).toDoubleArray(), 0);
        Node naive = o.where(mask, o.log(x), o.zerosLike(x));
        double[] v = new Session(g).eval(Feeds.empty(), Autodiff.gradients(o.sum(naive), x).get(0)).toDoubleArray();
        assertTrue(Double.isNaN(v[1]), "documented trap: where cannot stop 0 * inf inside the other branch's rule");
    }

    @Test
    void gradCheckWidensCastsAndOneHotsOfF32Graphs() {
        Node ids = o.placeholder("ids", DType.I32, Shape.of(-1));
        Node w = o.variable("w", Tensor.of(new float[] {0.1f, 0.7f, -0.4f, 1.3f, 0.25f, -2f}, 2, 3));
        Node picked = o.mul(o.oneHot(ids, 3, DType.F32), w);
        Node roundTrip = o.cast(o.cast(picked, DType.F64), DType.F32);
        Node loss = o.sum(o.square(roundTrip));
        GradCheck.of(loss).wrt(w).feed(ids, Tensor.of(new int[] {2, 0}, 2)).run().assertPassed();
    }
}
