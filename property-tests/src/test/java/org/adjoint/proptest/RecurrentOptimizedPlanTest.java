package org.adjoint.proptest;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.adjoint.autodiff.Autodiff;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.compile.CompileOptions;
import org.adjoint.graph.compile.PlanStats;
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
 * The sequence models of nn.rnn run through the optimized plan compute what the graph as written
 * computes: loss, the gradient of every weight and of the input sequence, and a Hessian-vector
 * product, for every cell kind unrolled over 7 steps (long enough that the weight gradients are
 * sums of 7 per-step products: the accumulating-GEMM and add_n fusions fire), bidirectional
 * networks, a 2-layer stack with dropout (a training run: the mask drawn the same way both ways)
 * and masked sequences with a masked loss, in F64 and F32 (bounds as
 * {@link OptimizedPlanProperties}). Each case also checks that the optimizer changed the plan, so
 * the comparison is not between two identical plans.
 */
class RecurrentOptimizedPlanTest {

    static final int B = 3;
    static final int F = 5;
    static final int H = 6;
    static final int T = 7;

    private static List<Supplier<RecurrentCell>> cells() {
        return List.of(() -> new SimpleRnnCell(H), () -> new SimpleRnnCell(H, SimpleRnnCell.Nonlinearity.RELU),
                () -> GruCell.simplified(H), () -> GruCell.full(H), () -> GruCell.torch(H),
                () -> new LstmCell(H).forgetBias(1.0));
    }

    /** A model under test: its graph, the input sequence, the scalar loss, extra feeds. */
    private record Net(Graph graph, Node x, Node loss, Feeds extra) {
    }

    private static void agree(Net net, DType dtype, long seed, String what) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (Node v : net.graph().variables()) {
            if (v.name().contains("/b")) {
                v.value().copyFrom(Gen.uniform(rnd, v.shape(), -0.5, 0.5).cast(v.dtype()));
            }
        }
        List<Node> wrt = new ArrayList<>(net.graph().variables());
        wrt.add(net.x());
        List<Node> outs = new ArrayList<>();
        outs.add(net.loss());
        List<Node> grads = Autodiff.gradients(net.loss(), wrt);
        outs.addAll(grads);
        // the HVP contracts the weights' gradients (known shapes; the input's has the batch unknown)
        outs.add(OpCheck.contract(Ops.on(net.graph()), grads.subList(0, grads.size() - 1), rnd));
        Feeds feeds = net.extra().and(net.x(), Gen.uniform(rnd, Shape.of(B, T, F), -1, 1).cast(dtype));

        PlanStats off = new Session(net.graph(), CompileOptions.none()).planInfo(RunOptions.TRAIN, feeds, outs).stats();
        PlanStats on = new Session(net.graph(), CompileOptions.none().optimize(true))
                .planInfo(RunOptions.TRAIN, feeds, outs).stats();
        assertTrue(on.kernelCalls() < off.kernelCalls() && on.fusedNodes() > 0,
                what + ": the optimizer left the plan as it was: " + on);

        assertNull(OptimizedPlanProperties.compare(net.graph(), feeds, outs, dtype == DType.F64 ? 1e-12 : 1e-5),
                what + ", " + dtype);
    }

    private static Net unrolled(RecurrentCell cell, DType dtype) {
        Graph g = new Graph();
        Layer.seedGraph(g, 21);
        Ops o = Ops.on(g);
        Node x = o.placeholder("x", dtype, Shape.of(-1, T, F));
        Node y = new Dense(2).call(new Recurrent(cell).call(x));
        return new Net(g, x, o.mean(o.square(y)), Feeds.empty());
    }

    @Test
    void everyCellUnrolledF64AndF32() {
        for (DType dtype : List.of(DType.F64, DType.F32)) {
            for (Supplier<RecurrentCell> make : cells()) {
                RecurrentCell cell = make.get();
                agree(unrolled(cell, dtype), dtype, 31, cell.getClass().getSimpleName());
            }
        }
    }

    @Test
    void bidirectionalConcatAndSum() {
        for (Bidirectional.Merge merge : Bidirectional.Merge.values()) {
            Graph g = new Graph();
            Layer.seedGraph(g, 22);
            Ops o = Ops.on(g);
            Node x = o.placeholder("x", DType.F64, Shape.of(-1, T, F));
            Node y = new Bidirectional(new LstmCell(H), GruCell.torch(H)).merge(merge).call(x);
            agree(new Net(g, x, o.sum(o.tanh(y)), Feeds.empty()), DType.F64, 32, "bidirectional " + merge);
        }
    }

    @Test
    void twoLayerStackWithDropout() {
        Graph g = new Graph();
        Layer.seedGraph(g, 23);
        Ops o = Ops.on(g);
        Node x = o.placeholder("x", DType.F32, Shape.of(-1, T, F));
        Node y = RecurrentStack.of(2, i -> i == 0 ? GruCell.full(H) : new LstmCell(H)).dropout(0.7)
                .returnSequences(false).call(x);
        agree(new Net(g, x, o.mean(o.square(y)), Feeds.empty()), DType.F32, 33, "stack with dropout");
    }

    @Test
    void maskedSequencesWithAMaskedLoss() {
        Graph g = new Graph();
        Layer.seedGraph(g, 24);
        Ops o = Ops.on(g);
        Node x = o.placeholder("x", DType.F64, Shape.of(-1, T, F));
        Node mask = o.placeholder("mask", DType.F64, Shape.of(-1, T));
        Node labels = o.placeholder("labels", DType.I32, Shape.of(-1, T));
        Node logits = new Dense(3).call(new Bidirectional(new LstmCell(H), GruCell.simplified(H)).call(x, mask));
        Node loss = SequenceLosses.softmaxCrossEntropy(mask).build(o, logits, labels);
        int[] ls = new int[B * T];
        for (int i = 0; i < ls.length; i++) {
            ls[i] = (i * 7) % 3;
        }
        Feeds extra = Feeds.of(mask, Masks.fromLengths(new int[] {2, 7, 5}, T, DType.F64), labels,
                Tensor.of(ls, B, T));
        agree(new Net(g, x, loss, extra), DType.F64, 34, "masked");
    }
}
