package org.adjoint.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Model;
import org.adjoint.nn.Sequential;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.layers.Embedding;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.text.Padding;
import org.adjoint.nn.text.Tokenizer;
import org.adjoint.nn.text.Vocabulary;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.History;
import org.adjoint.nn.train.Trainer;
import org.junit.jupiter.api.Test;

/** The sequence example of nn/README.md, on generated sentences where capitalized-in-source names are tagged 1. */
class RnnReadmeExampleTest {

    static final String[] NAMES = {"harry", "hermione", "ron", "luna", "neville", "ginny"};
    static final String[] WORDS = {"met", "saw", "a", "the", "spell", "wand", "in", "school", "and", "found", "book"};

    @Test
    void theReadmeTaggerTrainsAndTheSequentialClassifierBuilds() {
        SplittableRandom rnd = new SplittableRandom(4);
        List<String> sentences = new ArrayList<>();
        List<int[]> tagLists = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            int len = 4 + rnd.nextInt(8);
            StringBuilder sb = new StringBuilder();
            int[] t = new int[len];
            for (int w = 0; w < len; w++) {
                boolean name = rnd.nextDouble() < 0.3;
                sb.append(name ? NAMES[rnd.nextInt(NAMES.length)] : WORDS[rnd.nextInt(WORDS.length)]).append(' ');
                t[w] = name ? 1 : 0;
            }
            sentences.add(sb.toString());
            tagLists.add(t);
        }
        Tensor tags = Padding.of(tagLists, 12, 0).indices();

        // ---- as in nn/README.md ----
        Tokenizer words = Tokenizer.wordsLowerCase();
        List<List<String>> corpus = new ArrayList<>();
        for (String s : sentences) {
            corpus.add(words.tokenize(s));
        }
        Vocabulary vocab = Vocabulary.builder().pad().unknown().minFrequency(2).build(corpus);
        List<int[]> ids = new ArrayList<>();
        for (List<String> c : corpus) {
            ids.add(vocab.encode(c));
        }
        Padding padded = Padding.of(ids, 12, vocab.padIndex());

        Graph g = new Graph();
        Node tokens = g.placeholder("tokens", DType.I32, Shape.of(-1, 12));
        Node mask = g.placeholder("mask", DType.F32, Shape.of(-1, 12));
        Node states = new Bidirectional(new LstmCell(32), new LstmCell(32))
                .call(new Embedding(vocab.size(), 32).call(tokens), mask);
        Node logits = new Dense(2).call(states);
        Model model = Model.of(List.of(tokens, mask), List.of(logits));
        Trainer trainer = Trainer.builder(model)
                .loss(SequenceLosses.softmaxCrossEntropy(mask))
                .optimizer(new Adam(0.01).clipByGlobalNorm(5.0)).build();
        Map<String, Tensor> columns = new LinkedHashMap<>();
        columns.put("tokens", padded.indices());
        columns.put("mask", padded.mask());
        columns.put("labels", tags);
        History h = trainer.fit(Dataset.of(columns), FitOptions.epochs(10).batchSize(32));

        Sequential classifier = Sequential.builder(Shape.of(50, 8)).seed(1)
                .add(new Recurrent(GruCell.full(64)).returnSequences(false), new Dense(1)).build();
        // ---- end of the README code ----

        assertEquals(List.of("<PAD>", "<UNK>"), vocab.tokens().subList(0, 2));
        assertEquals(Shape.of(-1, 12, 64), states.shape());
        double[] loss = h.series("loss");
        assertTrue(loss[loss.length - 1] < 0.05 * loss[0], "the tagger learns: " + java.util.Arrays.toString(loss));
        assertEquals(Shape.of(-1, 1), classifier.output().shape());
        assertEquals(List.of("gru/w_x", "gru/w_h", "gru/w_hc", "gru/b", "dense/w", "dense/b"),
                classifier.parameters().names());
    }
}
