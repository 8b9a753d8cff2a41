package org.adjoint.proptest;

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
import org.adjoint.graph.Outputs;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.ops.Ops;
import org.adjoint.testing.Gen;
import org.adjoint.testing.OpCheck;
import org.junit.jupiter.api.Test;

/** Gradients of the network composites and of network ops in realistic wiring (unknown batch, second order). */
class NetworkGradientTest {

    private final Graph g = new Graph();
    private final Ops o = Ops.on(g);
    private final SplittableRandom rnd = new SplittableRandom(2026);

    private Node variable(String name, double lo, double hi, int... dims) {
        return o.variable(name, Gen.uniform(rnd, Shape.of(dims), lo, hi));
    }

    /** First order, and second order through {@code sum(v * grad)} with a fixed random v. */
    private void checkBothOrders(Node loss, Node... xs) {
        GradCheck.of(loss).wrt(xs).run().assertPassed();
        List<Node> grads = Autodiff.gradients(loss, xs);
        Node s = OpCheck.contract(o, grads, rnd);
        GradCheck.of(s).wrt(xs).rtol(1e-4).atol(1e-6).run().assertPassed();
    }

    @Test
    void dropoutGradientUsesTheForwardMask() {
        Node x = o.placeholder("x", DType.F64, Shape.of(-1, 50));
        Node w = variable("w", -1, 1, 50);
        Node y = o.dropout(o.mul(x, w), 0.6, 99);
        Node loss = o.sum(y);
        Node dx = Autodiff.gradients(loss, x).get(0);
        Tensor xv = Gen.uniform(rnd, Shape.of(8, 50), 1, 2);
        Session s = new Session(g);
        for (int run = 0; run < 3; run++) {
            Outputs out = s.run(Feeds.of(x, xv), y, dx);
            Tensor yv = out.get(0);
            Tensor dxv = out.get(1);
            int kept = 0;
            for (int i = 0; i < yv.size(); i++) {
                double wi = w.value().getDouble(i % 50);
                double mask = yv.getDouble(i) / (xv.getDouble(i) * wi);   // 0 or 1/keep
                assertTrue(Math.abs(mask) < 1e-12 || Math.abs(mask - 1 / 0.6) < 1e-9, "mask " + mask);
                assertEquals(wi * mask, dxv.getDouble(i), 1e-9, "gradient at " + i + " used another mask");
                kept += mask != 0 ? 1 : 0;
            }
            assertTrue(kept > 150 && kept < 330, "kept " + kept + " of 400 at keep 0.6");
        }
    }

    @Test
    void meanSquaredErrorGradient() {
        Node p = variable("p", -1, 1, 4, 3);
        Node t = variable("t", -1, 1, 4, 3);
        checkBothOrders(o.meanSquaredError(p, t), p, t);
    }

    @Test
    void batchNormTrainingGradientsIncludingSecondOrder() {
        Node x = variable("x", -2, 2, 5, 3);
        Node gamma = variable("gamma", 0.5, 1.5, 3);
        Node beta = variable("beta", -1, 1, 3);
        Node weights = o.constant(Gen.uniform(rnd, Shape.of(5, 3), -1, 1));
        checkBothOrders(o.sum(o.mul(o.batchNorm(x, gamma, beta, 1e-3), weights)), x, gamma, beta);
    }

    @Test
    void batchNorm4dAndInferenceGradients() {
        Node x = variable("x", -2, 2, 2, 3, 2, 2);
        Node gamma = variable("gamma", 0.5, 1.5, 3);
        Node beta = variable("beta", -1, 1, 3);
        Node weights = o.constant(Gen.uniform(rnd, Shape.of(2, 3, 2, 2), -1, 1));
        checkBothOrders(o.sum(o.mul(o.batchNorm(x, gamma, beta, 1e-3), weights)), x, gamma, beta);
        Node mean = variable("mean", -1, 1, 3);
        Node var = variable("var", 0.5, 2, 3);
        checkBothOrders(o.sum(o.mul(o.batchNormInference(x, mean, var, gamma, beta, 1e-3), weights)), x, mean, var,
                gamma);
    }

    @Test
    void layerNormGradients() {
        Node x = variable("x", -2, 2, 3, 6);
        Node gamma = variable("gamma", 0.5, 1.5, 6);
        Node beta = variable("beta", -1, 1, 6);
        Node weights = o.constant(Gen.uniform(rnd, Shape.of(3, 6), -1, 1));
        checkBothOrders(o.sum(o.mul(o.layerNorm(x, gamma, beta, 1e-5), weights)), x, gamma, beta);
    }

    @Test
    void classifierWithUnknownBatchTrainsThroughSparseCrossEntropy() {
        Node x = o.placeholder("x", DType.F64, Shape.of(-1, 4, 3));
        Node labels = o.placeholder("labels", DType.I32, Shape.of(-1));
        Node w = variable("w", -1, 1, 3, 5);                        // shared by every step of the sequence
        Node h = o.tanh(o.matmul(x, w));                            // [?, 4, 5]
        Node logits = o.sum(h, 1);                                  // [?, 5]
        Node loss = o.mean(o.sparseSoftmaxCrossEntropy(logits, labels));
        GradCheck.of(loss).wrt(w).feed(x, Gen.uniform(rnd, Shape.of(6, 4, 3), -1, 1))
                .feed(labels, NetGen.labels(rnd, 6, 5)).run().assertPassed();
    }

    @Test
    void convPoolNetworkSecondOrder() {
        Node x = variable("x", -1, 1, 2, 2, 6, 6);
        Node w = variable("w", -1, 1, 3, 2, 3, 3);
        Node y = o.avgPool2d(o.tanh(o.conv2d(x, w, 1, 1)), 2, 2);   // [2, 3, 3, 3]
        Node weights = o.constant(Gen.uniform(rnd, Shape.of(2, 3, 3, 3), -1, 1));
        checkBothOrders(o.sum(o.mul(y, weights)), x, w);
    }

    @Test
    void softmaxOfALargeShiftHasTheGradientOfTheUnshifted() {
        Node x = variable("x", -1, 1, 2, 4);
        Node shifted = o.add(x, 500.0);
        Node weights = o.constant(Gen.uniform(rnd, Shape.of(2, 4), -1, 1));
        Node a = o.sum(o.mul(o.softmax(x), weights));
        Node b = o.sum(o.mul(o.softmax(shifted), weights));
        List<Node> ga = Autodiff.gradients(a, x);
        List<Node> gb = Autodiff.gradients(b, x);
        Outputs out = new Session(g).run(Feeds.empty(), ga.get(0), gb.get(0));
        for (int i = 0; i < 8; i++) {
            assertEquals(out.get(0).getDouble(i), out.get(1).getDouble(i), 1e-12);
        }
    }
}
