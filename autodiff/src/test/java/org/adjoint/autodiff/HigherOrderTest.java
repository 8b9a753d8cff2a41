package org.adjoint.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Init;
import org.adjoint.graph.Node;
import org.adjoint.graph.Outputs;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.ops.Ops;
import org.junit.jupiter.api.Test;

class HigherOrderTest {

    @Test
    void secondDerivativeOfCubeIsSixX() {
        Graph g = new Graph();
        Ops o = Ops.on(g);
        Node x = o.placeholder("x", DType.F64, Shape.of(-1));
        Node y = o.sum(o.mul(o.mul(x, x), x));                 // sum x^3
        Node dy = Autodiff.gradients(y, x).get(0);            // 3x^2
        Node d2y = Autodiff.gradients(o.sum(dy), x).get(0);   // 6x
        double[] xs = {-2, -0.5, 0, 1.5, 3};
        Outputs out = new Session(g).run(Feeds.of(x, Tensor.of(xs, 5)), dy, d2y);
        for (int i = 0; i < xs.length; i++) {
            assertEquals(3 * xs[i] * xs[i], out.get(0).getDouble(i), 1e-12);
            assertEquals(6 * xs[i], out.get(1).getDouble(i), 1e-12);
        }
    }

    @Test
    void secondDerivativesOfActivationsAreExact() {
        Graph g = new Graph();
        Ops o = Ops.on(g);
        Node x = o.placeholder("x", DType.F64, Shape.of(4));
        Node s = o.sigmoid(x);
        Node t = o.tanh(x);
        Node ds = Autodiff.gradients(o.sum(s), x).get(0);
        Node d2s = Autodiff.gradients(o.sum(ds), x).get(0);
        Node dt = Autodiff.gradients(o.sum(t), x).get(0);
        Node d2t = Autodiff.gradients(o.sum(dt), x).get(0);
        double[] xs = {-2, -0.3, 0.4, 2.5};
        Outputs out = new Session(g).run(Feeds.of(x, Tensor.of(xs, 4)), d2s, d2t);
        for (int i = 0; i < xs.length; i++) {
            double sv = 1 / (1 + Math.exp(-xs[i]));
            double tv = Math.tanh(xs[i]);
            assertEquals(sv * (1 - sv) * (1 - 2 * sv), out.get(0).getDouble(i), 1e-14);
            assertEquals(-2 * tv * (1 - tv * tv), out.get(1).getDouble(i), 1e-14);
        }
    }

    /** Hessian-vector product of an MLP loss vs central differences of its gradient. */
    @Test
    void hessianVectorProductOfMlpLossMatchesFiniteDifferences() {
        Graph g = new Graph();
        Ops o = Ops.on(g);
        Node x = o.placeholder("x", DType.F64, Shape.of(-1, 3));
        Node y = o.placeholder("y", DType.F64, Shape.of(-1, 1));
        Node w1 = o.variable("w1", DType.F64, Init.normal(0, 0.7, 1), Shape.of(3, 4));
        Node b1 = o.variable("b1", DType.F64, Init.normal(0, 0.1, 2), Shape.of(4));
        Node w2 = o.variable("w2", DType.F64, Init.normal(0, 0.7, 3), Shape.of(4, 1));
        Node h = o.tanh(o.add(o.matmul(x, w1), b1));
        Node loss = o.mean(o.sigmoidCrossEntropyWithLogits(o.matmul(h, w2), y));
        List<Node> grads = Autodiff.gradients(loss, w1, b1, w2);
        Node v1 = o.placeholder("v1", DType.F64, Shape.of(3, 4));
        Node v2 = o.placeholder("v2", DType.F64, Shape.of(4));
        Node v3 = o.placeholder("v3", DType.F64, Shape.of(4, 1));
        Node gv = o.add(o.add(o.sum(o.mul(grads.get(0), v1)), o.sum(o.mul(grads.get(1), v2))),
                o.sum(o.mul(grads.get(2), v3)));
        List<Node> hv = Autodiff.gradients(gv, w1, b1, w2);

        SplittableRandom rnd = new SplittableRandom(5);
        Tensor xs = random(rnd, 6, 3);
        Tensor ys = Tensor.of(new double[] {1, 0, 0, 1, 1, 0}, 6, 1);
        Tensor[] v = {random(rnd, 3, 4), random(rnd, 4), random(rnd, 4, 1)};
        Feeds feeds = Feeds.of(x, xs, y, ys).and(v1, v[0]).and(v2, v[1]).and(v3, v[2]);
        Session s = new Session(g);
        Outputs analytic = s.run(feeds, hv);

        // finite differences of the gradient along v: (grad(w + eps v) - grad(w - eps v)) / 2 eps
        Node[] ws = {w1, b1, w2};
        double eps = 1e-5;
        Tensor[] orig = new Tensor[3];
        for (int k = 0; k < 3; k++) {
            orig[k] = ws[k].value().copy();
        }
        Outputs plus = s.run(feeds, perturbed(ws, orig, v, eps, s, feeds, grads));
        Outputs minus = s.run(feeds, perturbed(ws, orig, v, -eps, s, feeds, grads));
        for (int k = 0; k < 3; k++) {
            ws[k].assign(orig[k]);
        }
        double worst = 0;
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < analytic.get(k).size(); i++) {
                double numeric = (plus.get(k).getDouble(i) - minus.get(k).getDouble(i)) / (2 * eps);
                double a = analytic.get(k).getDouble(i);
                worst = Math.max(worst, Math.abs(a - numeric) / (1e-6 + Math.abs(numeric)));
            }
        }
        assertTrue(worst < 1e-5, "worst relative error " + worst);
    }

    private static List<Node> perturbed(Node[] ws, Tensor[] orig, Tensor[] v, double eps, Session s, Feeds f,
                                        List<Node> grads) {
        for (int k = 0; k < ws.length; k++) {
            Tensor t = orig[k].copy();
            for (int i = 0; i < t.size(); i++) {
                t.setDouble(i, t.getDouble(i) + eps * v[k].getDouble(i));
            }
            ws[k].assign(t);
        }
        return grads;
    }

    private static Tensor random(SplittableRandom rnd, int... dims) {
        Tensor t = Tensor.zeros(DType.F64, Shape.of(dims));
        for (int i = 0; i < t.size(); i++) {
            t.setDouble(i, rnd.nextDouble() * 2 - 1);
        }
        return t;
    }
}
