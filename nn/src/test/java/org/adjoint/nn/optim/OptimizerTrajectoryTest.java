package org.adjoint.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Supplier;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Node;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Parameter;
import org.adjoint.nn.Parameters;
import org.adjoint.ops.Ops;
import org.junit.jupiter.api.Test;

/**
 * Ten steps of each optimizer on f(w) = ½ Σ a_i (w_i - c_i)² (gradient a_i (w_i - c_i)) against
 * the update formulas written out here in plain double arithmetic.
 */
class OptimizerTrajectoryTest {

    static final double[] A = {1.0, 3.0, 0.5, 2.0};
    static final double[] C = {0.5, -1.0, 2.0, 0.0};
    static final double[] W0 = {2.0, 1.0, -1.0, 0.3};
    static final int STEPS = 10;

    /** Reference update: given w, g, state (per element), lr, step t (1-based). */
    interface Rule {
        void step(double[] w, double[] g, double[][] s, double lr, int t);
    }

    private static double[] grad(double[] w) {
        double[] g = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            g[i] = A[i] * (w[i] - C[i]);
        }
        return g;
    }

    /** Runs the optimizer through minimize on a [1, 4] F64 weight and compares every step. */
    private static void check(Supplier<Optimizer> make, Rule rule, int slots, double weightDecay) {
        Graph g = new Graph();
        Ops o = Ops.on(g);
        Node w = g.variable("w", Tensor.of(W0.clone(), 1, 4));
        Node a = o.constant(Tensor.of(A.clone(), 1, 4));
        Node c = o.constant(Tensor.of(C.clone(), 1, 4));
        Node loss = o.mul(o.sum(o.mul(a, o.square(o.sub(w, c)))), 0.5);
        Optimizer opt = make.get();
        TrainStep step = opt.minimize(loss, Parameters.of(new Parameter(w, Parameter.Kind.WEIGHT, null)));
        double[] ref = W0.clone();
        double[][] s = new double[slots][4];
        for (int t = 1; t <= STEPS; t++) {
            double lr = opt.learningRate();
            step.run(Feeds.empty());
            double[] gr = grad(ref);
            for (int i = 0; i < 4; i++) {
                ref[i] *= 1 - lr * weightDecay;
            }
            rule.step(ref, gr, s, lr, t);
            double[] got = w.value().doubles();
            for (int i = 0; i < 4; i++) {
                assertEquals(ref[i], got[i], 1e-6 * Math.abs(ref[i]) + 1e-12, opt.name() + " step " + t + " element " + i);
            }
        }
        assertEquals(STEPS, opt.iterations());
    }

    @Test
    void sgd() {
        check(() -> new Sgd(0.1), (w, g, s, lr, t) -> {
            for (int i = 0; i < w.length; i++) {
                w[i] -= lr * g[i];
            }
        }, 0, 0);
    }

    @Test
    void momentumExponentiallyWeightedAverage() {
        check(() -> new Momentum(0.1, 0.9), (w, g, s, lr, t) -> {
            for (int i = 0; i < w.length; i++) {
                s[0][i] = 0.9 * s[0][i] + 0.1 * g[i];
                w[i] -= lr * s[0][i];
            }
        }, 1, 0);
    }

    @Test
    void heavyBall() {
        check(() -> new Momentum(0.05, 0.8, Momentum.Form.HEAVY_BALL), (w, g, s, lr, t) -> {
            for (int i = 0; i < w.length; i++) {
                s[0][i] = 0.8 * s[0][i] + g[i];
                w[i] -= lr * s[0][i];
            }
        }, 1, 0);
    }

    @Test
    void nesterov() {
        check(() -> new Momentum(0.05, 0.9, Momentum.Form.NESTEROV), (w, g, s, lr, t) -> {
            for (int i = 0; i < w.length; i++) {
                s[0][i] = 0.9 * s[0][i] + g[i];
                w[i] -= lr * (g[i] + 0.9 * s[0][i]);
            }
        }, 1, 0);
    }

    @Test
    void rmsprop() {
        check(() -> new RmsProp(0.01, 0.9, 1e-8), (w, g, s, lr, t) -> {
            for (int i = 0; i < w.length; i++) {
                s[0][i] = 0.9 * s[0][i] + 0.1 * g[i] * g[i];
                w[i] -= lr * g[i] / (Math.sqrt(s[0][i]) + 1e-8);
            }
        }, 1, 0);
    }

    private static Rule adamRule(double b1, double b2, double eps) {
        return (w, g, s, lr, t) -> {
            for (int i = 0; i < w.length; i++) {
                s[0][i] = b1 * s[0][i] + (1 - b1) * g[i];
                s[1][i] = b2 * s[1][i] + (1 - b2) * g[i] * g[i];
                double mHat = s[0][i] / (1 - Math.pow(b1, t));
                double vHat = s[1][i] / (1 - Math.pow(b2, t));
                w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        };
    }

    @Test
    void adam() {
        check(() -> new Adam(0.1), adamRule(0.9, 0.999, 1e-8), 2, 0);
    }

    @Test
    void adamW() {
        check(() -> new AdamW(0.1, 0.05), adamRule(0.9, 0.999, 1e-8), 2, 0.05);
    }

    @Test
    void scheduleDrivesTheRate() {
        // inverse-time decay per epoch: the trajectory uses lr = 0.1 / (1 + 0.5 * epoch), epoch = step / 3
        Graph g = new Graph();
        Ops o = Ops.on(g);
        Node w = g.variable("w", Tensor.of(new double[] {1.0}, 1, 1));
        Node loss = o.mul(o.sum(o.square(w)), 0.5);
        Optimizer opt = new Sgd(0.1).schedule(LearningRateSchedule.inverseTime(0.1, 0.5));
        TrainStep step = opt.minimize(loss, Parameters.of(new Parameter(w, Parameter.Kind.WEIGHT, null)));
        double ref = 1.0;
        for (int t = 0; t < 9; t++) {
            opt.epoch(t / 3);
            step.run(Feeds.empty());
            ref -= 0.1 / (1 + 0.5 * (t / 3)) * ref;
            assertEquals(ref, w.value().getDouble(0), 1e-12);
        }
    }

    @Test
    void badHyperparametersAreRejectedNamingTheValue() {
        assertEquals("adam: learning rate must be a positive finite number, got lr=0.0",
                assertThrows(IllegalArgumentException.class, () -> new Adam(0)).getMessage());
        assertEquals("sgd: learning rate must be a positive finite number, got lr=NaN",
                assertThrows(IllegalArgumentException.class, () -> new Sgd(Double.NaN)).getMessage());
        assertEquals("momentum: momentum must be in [0, 1), got beta=1.0",
                assertThrows(IllegalArgumentException.class, () -> new Momentum(0.1, 1.0)).getMessage());
        assertEquals("nesterov: momentum must be in [0, 1), got beta=-0.1", assertThrows(IllegalArgumentException.class,
                () -> new Momentum(0.1, -0.1, Momentum.Form.NESTEROV)).getMessage());
        assertEquals("adam: beta2 must be in [0, 1), got beta2=1.0",
                assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 0.9, 1.0, 1e-8)).getMessage());
        assertEquals("sgd: max norm must be a positive finite number, got maxNorm=-1.0",
                assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1).clipByGlobalNorm(-1)).getMessage());
    }
}
