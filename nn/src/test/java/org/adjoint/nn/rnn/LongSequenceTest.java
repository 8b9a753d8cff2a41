package org.adjoint.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Layer;
import org.adjoint.nn.Model;
import org.adjoint.nn.Parameter;
import org.adjoint.nn.init.Initializer;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.optim.Sgd;
import org.adjoint.nn.optim.TrainStep;
import org.adjoint.ops.Ops;
import org.junit.jupiter.api.Test;

/** Exploding and vanishing gradients on long sequences. */
class LongSequenceTest {

    static final int T = 50;

    /**
     * The "remember the first step" task: channel 0 holds a bit (±1) at step 0 and zeros after it,
     * channel 1 is uniform noise at every step; the label is the bit, read after step 50.
     */
    static Feeds batch(Node x, Node y, int n, SplittableRandom rnd) {
        float[] xs = new float[n * T * 2];
        float[] ys = new float[n];
        for (int i = 0; i < n; i++) {
            boolean bit = rnd.nextBoolean();
            ys[i] = bit ? 1f : 0f;
            xs[i * T * 2] = bit ? 1f : -1f;
            for (int t = 0; t < T; t++) {
                xs[(i * T + t) * 2 + 1] = (float) (2 * rnd.nextDouble() - 1);
            }
        }
        return Feeds.of(x, Tensor.of(xs, n, T, 2), y, Tensor.of(ys, n, 1));
    }

    /** Accuracy on fresh sequences after training {@code cell} on the task. */
    static double accuracyAfterTraining(RecurrentCell cell, int steps) {
        Graph g = new Graph();
        Layer.seedGraph(g, 3);
        Ops o = Ops.on(g);
        Node x = o.placeholder("x", DType.F32, Shape.of(-1, T, 2));
        Node y = o.placeholder("y", DType.F32, Shape.of(-1, 1));
        Node logit = new Dense(1).call(new Recurrent(cell).returnSequences(false).call(x));
        Node loss = o.mean(o.sigmoidCrossEntropyWithLogits(logit, y));
        Model model = Model.of(List.of(x, y), List.of(logit));
        TrainStep step = new Adam(0.03).minimize(loss, model.parameters(), model.session());
        SplittableRandom rnd = new SplittableRandom(5);
        for (int s = 0; s < steps; s++) {
            step.run(batch(x, y, 32, rnd));
        }
        Feeds test = batch(x, y, 400, new SplittableRandom(99));
        Tensor p = model.session().eval(RunOptions.EVAL, test, logit);
        Tensor labels = test.get(y);
        int right = 0;
        for (int i = 0; i < 400; i++) {
            right += (p.getDouble(i) > 0) == (labels.getDouble(i) > 0.5) ? 1 : 0;
        }
        return right / 400.0;
    }

    @Test
    void lstmCarriesABitOverFiftyStepsThatThePlainRnnLoses() {
        // the same training for both: 200 Adam steps on batches of 32; a forget bias of 2 starts the
        // forget gates at σ(2) ≈ 0.88, so the gradient from step 50 still reaches step 0 (the
        // memory cell's path has no squashing nonlinearity, the RNN's path has 50 tanh's)
        double lstm = accuracyAfterTraining(new LstmCell(8).forgetBias(2.0), 200);
        double rnn = accuracyAfterTraining(new SimpleRnnCell(8), 200);
        System.out.printf("remember-the-first-step over %d steps: LSTM %.3f, RNN %.3f%n", T, lstm, rnn);
        assertTrue(lstm > 0.95, "LSTM accuracy " + lstm);
        assertTrue(rnn < 0.7, "RNN accuracy " + rnn);
    }

    @Test
    void clippingBoundsTheUpdateOnALongSequence() {
        Graph g = new Graph();
        Ops o = Ops.on(g);
        int n = 60;
        Node x = o.placeholder("x", DType.F64, Shape.of(-1, n, 2));
        // all-positive weights: w_h has the eigenvalue 6·0.2 = 1.2 > 1 and relu stays linear, so the
        // state grows like 1.2^t and the gradient explodes
        SimpleRnnCell cell = new SimpleRnnCell(6, SimpleRnnCell.Nonlinearity.RELU)
                .kernelInit(Initializer.constant(0.1)).recurrentInit(Initializer.constant(0.2));
        Node h = new Recurrent(cell).returnSequences(false).call(x);
        Node loss = o.mean(o.square(h));
        Model model = Model.of(x, h);
        SplittableRandom rnd = new SplittableRandom(8);
        double[] xs = new double[4 * n * 2];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = rnd.nextDouble();
        }
        Feeds feeds = Feeds.of(x, Tensor.of(xs, 4, n, 2));
        double lr = 0.1;
        for (String clip : new String[] {"none", "norm", "value"}) {
            Sgd sgd = new Sgd(lr);
            if (clip.equals("norm")) {
                sgd.clipByGlobalNorm(1.0);
            } else if (clip.equals("value")) {
                sgd.clipByValue(0.5);
            }
            Tensor[] before = values(model);
            TrainStep step = sgd.minimize(loss, model.parameters(), new Session(g));
            step.run(feeds);
            double norm = sgd.lastGradientNorm();
            assertTrue(norm > 1e3, "the unclipped gradient norm explodes over " + n + " steps: " + norm);
            Tensor[] after = values(model);
            double updateNorm = 0;
            double largest = 0;
            for (int i = 0; i < before.length; i++) {
                for (int j = 0; j < before[i].size(); j++) {
                    double d = after[i].getDouble(j) - before[i].getDouble(j);
                    updateNorm += d * d;
                    largest = Math.max(largest, Math.abs(d));
                }
            }
            updateNorm = Math.sqrt(updateNorm);
            switch (clip) {
                case "none":
                    assertEquals(lr * norm, updateNorm, 1e-6 * lr * norm, "the plain step moves by lr·|g|");
                    break;
                case "norm":
                    assertEquals(lr * 1.0, updateNorm, 1e-9, "clipped to the global norm 1");
                    break;
                default:
                    assertTrue(largest <= lr * 0.5 + 1e-12, "each element moves by at most lr·0.5, got " + largest);
                    assertTrue(updateNorm < 1e-2 * lr * norm, "value clipping bounds the update");
            }
            restore(model, before);
        }
    }

    private static Tensor[] values(Model model) {
        List<Parameter> ps = model.parameters().list();
        Tensor[] out = new Tensor[ps.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ps.get(i).value().copy();
        }
        return out;
    }

    private static void restore(Model model, Tensor[] saved) {
        List<Parameter> ps = model.parameters().list();
        for (int i = 0; i < saved.length; i++) {
            ps.get(i).value().copyFrom(saved[i]);
        }
    }
}
