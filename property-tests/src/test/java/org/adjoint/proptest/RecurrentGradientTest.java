package org.adjoint.proptest;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.adjoint.autodiff.Autodiff;
import org.adjoint.autodiff.GradCheck;
import org.adjoint.graph.DType;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Layer;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.rnn.Bidirectional;
import org.adjoint.nn.rnn.GruCell;
import org.adjoint.nn.rnn.LstmCell;
import org.adjoint.nn.rnn.Masks;
import org.adjoint.nn.rnn.Recurrent;
import org.adjoint.nn.rnn.RecurrentCell;
import org.adjoint.nn.rnn.RecurrentStack;
import org.adjoint.nn.rnn.SequenceLosses;
import org.adjoint.nn.rnn.SimpleRnnCell;
import org.adjoint.ops.Ops;
import org.adjoint.testing.Gen;
import org.adjoint.testing.OpCheck;
import org.junit.jupiter.api.Test;

/**
 * Backpropagation through time checked against F64 finite differences: every recurrent cell (one
 * step, all weights, the input and the state, first and second order), and a 3-step unrolled
 * network of each kind — RNN, both course GRUs, the PyTorch GRU, LSTM, bidirectional, a 2-layer
 * stack, masked sequences of different lengths — with respect to every weight and the input
 * sequence. (Truncated BPTT is deliberately not the derivative of the forward function, so finite
 * differences cannot check it; nn's RecurrentLayerTest checks that it is zero beyond the cut and
 * equal to full BPTT inside the last chunk.)
 */
class RecurrentGradientTest {

    static final int B = 2;
    static final int F = 3;
    static final int H = 2;
    static final int T = 3;

    private final SplittableRandom rnd = new SplittableRandom(808);

    private static List<Supplier<RecurrentCell>> cells() {
        return List.of(() -> new SimpleRnnCell(H), () -> new SimpleRnnCell(H, SimpleRnnCell.Nonlinearity.RELU),
                () -> GruCell.simplified(H), () -> GruCell.full(H), () -> GruCell.torch(H),
                () -> new LstmCell(H).forgetBias(1.0));
    }

    /** Non-zero biases, so every gate's gradient is exercised away from its initial symmetry. */
    private void randomizeBiases(Graph g) {
        for (Node v : g.variables()) {
            if (v.name().contains("/b")) {
                v.value().copyFrom(Gen.uniform(rnd, v.shape(), -0.5, 0.5));
            }
        }
    }

    @Test
    void everyCellStepFirstAndSecondOrder() {
        for (Supplier<RecurrentCell> make : cells()) {
            Graph g = new Graph();
            Layer.seedGraph(g, 5);
            Ops o = Ops.on(g);
            RecurrentCell cell = make.get();
            Node x = o.variable("x", Gen.uniform(rnd, Shape.of(B, F), -1, 1));
            List<Node> state = new ArrayList<>();
            for (String s : cell.stateNames()) {
                state.add(o.variable("state_" + s, Gen.uniform(rnd, Shape.of(B, H), -0.8, 0.8)));
            }
            List<Node> next = cell.call(x, state);
            randomizeBiases(g);
            Node y = next.size() == 1 ? next.get(0) : o.concat(-1, next.get(0), next.get(1));
            List<Node> wrt = new ArrayList<>(g.variables());
            GradCheck.of(y).wrt(wrt).run().assertPassed();
            Node loss = o.sum(o.mul(y, o.constant(Gen.uniform(rnd, y.shape(), -1, 1))));
            Node contracted = OpCheck.contract(o, Autodiff.gradients(loss, wrt), rnd);
            GradCheck.of(contracted).wrt(wrt).rtol(1e-4).atol(1e-6).run().assertPassed();
        }
    }

    /** x [?, T, F] placeholder fed with values in (-1, 1). */
    private Node sequenceInput(Ops o) {
        return o.placeholder("x", DType.F64, Shape.of(-1, T, F));
    }

    private Tensor sequenceValue() {
        return Gen.uniform(rnd, Shape.of(B, T, F), -1, 1);
    }

    private void checkNetwork(Graph g, Node x, Node y, Node... extraFeeds) {
        randomizeBiases(g);
        List<Node> wrt = new ArrayList<>(g.variables());
        wrt.add(x);
        GradCheck check = GradCheck.of(y).wrt(wrt).feed(x, sequenceValue());
        for (int i = 0; i + 1 < extraFeeds.length; i += 2) {
            check.feed(extraFeeds[i], extraFeeds[i + 1].value());
        }
        check.run().assertPassed();
    }

    @Test
    void unrolledNetworksOfEveryCell() {
        for (Supplier<RecurrentCell> make : cells()) {
            Graph g = new Graph();
            Layer.seedGraph(g, 6);
            Ops o = Ops.on(g);
            Node x = sequenceInput(o);
            Node y = new Dense(2).call(new Recurrent(make.get()).call(x));      // [?, T, 2]: every step's output
            checkNetwork(g, x, y);
        }
    }

    @Test
    void bidirectionalConcatAndSum() {
        for (Bidirectional.Merge merge : Bidirectional.Merge.values()) {
            Graph g = new Graph();
            Layer.seedGraph(g, 7);
            Node x = sequenceInput(Ops.on(g));
            Node y = new Bidirectional(new LstmCell(H), GruCell.torch(H)).merge(merge).call(x);
            checkNetwork(g, x, y);
        }
    }

    @Test
    void twoLayerStackWithDropoutHeldFixed() {
        Graph g = new Graph();
        Layer.seedGraph(g, 8);
        Node x = sequenceInput(Ops.on(g));
        Node y = RecurrentStack.of(2, i -> i == 0 ? GruCell.full(H) : new LstmCell(H)).dropout(0.7)
                .returnSequences(false).call(x);
        checkNetwork(g, x, y);
    }

    @Test
    void maskedSequencesOfDifferentLengthsWithAMaskedLoss() {
        Graph g = new Graph();
        Layer.seedGraph(g, 9);
        Ops o = Ops.on(g);
        Node x = sequenceInput(o);
        Node mask = o.placeholder("mask", DType.F64, Shape.of(-1, T));
        Node labels = o.placeholder("labels", DType.I32, Shape.of(-1, T));
        Node logits = new Dense(3).call(new Bidirectional(new LstmCell(H), GruCell.simplified(H)).call(x, mask));
        Node loss = SequenceLosses.softmaxCrossEntropy(mask).build(o, logits, labels);
        Node last = new Recurrent(new SimpleRnnCell(H)).returnSequences(false).call(x, mask);
        Node y = o.add(loss, o.sum(last));
        randomizeBiases(g);
        List<Node> wrt = new ArrayList<>(g.variables());
        wrt.add(x);
        GradCheck.of(y).wrt(wrt).feed(x, sequenceValue())
                .feed(mask, Masks.fromLengths(new int[] {1, 3}, T, DType.F64))
                .feed(labels, Tensor.of(new int[] {2, 0, 0, 1, 2, 0}, B, T)).run().assertPassed();
    }
}
