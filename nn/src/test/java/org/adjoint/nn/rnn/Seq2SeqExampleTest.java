package org.adjoint.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Outputs;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Layer;
import org.adjoint.nn.Model;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.layers.Embedding;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.optim.TrainStep;
import org.adjoint.ops.Ops;
import org.junit.jupiter.api.Test;

/**
 * The sequence-to-sequence example: an encoder LSTM reads a sequence of digits, its final state
 * starts a decoder LSTM that writes the digits in reverse order. Training feeds the decoder the
 * true previous digit (teacher forcing); decoding feeds back its own greedy choice through a
 * one-step graph that shares the weights ({@link Generator}).
 */
class Seq2SeqExampleTest {

    static final int LEN = 4;
    static final int DIGITS = 5;      // tokens 1..5; 0 = start marker
    static final int START = 0;

    @Test
    void encoderDecoderLearnsToReverseDigits() {
        Graph g = new Graph();
        Layer.seedGraph(g, 11);
        Ops o = Ops.on(g);
        Node source = o.placeholder("source", DType.I32, Shape.of(-1, LEN));
        Node decoderIn = o.placeholder("decoder_in", DType.I32, Shape.of(-1, LEN));   // START, y0, y1, y2
        Node target = o.placeholder("target", DType.I32, Shape.of(-1, LEN));          // y0 .. y3
        Embedding embed = new Embedding(DIGITS + 1, 8);
        LstmCell encoderCell = new LstmCell(32);
        LstmCell decoderCell = new LstmCell(32);
        Dense out = new Dense(DIGITS + 1);

        RecurrentOutput encoded = new Recurrent(encoderCell).run(Sequence.of(embed.call(source)));
        RecurrentOutput decoded = new Recurrent(decoderCell).run(Sequence.of(embed.call(decoderIn)),
                encoded.finalState());
        Node logits = out.call(decoded.stacked());
        Node loss = SequenceLosses.softmaxCrossEntropy(null).build(o, logits, target);
        Model model = Model.of(List.of(source, decoderIn, target), List.of(logits));
        TrainStep step = new Adam(0.02).minimize(loss, model.parameters(), model.session());

        SplittableRandom rnd = new SplittableRandom(3);
        for (int it = 0; it < 300; it++) {
            step.run(batch(source, decoderIn, target, 64, rnd));
        }

        // greedy decoding: encoder state -> one-step decoder graph
        Node token = o.placeholder("token", DType.I32, Shape.of(-1));
        List<Node> stateIn = decoderCell.statePlaceholders("dec");
        List<Node> stateOut = decoderCell.call(embed.call(token), stateIn);
        Generator decoder = new Generator(model.session(), token, stateIn, out.call(stateOut.get(0)), stateOut);
        SplittableRandom test = new SplittableRandom(77);
        int right = 0;
        int trials = 60;
        for (int i = 0; i < trials; i++) {
            int[] digits = randomDigits(test);
            Outputs enc = model.session().run(RunOptions.EVAL,
                    Feeds.of(source, Tensor.of(digits, 1, LEN)), encoded.finalState());
            List<Tensor> init = new ArrayList<>();
            for (int k = 0; k < enc.size(); k++) {
                init.add(enc.get(k));
            }
            int[] reversed = decoder.generate(new int[] {START}, LEN, -1, 0.0, 0, init);
            boolean ok = true;
            for (int t = 0; t < LEN; t++) {
                ok &= reversed[t] == digits[LEN - 1 - t];
            }
            right += ok ? 1 : 0;
        }
        assertTrue(right >= trials * 0.9, right + " of " + trials + " sequences reversed exactly");
    }

    static int[] randomDigits(SplittableRandom rnd) {
        int[] d = new int[LEN];
        for (int t = 0; t < LEN; t++) {
            d[t] = 1 + rnd.nextInt(DIGITS);
        }
        return d;
    }

    static Feeds batch(Node source, Node decoderIn, Node target, int n, SplittableRandom rnd) {
        int[] src = new int[n * LEN];
        int[] din = new int[n * LEN];
        int[] tgt = new int[n * LEN];
        for (int i = 0; i < n; i++) {
            int[] d = randomDigits(rnd);
            for (int t = 0; t < LEN; t++) {
                src[i * LEN + t] = d[t];
                tgt[i * LEN + t] = d[LEN - 1 - t];
                din[i * LEN + t] = t == 0 ? START : d[LEN - t];
            }
        }
        return Feeds.of(source, Tensor.of(src, n, LEN), decoderIn, Tensor.of(din, n, LEN))
                .and(target, Tensor.of(tgt, n, LEN));
    }
}
