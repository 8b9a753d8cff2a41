package org.adjoint.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.adjoint.autodiff.Autodiff;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Outputs;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Layer;
import org.adjoint.ops.Ops;
import org.junit.jupiter.api.Test;

/** Recurrent, Bidirectional and RecurrentStack: shapes, state, masks, truncation, stacks, errors. */
class RecurrentLayerTest {

    static final int F = 3;
    static final int H = 4;

    private final Graph g = new Graph();
    private final Ops o = Ops.on(g);
    private final SplittableRandom rnd = new SplittableRandom(17);

    private Node input(String name, int time) {
        return o.placeholder(name, DType.F64, Shape.of(-1, time, F));
    }

    private Tensor random(int... dims) {
        Shape s = Shape.of(dims);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = 2 * rnd.nextDouble() - 1;
        }
        return Tensor.of(d, dims);
    }

    /** Rows [from, to) of time steps of x [batch, time, f] for one example. */
    private static Tensor example(Tensor x, int row, int time) {
        int t0 = x.shape().dim(1);
        int f = x.shape().dim(2);
        double[] d = new double[time * f];
        for (int i = 0; i < d.length; i++) {
            d[i] = x.getDouble(row * t0 * f + i);
        }
        return Tensor.of(d, 1, time, f);
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12, what);
    }

    @Test
    void manyToManyAndManyToOneShapesAndValues() {
        Node x = input("x", 5);
        LstmCell cell = new LstmCell(H);
        Node seq = new Recurrent(cell).call(x);
        Node last = new Recurrent(cell).returnSequences(false).call(x);
        assertEquals(Shape.of(-1, 5, H), seq.shape());
        assertEquals(Shape.of(-1, H), last.shape());
        Tensor xv = random(2, 5, F);
        Outputs out = new Session(g).run(Feeds.of(x, xv), seq, last);
        for (int b = 0; b < 2; b++) {
            for (int k = 0; k < H; k++) {
                assertClose(out.get(0).get(b, 4, k), out.get(1).get(b, k), "last step = many-to-one output");
            }
        }
        assertEquals(List.of("lstm/w_x", "lstm/w_h", "lstm/b"), names(cell));
    }

    private static List<String> names(Layer l) {
        List<String> out = new ArrayList<>();
        l.parameters().forEach(p -> out.add(p.name()));
        return out;
    }

    @Test
    void givenInitialStateEqualsStepByStepCellCalls() {
        Node x = input("x", 3);
        GruCell cell = GruCell.full(H);
        Node h0 = o.placeholder("h0", DType.F64, Shape.of(-1, H));
        Sequence s = Sequence.of(x);
        RecurrentOutput out = new Recurrent(cell).run(s, List.of(h0));
        List<Node> state = List.of(h0);
        List<Node> manual = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            state = cell.call(s.step(t), state);
            manual.add(state.get(0));
        }
        Tensor xv = random(2, 3, F);
        Tensor hv = random(2, H);
        Outputs r = new Session(g).run(Feeds.of(x, xv, h0, hv), out.stacked(), manual.get(0), manual.get(2), out.last());
        for (int b = 0; b < 2; b++) {
            for (int k = 0; k < H; k++) {
                assertClose(r.get(1).get(b, k), r.get(0).get(b, 0, k), "step 0");
                assertClose(r.get(2).get(b, k), r.get(0).get(b, 2, k), "step 2");
                assertClose(r.get(2).get(b, k), r.get(3).get(b, k), "last");
            }
        }
        // a non-zero initial state matters
        Tensor zero = Tensor.zeros(DType.F64, Shape.of(2, H));
        Tensor fromZero = new Session(g).eval(Feeds.of(x, xv, h0, zero), out.last());
        assertNotEquals(r.get(3).getDouble(0), fromZero.getDouble(0));
    }

    @Test
    void paddedStepsChangeNeitherStateNorOutputsOfRealSteps() {
        for (RecurrentCell cell : List.of(new LstmCell(H), GruCell.torch(H), new SimpleRnnCell(H))) {
            Graph graph = new Graph();
            Ops ops = Ops.on(graph);
            Node x5 = ops.placeholder("x5", DType.F64, Shape.of(-1, 5, F));
            Node mask = ops.placeholder("mask", DType.F64, Shape.of(-1, 5));
            Node x3 = ops.placeholder("x3", DType.F64, Shape.of(-1, 3, F));
            RecurrentOutput padded = new Recurrent(cell).run(Sequence.of(x5, mask));
            RecurrentOutput alone = new Recurrent(cell).run(Sequence.of(x3));
            Tensor xv = random(2, 5, F);          // example 0 has 3 real steps, example 1 all 5
            Tensor mv = Masks.fromLengths(new int[] {3, 5}, 5, DType.F64);
            Session s = new Session(graph);
            Outputs p = s.run(Feeds.of(x5, xv, mask, mv), padded.stacked(), padded.last());
            Outputs a = s.run(Feeds.of(x3, example(xv, 0, 3)), alone.stacked(), alone.last());
            for (int k = 0; k < H; k++) {
                for (int t = 0; t < 3; t++) {
                    assertClose(a.get(0).get(0, t, k), p.get(0).get(0, t, k), cell.kind() + " real step " + t);
                }
                assertEquals(0.0, p.get(0).get(0, 3, k), 0.0, "padded output");
                assertEquals(0.0, p.get(0).get(0, 4, k), 0.0, "padded output");
                assertClose(a.get(1).get(0, k), p.get(1).get(0, k), cell.kind() + " state after the last real step");
            }
            // changing the padded inputs changes nothing
            Tensor xv2 = xv.copy();
            for (int i = 3 * F; i < 5 * F; i++) {
                xv2.setDouble(i, 100 + i);
            }
            Outputs p2 = s.run(Feeds.of(x5, xv2, mask, mv), padded.stacked(), padded.last());
            assertTrue(p.get(0).bitwiseEquals(p2.get(0)) && p.get(1).bitwiseEquals(p2.get(1)));
        }
    }

    @Test
    void bidirectionalBackwardHalfReadsTheRealStepsBackwards() {
        Node x = input("x", 4);
        Node mask = o.placeholder("mask", DType.F64, Shape.of(-1, 4));
        Node xr = input("x_reversed", 2);
        LstmCell fwd = new LstmCell(H);
        LstmCell bwd = new LstmCell(H);
        Bidirectional bi = new Bidirectional(fwd, bwd);
        Node both = bi.call(x, mask);
        assertEquals(Shape.of(-1, 4, 2 * H), both.shape());
        Node backAlone = new Recurrent(bwd).call(xr);           // the real steps, reversed by hand
        Node fwdAlone = new Recurrent(fwd).call(o.placeholder("x2", DType.F64, Shape.of(-1, 2, F)));
        Tensor xv = random(1, 4, F);
        Tensor mv = Masks.fromLengths(new int[] {2}, 4, DType.F64);
        double[] rev = new double[2 * F];
        for (int t = 0; t < 2; t++) {
            for (int i = 0; i < F; i++) {
                rev[t * F + i] = xv.getDouble((1 - t) * F + i);
            }
        }
        Session s = new Session(g);
        Tensor got = s.eval(Feeds.of(x, xv, mask, mv), both);
        Tensor back = s.eval(Feeds.of(xr, Tensor.of(rev, 1, 2, F)), backAlone);
        Tensor forth = s.eval(Feeds.of(g.node("x2"), example(xv, 0, 2)), fwdAlone);
        for (int t = 0; t < 2; t++) {
            for (int k = 0; k < H; k++) {
                assertClose(forth.get(0, t, k), got.get(0, t, k), "forward half at step " + t);
                assertClose(back.get(0, 1 - t, k), got.get(0, t, H + k), "backward half at step " + t);
            }
        }
        Node sum = new Bidirectional(GruCell.torch(H), GruCell.torch(H))
                .merge(Bidirectional.Merge.SUM).returnSequences(false).call(x);
        assertEquals(Shape.of(-1, H), sum.shape());
    }

    @Test
    void maskedLossAveragesRealStepsOnlyAndPaddingGetsNoGradient() {
        Node x = input("x", 4);
        Node mask = o.placeholder("mask", DType.F64, Shape.of(-1, 4));
        Node labels = o.placeholder("labels", DType.I32, Shape.of(-1, 4));
        Node h = new Recurrent(GruCell.full(H)).call(x, mask);
        Node logits = new org.adjoint.nn.layers.Dense(3).call(h);
        Node loss = SequenceLosses.softmaxCrossEntropy(mask).build(o, logits, labels);
        Node ce = o.sparseSoftmaxCrossEntropy(o.reshape(logits, -1, 3), o.reshape(labels, -1));
        List<Node> params = new ArrayList<>(g.variables());
        List<Node> grads = Autodiff.gradients(loss, params);
        Tensor xv = random(2, 4, F);
        Tensor mv = Masks.fromLengths(new int[] {1, 3}, 4, DType.F64);
        Tensor yv = Tensor.of(new int[] {2, 0, 1, 1, 0, 2, 1, 2}, 2, 4);
        Session s = new Session(g);
        List<Node> fetch = new ArrayList<>(List.of(loss, ce));
        fetch.addAll(grads);
        Outputs out = s.run(Feeds.of(x, xv, mask, mv).and(labels, yv), fetch);
        double expected = (out.get(1).getDouble(0) + out.get(1).getDouble(4) + out.get(1).getDouble(5)
                + out.get(1).getDouble(6)) / 4;
        assertClose(expected, out.get(0).getDouble(0), "mean over the 4 real steps");
        // other inputs and labels at padded steps: same loss, same gradients
        Tensor xv2 = xv.copy();
        xv2.setDouble(2 * F, 9);
        xv2.setDouble(4 * F + 3 * F + 1, -9);
        Tensor yv2 = Tensor.of(new int[] {2, 2, 2, 2, 0, 2, 1, 0}, 2, 4);
        Outputs out2 = s.run(Feeds.of(x, xv2, mask, mv).and(labels, yv2), fetch);
        assertTrue(out.get(0).bitwiseEquals(out2.get(0)));
        for (int i = 2; i < fetch.size(); i++) {
            assertTrue(out.get(i).bitwiseEquals(out2.get(i)), "gradient of " + params.get(i - 2).name());
        }
    }

    @Test
    void truncatedBpttCutsTheGradientEveryKStepsAndKeepsTheForwardValues() {
        Node x = input("x", 6);
        SimpleRnnCell cell = new SimpleRnnCell(H);
        RecurrentOutput full = new Recurrent(cell).run(Sequence.of(x));
        RecurrentOutput cut = new Recurrent(cell).truncate(2).run(Sequence.of(x));
        Node dFull = Autodiff.gradients(o.sum(full.last()), x).get(0);
        Node dCut = Autodiff.gradients(o.sum(cut.last()), x).get(0);
        Tensor xv = random(2, 6, F);
        Outputs r = new Session(g).run(Feeds.of(x, xv), full.last(), cut.last(), dFull, dCut);
        assertTrue(r.get(0).bitwiseEquals(r.get(1)), "truncation changes no value");
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 6; t++) {
                double normFull = 0;
                double normCut = 0;
                for (int i = 0; i < F; i++) {
                    normFull += Math.abs(r.get(2).get(b, t, i));
                    normCut += Math.abs(r.get(3).get(b, t, i));
                }
                assertTrue(normFull > 1e-8, "full BPTT reaches step " + t);
                if (t < 4) {
                    assertEquals(0.0, normCut, "the last chunk is steps 4 and 5; step " + t + " gets no gradient");
                } else {
                    for (int i = 0; i < F; i++) {
                        assertClose(r.get(2).get(b, t, i), r.get(3).get(b, t, i), "inside the last chunk");
                    }
                }
            }
        }
    }

    @Test
    void stackEqualsLayersComposedByHandAndDropoutIsOffInEvaluation() {
        Node x = input("x", 3);
        LstmCell c1 = new LstmCell(H);
        GruCell c2 = GruCell.full(2);
        RecurrentStack stack = new RecurrentStack(new Recurrent(c1), new Recurrent(c2)).dropout(0.5);
        Node deep = stack.call(x);
        Node byHand = new Recurrent(c2).call(new Recurrent(c1).call(x));
        assertEquals(Shape.of(-1, 3, 2), deep.shape());
        Tensor xv = random(2, 3, F);
        Session s = new Session(g);
        Outputs eval = s.run(RunOptions.EVAL, Feeds.of(x, xv), deep, byHand);
        assertTrue(eval.get(0).bitwiseEquals(eval.get(1)), "dropout is the identity in evaluation runs");
        Tensor train1 = s.run(RunOptions.TRAIN.randomStep(1), Feeds.of(x, xv), deep).get(0);
        Tensor train1again = s.run(RunOptions.TRAIN.randomStep(1), Feeds.of(x, xv), deep).get(0);
        Tensor train2 = s.run(RunOptions.TRAIN.randomStep(2), Feeds.of(x, xv), deep).get(0);
        assertFalse(train1.bitwiseEquals(eval.get(1)), "dropout acts in training runs");
        assertTrue(train1.bitwiseEquals(train1again), "same random step, same masks");
        assertFalse(train1.bitwiseEquals(train2), "another random step, other masks");
        RecurrentStack three = RecurrentStack.of(3, i -> new SimpleRnnCell(5 + i)).returnSequences(false);
        assertEquals(Shape.of(-1, 7), three.call(x).shape());
        assertEquals(3, three.run(Sequence.of(x)).finalState().size(), "one state per layer");
    }

    // ---- bad input ----------------------------------------------------------------------------------

    @Test
    void badInputNamesTheLayerTheParameterAndTheShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LstmCell(0));
        assertEquals("lstm: units (the hidden size) must be >= 1, got units=0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GruCell.torch(-3));
        assertEquals("gru: units (the hidden size) must be >= 1, got units=-3", e.getMessage());

        Node flat = o.placeholder("flat", DType.F64, Shape.of(-1, 5));
        e = assertThrows(IllegalArgumentException.class, () -> new Recurrent(new LstmCell(2)).call(flat));
        assertEquals("recurrent 'recurrent': input 'flat' must be [batch, time, features], got f64[?, 5]", e.getMessage());

        Node open = o.placeholder("open", DType.F64, Shape.of(-1, -1, 3));
        e = assertThrows(IllegalArgumentException.class, () -> new Recurrent(new LstmCell(2)).call(open));
        assertEquals("recurrent 'recurrent_1': the time dimension of input 'open' must be known (>= 1) to unroll the graph,"
                + " got f64[?, ?, 3]; pad to a fixed length and use a mask", e.getMessage());

        Node x = input("x", 5);
        Node badMask = o.placeholder("m", DType.F64, Shape.of(-1, 4));
        e = assertThrows(IllegalArgumentException.class, () -> new Recurrent(new LstmCell(2)).call(x, badMask));
        assertEquals("recurrent 'recurrent_2': mask 'm' must be f64[batch, 5] (1 = step, 0 = padding) for input 'x'"
                + " f64[?, 5, 3], got f64[?, 4]", e.getMessage());

        LstmCell cell = new LstmCell(2);
        new Recurrent(cell).call(x);
        Node wide = o.placeholder("wide", DType.F64, Shape.of(-1, 5, 4));
        e = assertThrows(IllegalArgumentException.class, () -> new Recurrent(cell).call(wide));
        assertEquals("recurrent 'recurrent_4': input 'wide' f64[?, 5, 4] has f64 steps of 4 features, its lstm cell"
                + " 'lstm' was built for f64 steps of 3 features", e.getMessage());

        Node h0 = o.placeholder("h0", DType.F64, Shape.of(-1, 3));
        e = assertThrows(IllegalArgumentException.class,
                () -> new Recurrent(cell).run(Sequence.of(x), List.of(h0, h0)));
        assertEquals("lstm 'lstm': initial state h ('h0') must be f64[batch, 2], got f64[?, 3]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Recurrent(cell).run(Sequence.of(x), List.of(h0)));
        assertEquals("lstm 'lstm': initial state must be 2 tensor(s) [h, c] of shape [batch, 2], got 1 tensor(s)",
                e.getMessage());

        Node step = o.placeholder("step", DType.F64, Shape.of(-1, 7));
        e = assertThrows(IllegalArgumentException.class, () -> cell.call(step, cell.zeroState(step)));
        assertEquals("lstm 'lstm': input 'step' has 7 features, the cell was built for 3 (w_x is [3, 8]); got f64[?, 7]",
                e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> new Bidirectional(new LstmCell(2), new LstmCell(3)).merge(Bidirectional.Merge.SUM));
        assertEquals("bidirectional: merge SUM needs cells of equal units, got 2 and 3", e.getMessage());
        LstmCell same = new LstmCell(2);
        e = assertThrows(IllegalArgumentException.class, () -> new Bidirectional(same, same));
        assertTrue(e.getMessage().startsWith("bidirectional: the forward and backward cells must be two different cells"));
        e = assertThrows(IllegalArgumentException.class, () -> new Recurrent(new LstmCell(2)).truncate(-1));
        assertEquals("recurrent: truncation must be >= 1 steps (0 = off), got k=-1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RecurrentStack.of(0, i -> new LstmCell(2)));
        assertEquals("recurrent_stack: depth must be >= 1, got depth=0", e.getMessage());
        Node ints = o.placeholder("ids", DType.I32, Shape.of(-1, 5, 1));
        e = assertThrows(IllegalArgumentException.class, () -> new Recurrent(new LstmCell(2)).call(ints));
        assertEquals("lstm 'lstm_1': input 'ids' must be f32 or f64 (embed or one-hot encode indices first), got"
                + " i32[?, 5, 1]", e.getMessage());
    }
}
