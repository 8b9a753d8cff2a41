package org.adjoint.nn.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.nn.Model;
import org.adjoint.nn.init.Initializer;
import org.adjoint.nn.layers.Dense;
import org.adjoint.ops.Ops;
import org.junit.jupiter.api.Test;

class LossesTest {

    /** The loss of {@code output} against {@code labels}, both fed. */
    private static double value(Loss loss, Tensor output, Tensor labels) {
        Graph g = new Graph();
        Node out = g.placeholder("out", output.dtype(), output.shape());
        TensorType lt = loss.labelType(out);
        Node y = g.placeholder("y", lt.dtype(), lt.shape());
        Node l = loss.build(Ops.on(g), out, y);
        assertEquals(0, l.shape().rank());
        return new Session(g).eval(Feeds.of(out, output, y, labels), l).item();
    }

    @Test
    void binaryCrossEntropyFromProbabilitiesAndLogits() {
        Tensor y = Tensor.of(new double[] {1, 0}, 2, 1);
        assertEquals(-(Math.log(0.9) + Math.log(0.8)) / 2,
                value(Losses.binaryCrossEntropy(), Tensor.of(new double[] {0.9, 0.2}, 2, 1), y), 1e-12);
        assertEquals((Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(-1))) / 2,
                value(Losses.binaryCrossEntropyWithLogits(), Tensor.of(new double[] {2, -1}, 2, 1), y), 1e-12);
        // probabilities of exactly 0 and 1 are clipped, not infinite
        double clipped = value(Losses.binaryCrossEntropy(), Tensor.of(new double[] {0, 1}, 2, 1), y);
        assertEquals(-Math.log(1e-7), clipped, 1e-6);
    }

    @Test
    void softmaxCrossEntropyWithIntegerAndOneHotLabels() {
        Tensor logits = Tensor.of(new double[] {1, 2, 3, 1, 1, 1}, 2, 3);
        double z0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        double expected = ((z0 - 3) + Math.log(3)) / 2;
        assertEquals(expected, value(Losses.softmaxCrossEntropy(), logits, Tensor.of(new int[] {2, 0}, 2)), 1e-12);
        assertEquals(expected, value(Losses.softmaxCrossEntropyDense(), logits,
                Tensor.of(new double[] {0, 0, 1, 1, 0, 0}, 2, 3)), 1e-12);
        double soft = (0.5 * (z0 - 1) + 0.5 * (z0 - 2) + Math.log(3)) / 2;
        assertEquals(soft, value(Losses.softmaxCrossEntropyDense(), logits,
                Tensor.of(new double[] {0.5, 0.5, 0, 0, 0, 1}, 2, 3)), 1e-12);
    }

    @Test
    void meanSquaredError() {
        assertEquals((1 + 4 + 0 + 9) / 4.0, value(Losses.meanSquaredError(), Tensor.of(new double[] {1, 2, 3, 4}, 2, 2),
                Tensor.of(new double[] {0, 0, 3, 1}, 2, 2)), 1e-12);
    }

    @Test
    void labelChecksNameTheBadValue() {
        TensorType out = new TensorType(DType.F32, Shape.of(-1, 4));
        assertEquals("softmax_cross_entropy: label -1 at row 1 is out of range [0, 4)",
                assertThrows(IllegalArgumentException.class, () -> Losses.softmaxCrossEntropy()
                        .checkLabels(Tensor.of(new int[] {0, -1}, 2), out)).getMessage());
        TensorType one = new TensorType(DType.F32, Shape.of(-1, 1));
        assertEquals("binary_cross_entropy: labels must be in [0, 1], got 2.0 at element 1",
                assertThrows(IllegalArgumentException.class, () -> Losses.binaryCrossEntropy()
                        .checkLabels(Tensor.of(new float[] {1, 2}, 2, 1), one)).getMessage());
    }

    @Test
    void l2AndL1PenalizeWeightsNotBiasesOverTheBatchSize() {
        Graph g = new Graph();
        Ops o = Ops.on(g);
        Node x = g.placeholder("x", DType.F64, Shape.of(-1, 2));
        Node y = new Dense(2).kernelInit((dt, s, f, seed) -> Tensor.of(new double[] {1, -2, 3, 0.5}, 2, 2))
                .biasInit(Initializer.constant(10)).call(x);
        Model m = Model.of(x, y);
        Node batch = o.reducedSize(x, 0);
        Node l2 = Regularizers.l2(0.3).penalty(o, m.parameters(), batch);
        Node l1 = Regularizers.l1(0.3).penalty(o, m.parameters(), batch);
        Session s = new Session(g);
        Feeds f = Feeds.of(x, Tensor.zeros(DType.F64, Shape.of(4, 2)));
        assertEquals(0.3 / (2 * 4) * (1 + 4 + 9 + 0.25), s.eval(f, l2).item(), 1e-12);
        assertEquals(0.3 / 4 * (1 + 2 + 3 + 0.5), s.eval(f, l1).item(), 1e-12);
        assertEquals("l2: lambda must be a finite number >= 0, got lambda=-1.0",
                assertThrows(IllegalArgumentException.class, () -> Regularizers.l2(-1)).getMessage());
    }
}
