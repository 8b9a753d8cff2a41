package org.adjoint.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.ShapeException;
import org.adjoint.graph.Tensor;
import org.junit.jupiter.api.Test;

class SoftmaxCrossEntropyTest {

    private final Graph g = new Graph();
    private final Ops o = Ops.on(g);

    private Tensor eval(Node n) {
        return new Session(g).eval(Feeds.empty(), n);
    }

    @Test
    void softmaxOfLargeLogitsIsFiniteAndExact() {
        Node x = o.constant(Tensor.of(new float[] {1000f, 1001f, 1002f, -1000f, 0f, 1000f}, 2, 3));
        Tensor y = eval(o.softmax(x));
        double z = 1 + Math.exp(1) + Math.exp(2);
        double[] expected = {1 / z, Math.exp(1) / z, Math.exp(2) / z, 0, Math.exp(-1000), 1};
        for (int i = 0; i < 6; i++) {
            assertEquals(expected[i], y.getDouble(i), 1e-6, "element " + i);
        }
    }

    @Test
    void logSoftmaxDoesNotUnderflowToMinusInfinity() {
        Node x = o.constant(Tensor.of(new float[] {0f, -200f}, 1, 2));
        Tensor y = eval(o.logSoftmax(x));
        assertEquals(0.0, y.getDouble(0), 1e-6);
        assertEquals(-200.0, y.getDouble(1), 1e-4);
    }

    @Test
    void softmaxAlongAFirstAxisUsesColumns() {
        double[] v = {1, 2, 3, 4, 5, 7};   // [2, 3], softmax over axis 0 = per column
        Tensor y = eval(o.softmax(o.constant(Tensor.of(v, 2, 3)), 0));
        Tensor ly = eval(o.logSoftmax(o.constant(Tensor.of(v, 2, 3)), -2));
        for (int j = 0; j < 3; j++) {
            double z = Math.exp(v[j]) + Math.exp(v[3 + j]);
            assertEquals(Math.exp(v[j]) / z, y.getDouble(j), 1e-15);
            assertEquals(Math.exp(v[3 + j]) / z, y.getDouble(3 + j), 1e-15);
            assertEquals(v[j] - Math.log(z), ly.getDouble(j), 1e-14);
        }
    }

    @Test
    void softmaxRejectsBadAxisAndIntegers() {
        Node x = o.constant(Tensor.of(new double[6], 2, 3));
        ShapeException e = assertThrows(ShapeException.class, () -> o.named("p").softmax(x, 2));
        assertEquals("softmax 'p': axis 2 is out of range for rank 2", e.getMessage());
        Node i = o.constant(Tensor.of(new int[3], 3));
        e = assertThrows(ShapeException.class, () -> o.logSoftmax(i));
        assertTrue(e.getMessage().startsWith("log_softmax 'log_softmax': input 0 must be f32 or f64"), e.getMessage());
    }

    @Test
    void sparseCrossEntropyPicksTheLabelledLogit() {
        double[] logits = {2, 1, 0, -1, 500, 3};   // [2, 3]; row 1 has a huge logit
        Node x = o.constant(Tensor.of(logits, 2, 3));
        Node l = o.constant(Tensor.of(new int[] {0, 2}, 2));
        Tensor loss = eval(o.sparseSoftmaxCrossEntropy(x, l));
        assertEquals(Shape.of(2), loss.shape());
        double lse0 = Math.log(Math.exp(2) + Math.exp(1) + 1);
        assertEquals(lse0 - 2, loss.getDouble(0), 1e-14);
        assertEquals(497.0, loss.getDouble(1), 1e-12);   // lse ~ 500, label logit 3

        Node xf = o.constant(Tensor.of(new float[] {2, 1, 0, -1, 500, 3}, 2, 3));
        Tensor lossF = eval(o.sparseSoftmaxCrossEntropy(xf, l));
        assertEquals(497.0, lossF.getDouble(1), 1e-3);
        assertTrue(Double.isFinite(lossF.getDouble(0)));
    }

    @Test
    void sparseCrossEntropyRejectsOutOfRangeLabelsAtRunTime() {
        Node x = o.placeholder("x", DType.F64, Shape.of(-1, 3));
        Node l = o.placeholder("l", DType.I32, Shape.of(-1));
        Node loss = o.named("loss").sparseSoftmaxCrossEntropy(x, l);
        Session s = new Session(g);
        Feeds bad = Feeds.of(x, Tensor.of(new double[6], 2, 3), l, Tensor.of(new int[] {1, 3}, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.eval(bad, loss));
        assertEquals("sparse_softmax_cross_entropy 'loss': label 3 in row 1 is out of range for 3 classes "
                + "(expected 0..2)", e.getMessage());
        Feeds negative = Feeds.of(x, Tensor.of(new double[3], 1, 3), l, Tensor.of(new int[] {-1}, 1));
        e = assertThrows(IllegalArgumentException.class, () -> s.eval(negative, loss));
        assertTrue(e.getMessage().contains("label -1 in row 0"), e.getMessage());
    }

    @Test
    void sparseCrossEntropyShapeErrors() {
        Node x = o.constant(Tensor.of(new double[6], 2, 3));
        ShapeException e = assertThrows(ShapeException.class,
                () -> o.sparseSoftmaxCrossEntropy(x, o.constant(Tensor.of(new double[2], 2))));
        assertTrue(e.getMessage().contains("labels must be i32 or i64 class indices, got f64[2]"), e.getMessage());
        e = assertThrows(ShapeException.class,
                () -> o.sparseSoftmaxCrossEntropy(x, o.constant(Tensor.of(new int[3], 3))));
        assertTrue(e.getMessage().contains("labels [3] must be a vector of one class index per row of logits [2, 3]"),
                e.getMessage());
    }

    @Test
    void denseCrossEntropyMatchesTheDefinition() {
        double[] logits = {1, 2, 3, 0, 0, 0};
        double[] labels = {0.2, 0.3, 0.5, 1, 0, 0};
        Tensor loss = eval(o.softmaxCrossEntropy(o.constant(Tensor.of(logits, 2, 3)), o.constant(Tensor.of(labels, 2, 3))));
        double lse0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        double expected0 = 0.2 * (lse0 - 1) + 0.3 * (lse0 - 2) + 0.5 * (lse0 - 3);
        assertArrayEquals(new double[] {expected0, Math.log(3)}, loss.toDoubleArray(), 1e-14);
    }

    @Test
    void denseCrossEntropyRejectsShapeMismatch() {
        ShapeException e = assertThrows(ShapeException.class, () -> o.named("ce").softmaxCrossEntropy(
                o.constant(Tensor.of(new double[6], 2, 3)), o.constant(Tensor.of(new double[4], 2, 2))));
        assertEquals("softmax_cross_entropy 'ce': logits [2, 3] and labels [2, 2] must have the same shape",
                e.getMessage());
    }
}
