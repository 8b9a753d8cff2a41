package org.adjoint.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.ShapeException;
import org.adjoint.graph.Tensor;
import org.junit.jupiter.api.Test;

class DropoutNormTest {

    private final Graph g = new Graph();
    private final Ops o = Ops.on(g);

    private Tensor eval(Node n) {
        return new Session(g).eval(Feeds.empty(), n);
    }

    private static Tensor random(SplittableRandom rnd, int... dims) {
        Tensor t = Tensor.zeros(DType.F64, Shape.of(dims));
        for (int i = 0; i < t.size(); i++) {
            t.setDouble(i, rnd.nextDouble() * 4 - 1);
        }
        return t;
    }

    @Test
    void dropoutKeepsAboutKeepAndPreservesTheMean() {
        int n = 200_000;
        Node x = o.constant(Tensor.full(DType.F32, Shape.of(n), 2.0));
        Tensor y = eval(o.dropout(x, 0.3, 11));
        int kept = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double v = y.getDouble(i);
            assertTrue(v == 0 || Math.abs(v - 2 / 0.3) < 1e-5, "element " + i + " = " + v);
            kept += v != 0 ? 1 : 0;
            sum += v;
        }
        // binomial standard deviation of the kept fraction is ~0.001
        assertEquals(0.3, kept / (double) n, 0.006);
        assertEquals(2.0, sum / n, 0.04);
    }

    @Test
    void dropoutDrawsANewMaskEachRunFromADeterministicSequence() {
        Node x = o.placeholder("x", DType.F64, Shape.of(-1));
        Tensor ones = Tensor.full(DType.F64, Shape.of(64), 1.0);
        Node y1 = o.dropout(x, 0.5, 42);
        Session s = new Session(g);
        Tensor a1 = s.eval(Feeds.of(x, ones), y1);
        Tensor a2 = s.eval(Feeds.of(x, ones), y1);
        assertFalse(a1.bitwiseEquals(a2), "second run reused the mask");

        Graph g2 = new Graph();
        Node x2 = g2.placeholder("x", DType.F64, Shape.of(-1));
        Node y2 = Ops.on(g2).dropout(x2, 0.5, 42);
        Session s2 = new Session(g2);
        assertTrue(a1.bitwiseEquals(s2.eval(Feeds.of(x2, ones), y2)), "same seed, run 1");
        assertTrue(a2.bitwiseEquals(s2.eval(Feeds.of(x2, ones), y2)), "same seed, run 2");

        Node y3 = o.dropout(x, 0.5, 43);
        assertFalse(a1.bitwiseEquals(new Session(g).eval(Feeds.of(x, ones), y3)), "another seed, same mask");
    }

    @Test
    void dropoutIsTheIdentityInEvalRunsAndItsMaskIsFixedByTheRandomStep() {
        Node x = o.placeholder("x", DType.F64, Shape.of(-1));
        Tensor ones = Tensor.full(DType.F64, Shape.of(64), 1.0);
        Node y = o.named("drop").dropout(x, 0.5, 42);
        assertEquals("by_mode 'drop' f64[?]", y.toString());
        Session s = new Session(g);
        Tensor eval = s.eval(RunOptions.EVAL, Feeds.of(x, ones), y);
        assertTrue(eval.bitwiseEquals(ones), "eval run is the identity");
        Tensor step3 = s.eval(RunOptions.TRAIN.randomStep(3), Feeds.of(x, ones), y);
        assertTrue(step3.bitwiseEquals(s.eval(RunOptions.TRAIN.randomStep(3), Feeds.of(x, ones), y)), "same step");
        assertFalse(step3.bitwiseEquals(s.eval(RunOptions.TRAIN.randomStep(4), Feeds.of(x, ones), y)), "other step");
    }

    @Test
    void dropoutKeepOneIsIdentityAndBadKeepIsRejected() {
        Node x = o.constant(Tensor.of(new double[] {1, 2}, 2));
        assertSame(x, o.dropout(x, 1.0, 5));
        for (double keep : new double[] {0.0, -0.5, 1.5, Double.NaN}) {
            ShapeException e = assertThrows(ShapeException.class, () -> o.named("drop").dropout(x, keep, 5));
            assertEquals("dropout 'drop': keep probability must be in (0, 1], got keep=" + keep, e.getMessage());
        }
    }

    @Test
    void batchNormNormalizesPerChannelOver2dAnd4dInputs() {
        SplittableRandom rnd = new SplittableRandom(5);
        Tensor x = random(rnd, 2, 3, 2, 2);
        double[] gamma = {1.5, -2, 0.5};
        double[] beta = {0.1, 0.2, 0.3};
        double eps = 1e-3;
        Tensor y = eval(o.batchNorm(o.constant(x), o.constant(Tensor.of(gamma, 3)), o.constant(Tensor.of(beta, 3)), eps));
        for (int c = 0; c < 3; c++) {
            double mean = 0;
            double sq = 0;
            for (int n = 0; n < 2; n++) {
                for (int i = 0; i < 4; i++) {
                    mean += x.getDouble((n * 3 + c) * 4 + i) / 8;
                }
            }
            for (int n = 0; n < 2; n++) {
                for (int i = 0; i < 4; i++) {
                    double d = x.getDouble((n * 3 + c) * 4 + i) - mean;
                    sq += d * d / 8;
                }
            }
            for (int n = 0; n < 2; n++) {
                for (int i = 0; i < 4; i++) {
                    int at = (n * 3 + c) * 4 + i;
                    double expected = (x.getDouble(at) - mean) / Math.sqrt(sq + eps) * gamma[c] + beta[c];
                    assertEquals(expected, y.getDouble(at), 1e-13, "at " + at);
                }
            }
        }
        Tensor x2 = Tensor.of(new double[] {1, 10, 3, 20}, 2, 2);   // [batch 2, C 2]
        Tensor y2 = eval(o.batchNorm(o.constant(x2), o.constant(Tensor.of(new double[] {1, 1}, 2)),
                o.constant(Tensor.of(new double[] {0, 0}, 2)), 1e-9));
        assertArrayEquals(new double[] {-1, -1, 1, 1}, y2.toDoubleArray(), 1e-6);
    }

    @Test
    void batchNormInferenceUsesTheGivenStatistics() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 2, 2, 2);
        Node y = o.batchNormInference(o.constant(x), o.constant(Tensor.of(new double[] {1, 2}, 2)),
                o.constant(Tensor.of(new double[] {4, 9}, 2)), o.constant(Tensor.of(new double[] {2, 3}, 2)),
                o.constant(Tensor.of(new double[] {0, 1}, 2)), 0.0001);
        double s0 = 2 / Math.sqrt(4.0001);
        double s1 = 3 / Math.sqrt(9.0001);
        assertArrayEquals(new double[] {0, s0, 2 * s0, 3 * s0, 3 * s1 + 1, 4 * s1 + 1, 5 * s1 + 1, 6 * s1 + 1},
                eval(y).toDoubleArray(), 1e-12);
    }

    @Test
    void batchNormAndLayerNormErrors() {
        Node x = o.constant(Tensor.zeros(DType.F64, Shape.of(4, 3)));
        Node c3 = o.constant(Tensor.zeros(DType.F64, Shape.of(3)));
        Node c2 = o.constant(Tensor.zeros(DType.F64, Shape.of(2)));
        ShapeException e = assertThrows(ShapeException.class, () -> o.named("bn").batchNorm(x, c2, c3, 1e-5));
        assertTrue(e.getMessage().startsWith("batch_norm 'bn': per-channel parameters must be [3] for input [4, 3], got '"),
                e.getMessage());
        e = assertThrows(ShapeException.class, () -> o.batchNorm(x, c3, c3, 0));
        assertEquals("batch_norm 'batch_norm': eps must be a positive number, got eps=0.0", e.getMessage());
        e = assertThrows(ShapeException.class, () -> o.batchNorm(o.constant(Tensor.zeros(DType.F64, Shape.of(4, 3, 2))),
                c3, c3, 1e-5));
        assertEquals("batch_norm 'batch_norm': input must be [batch, C] or [N, C, H, W], got f64[4, 3, 2]",
                e.getMessage());
        e = assertThrows(ShapeException.class, () -> o.named("ln").layerNorm(x, c2, c2, 1e-5));
        assertTrue(e.getMessage().startsWith("layer_norm 'ln': gamma and beta must be [3] for input [4, 3]"),
                e.getMessage());
    }

    @Test
    void layerNormNormalizesEachRow() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 10, 10, 40}, 2, 3);
        Node y = o.layerNorm(o.constant(x), o.constant(Tensor.of(new double[] {1, 2, 3}, 3)),
                o.constant(Tensor.of(new double[] {0, 0, 1}, 3)), 1e-5);
        double s0 = Math.sqrt(2.0 / 3 + 1e-5);
        double s1 = Math.sqrt(200 + 1e-5);
        assertArrayEquals(new double[] {-1 / s0, 0, 3 / s0 + 1, -10 / s1, -20 / s1, 60 / s1 + 1},
                eval(y).toDoubleArray(), 1e-12);
    }

    @Test
    void meanSquaredErrorAndItsShapeCheck() {
        Node p = o.constant(Tensor.of(new double[] {1, 2, 3, 4}, 4, 1));
        Node t = o.constant(Tensor.of(new double[] {0, 2, 5, 1}, 4, 1));
        assertEquals((1 + 0 + 4 + 9) / 4.0, eval(o.meanSquaredError(p, t)).item(), 1e-15);
        ShapeException e = assertThrows(ShapeException.class,
                () -> o.named("mse").meanSquaredError(p, o.constant(Tensor.of(new double[4], 4))));
        assertEquals("mean_squared_error 'mse': predictions f64[4, 1] and targets f64[4] must have the same shape",
                e.getMessage());
    }
}
