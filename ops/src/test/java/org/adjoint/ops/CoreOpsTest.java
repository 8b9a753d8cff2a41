package org.adjoint.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.ShapeException;
import org.adjoint.graph.Tensor;
import org.adjoint.ops.linalg.MatMul;
import org.junit.jupiter.api.Test;

/** Forward values and build-time errors of the foundation ops (gradients: property-tests). */
class CoreOpsTest {

    private final Graph g = new Graph();
    private final Ops o = Ops.on(g);

    private Tensor eval(Node n) {
        return new Session(g).eval(Feeds.empty(), n);
    }

    @Test
    void matmulInnerDimensionErrorNamesNodeAndShapes() {
        Node a = o.placeholder("a", DType.F32, Shape.of(32, 128));
        Node b = o.placeholder("b", DType.F32, Shape.of(64, 10));
        ShapeException e = assertThrows(ShapeException.class, () -> o.named("logits").matmul(a, b));
        assertEquals("matmul 'logits': inner dimensions differ: [32, 128] x [64, 10] (128 != 64)", e.getMessage());
        ShapeException t = assertThrows(ShapeException.class, () -> o.named("h").matmul(a, b, true, false));
        assertEquals("matmul 'h': inner dimensions differ: [32, 128]^T x [64, 10] (32 != 64)", t.getMessage());
        ShapeException rank = assertThrows(ShapeException.class,
                () -> o.named("r").matmul(a, o.placeholder("v", DType.F32, Shape.of(128))));
        assertEquals("matmul 'r': expects two matrices (rank 2), two stacks of matrices (rank 3) or a stack and a matrix, got [32, 128] x [128]", rank.getMessage());
    }

    @Test
    void matmulWithTransposeFlags() {
        Node a = o.constant(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        Node b = o.constant(Tensor.of(new double[] {1, 0, 0, 1, 1, 1}, 3, 2));
        assertArrayEquals(new double[] {4, 5, 10, 11}, eval(o.matmul(a, b)).doubles());
        // a^T (3x2) x a (2x3)
        assertArrayEquals(new double[] {17, 22, 27, 22, 29, 36, 27, 36, 45}, eval(o.matmul(a, a, true, false)).doubles());
        // a (2x3) x a^T (3x2)
        assertArrayEquals(new double[] {14, 32, 32, 77}, eval(o.matmul(a, a, false, true)).doubles());
    }

    @Test
    void broadcastingArithmetic() {
        Node m = o.constant(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        Node row = o.constant(Tensor.of(new double[] {10, 20, 30}, 3));
        Node col = o.constant(Tensor.of(new double[] {100, 200}, 2, 1));
        assertArrayEquals(new double[] {11, 22, 33, 14, 25, 36}, eval(o.add(m, row)).doubles());
        assertArrayEquals(new double[] {99, 98, 97, 196, 195, 194}, eval(o.sub(col, m)).doubles());
        assertArrayEquals(new double[] {100, 200, 300, 800, 1000, 1200}, eval(o.mul(col, m)).doubles());
        assertArrayEquals(new double[] {0.5, 1, 1.5, 2, 2.5, 3}, eval(o.div(m, 2.0)).doubles());
        Node cube = o.constant(Tensor.of(new double[] {1, 2, 3, 4}, 2, 1, 2));
        Tensor r = eval(o.add(cube, col)); // [2,1,2] + [2,1] -> [2,2,2]
        assertEquals(Shape.of(2, 2, 2), r.shape());
        assertArrayEquals(new double[] {101, 102, 201, 202, 103, 104, 203, 204}, r.doubles());
    }

    @Test
    void broadcastErrorNamesBothShapes() {
        Node a = o.placeholder("a", DType.F32, Shape.of(2, 3));
        Node b = o.placeholder("b", DType.F32, Shape.of(4));
        ShapeException e = assertThrows(ShapeException.class, () -> o.named("s").add(a, b));
        assertEquals("add 's': shapes [2, 3] and [4] cannot be broadcast (dimension -1: 3 != 4)", e.getMessage());
        Node d = o.placeholder("d", DType.F64, Shape.of(2, 3));
        ShapeException dt = assertThrows(ShapeException.class, () -> o.named("m").mul(a, d));
        assertEquals("mul 'm': dtypes differ: input 0 is f32, input 1 is f64 (f32[2, 3], f64[2, 3])", dt.getMessage());
    }

    @Test
    void reductionsOverAxes() {
        Node x = o.constant(Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 2, 3, 2));
        assertEquals(78.0, eval(o.sum(x)).item());
        assertArrayEquals(new double[] {9, 12, 27, 30}, eval(o.sum(x, 1)).doubles());
        assertArrayEquals(new double[] {21, 57}, eval(o.sum(x, 1, 2)).doubles());
        assertArrayEquals(new double[] {36, 42}, eval(o.sum(x, 0, 1)).doubles());
        assertArrayEquals(new double[] {8, 10, 12, 14, 16, 18}, eval(o.sum(x, 0)).doubles());
        Tensor nonAdjacent = eval(o.sum(x, true, 0, 2));
        assertEquals(Shape.of(1, 3, 1), nonAdjacent.shape());
        assertArrayEquals(new double[] {1 + 2 + 7 + 8, 3 + 4 + 9 + 10, 5 + 6 + 11 + 12}, nonAdjacent.doubles());
        assertEquals(6.5, eval(o.mean(x)).item());
        ShapeException e = assertThrows(ShapeException.class, () -> o.named("bad").sum(x, 3));
        assertEquals("sum 'bad': axis 3 is out of range for rank 3", e.getMessage());
        ShapeException rep = assertThrows(ShapeException.class, () -> o.named("rep").sum(x, 1, -2));
        assertEquals("sum 'rep': axis 1 is repeated in [1, -2]", rep.getMessage());
    }

    @Test
    void meanUsesTheRunTimeBatch() {
        Node x = o.placeholder("x", DType.F64, Shape.of(-1, 2));
        Node m = o.mean(x, 0);
        assertEquals(Shape.of(2), m.shape());
        Tensor r = new Session(g).eval(Feeds.of(x, Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2)), m);
        assertArrayEquals(new double[] {3, 4}, r.doubles());
    }

    @Test
    void transposeAndReshape() {
        Node x = o.constant(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, eval(o.transpose(x)).doubles());
        Node c = o.constant(Tensor.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 2, 3, 2));
        Tensor p = eval(o.transpose(c, 2, 0, 1));
        assertEquals(Shape.of(2, 2, 3), p.shape());
        assertArrayEquals(new double[] {0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11}, p.doubles());
        assertEquals(Shape.of(3, 2), o.reshape(x, -1, 2).shape());
        ShapeException e = assertThrows(ShapeException.class, () -> o.named("r").reshape(x, 4, 2));
        assertEquals("reshape 'r': cannot reshape [2, 3] (6 elements) to [4, 2] (8 elements)", e.getMessage());
        ShapeException twice = assertThrows(ShapeException.class, () -> o.named("r2").reshape(x, -1, -1));
        assertEquals("reshape 'r2': target shape [-1, -1] has more than one -1", twice.getMessage());
        ShapeException perm = assertThrows(ShapeException.class, () -> o.named("t").transpose(c, 0, 0, 1));
        assertEquals("transpose 't': perm [0, 0, 1] is not a permutation of 0..2", perm.getMessage());
    }

    @Test
    void activationsAndStableCrossEntropy() {
        Node x = o.constant(Tensor.of(new double[] {-1000, -1, 0, 1, 1000}, 5));
        assertArrayEquals(new double[] {0, 1 / (1 + Math.E), 0.5, 1 / (1 + Math.exp(-1)), 1},
                eval(o.sigmoid(x)).doubles(), 1e-15);
        assertArrayEquals(new double[] {0, 0, 0, 1, 1000}, eval(o.relu(x)).doubles());
        Node z = o.constant(Tensor.of(new double[] {1, 0, 1, 1, 0}, 5));
        double[] l = eval(o.sigmoidCrossEntropyWithLogits(x, z)).doubles();
        assertEquals(1000.0, l[0], 1e-9); // -log sigmoid(-1000) without overflow
        assertEquals(Math.log(2), l[2], 1e-15);
        assertEquals(1000.0, l[4], 1e-9);
        ShapeException e = assertThrows(ShapeException.class, () -> o.named("ce").sigmoidCrossEntropyWithLogits(x,
                o.placeholder("y", DType.F64, Shape.of(5, 1))));
        assertEquals("sigmoid_cross_entropy_with_logits 'ce': logits [5] and labels [5, 1] must have the same shape",
                e.getMessage());
    }

    @Test
    void registryHoldsEveryFoundationOp() {
        assertEquals(true, OpRegistry.all().contains(MatMul.class));
        assertEquals(OpRegistry.all().size(), new java.util.HashSet<>(OpRegistry.all()).size());
    }
}
