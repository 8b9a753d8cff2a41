package org.adjoint.ops;

import static org.adjoint.ops.OpTesting.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Node;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.ShapeException;
import org.adjoint.graph.Tensor;
import org.adjoint.ops.shape.Slice;
import org.junit.jupiter.api.Test;

class ShapeOpsTest {

    private static double[] iota(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    @Test
    void sliceTakesABlock() {
        OpTesting t = new OpTesting();
        Node x = t.c(iota(24), 2, 3, 4);
        Tensor y = t.eval(t.o.slice(x, new int[] {1, 1, 1}, new int[] {1, 2, -1}));
        assertEquals(Shape.of(1, 2, 3), y.shape());
        assertValues(new double[] {17, 18, 19, 21, 22, 23}, y, 0);
        Tensor neg = t.eval(t.o.sliceRange(x, new int[] {0, -1}, new int[] {Slice.END, Slice.END}));
        assertEquals(Shape.of(2, 1, 4), neg.shape());
        assertValues(new double[] {8, 9, 10, 11, 20, 21, 22, 23}, neg, 0);
        // a negative begin with a size reaching the end, and a size past the end
        Node last2 = t.o.slice(t.c(iota(5), 5), new int[] {-2}, new int[] {2});
        assertValues(new double[] {3, 4}, t.eval(last2), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.o.slice(x, new int[] {-2}, new int[] {3}));
        assertEquals("slice: begin -2 with size 3 runs past the end of axis 0", e.getMessage());
    }

    @Test
    void padThenSliceIsTheIdentityAndPadFillsTheBorder() {
        OpTesting t = new OpTesting();
        Node x = t.c(iota(6), 2, 3);
        Node p = t.o.pad(x, new int[] {1, 0}, new int[] {0, 2}, -1);
        Tensor pv = t.eval(p);
        assertEquals(Shape.of(3, 5), pv.shape());
        assertValues(new double[] {-1, -1, -1, -1, -1, 0, 1, 2, -1, -1, 3, 4, 5, -1, -1}, pv, 0);
        Tensor back = t.eval(t.o.slice(p, new int[] {1, 0}, new int[] {2, 3}));
        assertValues(iota(6), back, 0);
        // pad's gradient is the inner slice, slice's gradient pads with zeros
        Tensor dx = t.grad(p, t.c(iota(15), 3, 5), 0);
        assertValues(new double[] {5, 6, 7, 10, 11, 12}, dx, 0);
        Node s = t.o.slice(x, new int[] {0, 1}, new int[] {1, 2});
        assertValues(new double[] {0, 7, 8, 0, 0, 0}, t.grad(s, t.c(new double[] {7, 8}, 1, 2), 0), 0);
    }

    @Test
    void concatThenSplitIsTheIdentity() {
        OpTesting t = new OpTesting();
        Node a = t.c(iota(6), 2, 3);
        Node b = t.c(new double[] {10, 11, 12, 13}, 2, 2);
        Node c = t.o.concat(1, a, b);
        Tensor cv = t.eval(c);
        assertEquals(Shape.of(2, 5), cv.shape());
        assertValues(new double[] {0, 1, 2, 10, 11, 3, 4, 5, 12, 13}, cv, 0);
        List<Node> parts = t.o.split(c, new int[] {3, 2}, -1);
        assertValues(iota(6), t.eval(parts.get(0)), 0);
        assertValues(new double[] {10, 11, 12, 13}, t.eval(parts.get(1)), 0);
        Node rows = t.o.concat(List.of(a, a), 0);
        List<Node> halves = t.o.split(rows, 2, 0);
        assertValues(iota(6), t.eval(halves.get(0)), 0);
        assertValues(iota(6), t.eval(halves.get(1)), 0);
        // concat's gradient slices the cotangent back
        Node g = t.c(iota(10), 2, 5);
        assertValues(new double[] {0, 1, 2, 5, 6, 7}, t.grad(c, g, 0), 0);
        assertValues(new double[] {3, 4, 8, 9}, t.grad(c, g, 1), 0);
    }

    @Test
    void concatAndSplitErrors() {
        OpTesting t = new OpTesting();
        Node a = t.c(iota(6), 2, 3);
        Node b = t.c(iota(6), 3, 2);
        ShapeException e = assertThrows(ShapeException.class, () -> t.o.named("c").concat(1, a, b));
        assertEquals("concat 'c': input 1 has shape [3, 2] but input 0 has [2, 3] (dimension 0: 3 != 2;"
                + " only axis 1 may differ)", e.getMessage());
        e = assertThrows(ShapeException.class, () -> t.o.named("c").concat(2, a, a));
        assertEquals("concat 'c': axis 2 is out of range for rank 2", e.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> t.o.split(a, 2, 1));
        assertTrue(s.getMessage().endsWith("cannot split axis 1 of shape [2, 3] into 2 equal parts"), s.getMessage());
        s = assertThrows(IllegalArgumentException.class, () -> t.o.split(a, new int[] {1, 1}, 1));
        assertTrue(s.getMessage().endsWith("sizes [1, 1] add up to 2, but axis 1 of [2, 3] has 3"), s.getMessage());
    }

    @Test
    void sliceAndPadErrors() {
        OpTesting t = new OpTesting();
        Node x = t.c(iota(6), 2, 3);
        ShapeException e = assertThrows(ShapeException.class,
                () -> t.o.named("s").slice(x, new int[] {0, 2}, new int[] {1, 2}));
        assertEquals("slice 's': axis 1: range [2, 4) is out of bounds for dimension 3 of [2, 3]", e.getMessage());
        e = assertThrows(ShapeException.class,
                () -> t.o.named("p").pad(x, new int[] {0}, new int[] {1}));
        assertEquals("pad 'p': padding for 1 axes, input has shape [2, 3]", e.getMessage());
    }

    @Test
    void gatherLooksUpRowsOfAnyIndexShape() {
        OpTesting t = new OpTesting();
        Node table = t.c(iota(8), 4, 2);
        Node idx = t.ci(new int[] {3, 0, 3, 1, 1, 1}, 2, 3);
        Tensor y = t.eval(t.o.gather(table, idx));
        assertEquals(Shape.of(2, 3, 2), y.shape());
        assertValues(new double[] {6, 7, 0, 1, 6, 7, 2, 3, 2, 3, 2, 3}, y, 0);
    }

    @Test
    void gatherGradientAccumulatesRepeatedIndices() {
        OpTesting t = new OpTesting();
        Node table = t.c(new float[8], 4, 2);
        Node idx = t.ci(new int[] {3, 0, 3, 1, 1, 1}, 2, 3);
        Node y = t.o.gather(table, idx);
        Node g = t.c(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 2, 3, 2);
        Tensor dtable = t.grad(y, g, 0);
        assertEquals(Shape.of(4, 2), dtable.shape());
        // row 0: position 1; row 1: positions 3, 4, 5; row 2: never; row 3: positions 0, 2
        assertValues(new double[] {3, 4, 7 + 9 + 11, 8 + 10 + 12, 0, 0, 1 + 5, 2 + 6}, dtable, 0);
        assertTrue(y.op().backward(y, g).get(1).isNone());
    }

    @Test
    void gatherOutOfRangeIndexFailsAtRunTimeNamingNodeIndexAndRange() {
        OpTesting t = new OpTesting();
        Node table = t.c(iota(8), 4, 2);
        Node idx = t.o.placeholder("ids", DType.I32, Shape.of(-1));
        Node y = t.o.named("emb").gather(table, idx);
        Session s = new Session(t.g);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.eval(Feeds.of(idx, Tensor.of(new int[] {0, 4}, 2)), y));
        assertEquals("gather 'emb': index 4 at position [1] is out of range [0, 4)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> s.eval(Feeds.of(idx, Tensor.of(new int[] {-1}, 1)), y));
        assertEquals("gather 'emb': index -1 at position [0] is out of range [0, 4)", e.getMessage());
        ShapeException b = assertThrows(ShapeException.class,
                () -> t.o.named("g").gather(table, t.c(new double[] {1}, 1)));
        assertEquals("gather 'g': input 1 (the indices) must be i32 or i64, got f64[1]", b.getMessage());
    }

    @Test
    void oneHotEncodesAndRejectsOutOfRange() {
        OpTesting t = new OpTesting();
        Node idx = t.ci(new int[] {2, 0, 1, 2}, 2, 2);
        Tensor y = t.eval(t.o.oneHot(idx, 3, DType.F32));
        assertEquals(Shape.of(2, 2, 3), y.shape());
        assertEquals(DType.F32, y.dtype());
        assertValues(new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1}, y, 0);
        Node bad = t.o.named("oh").oneHot(t.ci(new int[] {0, 3}, 2), 3, DType.F64);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.eval(bad));
        assertEquals("one_hot 'oh': index 3 at position [1] is out of range [0, 3)", e.getMessage());
    }

    @Test
    void expandDimsSqueezeAndBroadcastTo() {
        OpTesting t = new OpTesting();
        Node x = t.c(iota(6), 2, 3);
        assertEquals(Shape.of(2, 1, 3), t.o.expandDims(x, 1).shape());
        assertEquals(Shape.of(2, 3, 1), t.o.expandDims(x, -1).shape());
        Node e = t.o.expandDims(x, 0);
        assertEquals(Shape.of(2, 3), t.o.squeeze(e).shape());
        assertValues(iota(6), t.eval(t.o.squeeze(e, 0)), 0);
        ShapeException se = assertThrows(ShapeException.class, () -> t.o.named("q").squeeze(x, 1));
        assertEquals("squeeze 'q': cannot squeeze axis 1 of shape [2, 3]: its size is 3, not 1", se.getMessage());
        Node col = t.c(new double[] {1, 2}, 2, 1);
        Tensor b = t.eval(t.o.broadcastTo(col, 3, 2, 2));
        assertEquals(Shape.of(3, 2, 2), b.shape());
        assertValues(new double[] {1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2}, b, 0);
        se = assertThrows(ShapeException.class, () -> t.o.named("b").broadcastTo(x, 2, 4));
        assertEquals("broadcast_to 'b': cannot broadcast [2, 3] to [2, 4] (dimension 1: 3 != 4)", se.getMessage());
        Node batch = t.o.placeholder("x", DType.F64, Shape.of(-1, 1));
        assertEquals(Shape.of(-1, 5), t.o.broadcastTo(batch, -1, 5).shape());
    }

    @Test
    void permuteAndSwapAxes() {
        OpTesting t = new OpTesting();
        Node x = t.c(iota(24), 2, 3, 4);
        assertEquals(Shape.of(4, 2, 3), t.o.permute(x, 2, 0, 1).shape());
        Tensor s = t.eval(t.o.swapAxes(x, 0, -1));
        assertEquals(Shape.of(4, 3, 2), s.shape());
        assertEquals(13.0, s.get(1, 0, 1));
    }
}
