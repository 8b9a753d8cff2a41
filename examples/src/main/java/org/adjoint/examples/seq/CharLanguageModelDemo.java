package org.adjoint.examples.seq;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.adjoint.graph.DType;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Layer;
import org.adjoint.examples.DemoArgs;
import org.adjoint.nn.Model;
import org.adjoint.nn.charts.Charts;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.data.Split;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.layers.Dropout;
import org.adjoint.nn.layers.Embedding;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.rnn.Generator;
import org.adjoint.nn.rnn.LstmCell;
import org.adjoint.nn.rnn.Recurrent;
import org.adjoint.nn.rnn.SequenceLosses;
import org.adjoint.nn.text.Padding;
import org.adjoint.nn.text.Tokenizer;
import org.adjoint.nn.text.Vocabulary;
import org.adjoint.nn.train.EarlyStopping;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.History;
import org.adjoint.nn.train.Trainer;

/**
 * A character-level language model of given names: each name is read one character at a time
 * ({@code <EOS>} a n n a → a n n a {@code <EOS>}), an LSTM predicts the next character, then the
 * trained model writes new names one character at a time, sampling at temperature 0.8.
 *
 * <p>Corpus: the bundled {@code names.txt} (693 names, CC0, see NAMES-SOURCE.md). Writes the
 * learning curves ({@code charlm-curves.png}) and the sampled names ({@code samples.txt}) to the
 * output folder. Options: {@code --seed N}, {@code --out DIR}, {@code --quick} (2 epochs).
 */
public final class CharLanguageModelDemo {

    private CharLanguageModelDemo() {
    }

    public static void main(String[] args) {
        DemoArgs a = DemoArgs.parse("charlm", args);
        int epochs = a.quick() ? 2 : 40;
        List<String> names = readNames();
        Tokenizer chars = Tokenizer.characters();
        List<List<String>> tokenized = new ArrayList<>();
        for (String n : names) {
            tokenized.add(chars.tokenize(n));
        }
        Vocabulary vocab = Vocabulary.builder().pad().eos().build(tokenized);
        int eos = vocab.eosIndex();
        int time = 0;
        for (List<String> t : tokenized) {
            time = Math.max(time, t.size() + 1);
        }
        List<int[]> inputs = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        for (List<String> t : tokenized) {
            int[] ids = vocab.encode(t);
            int[] in = new int[ids.length + 1];
            int[] out = new int[ids.length + 1];
            in[0] = eos;
            System.arraycopy(ids, 0, in, 1, ids.length);
            System.arraycopy(ids, 0, out, 0, ids.length);
            out[ids.length] = eos;
            inputs.add(in);
            targets.add(out);
        }
        Padding x = Padding.of(inputs, time, vocab.padIndex());
        Padding y = Padding.of(targets, time, vocab.padIndex());
        Map<String, Tensor> columns = new LinkedHashMap<>();
        columns.put("tokens", x.indices());
        columns.put("mask", x.mask());
        columns.put(Dataset.LABELS, y.indices());
        Split.Parts parts = Split.ratios(0.9, 0.1).seed(a.seed()).apply(Dataset.of(columns));
        System.out.printf(Locale.ROOT, "%d names, %d characters in the vocabulary %s, sequences of %d steps; "
                + "%d for training, %d held out%n", names.size(), vocab.size(), vocab.tokens(), time,
                parts.train().size(), parts.dev().size());

        Graph g = new Graph();
        Layer.seedGraph(g, a.seed());
        Node tokens = g.placeholder("tokens", DType.I32, Shape.of(-1, time));
        Node mask = g.placeholder("mask", DType.F32, Shape.of(-1, time));
        Embedding embedding = new Embedding(vocab.size(), 16);
        LstmCell cell = new LstmCell(64).forgetBias(1.0);
        Dropout dropout = new Dropout(0.8);
        Dense readout = new Dense(vocab.size());
        Node hidden = new Recurrent(cell).call(embedding.call(tokens), mask);                  // [batch, time, 64]
        Node logits = readout.call(dropout.call(hidden));                                       // [batch, time, V]
        Model model = Model.of(List.of(tokens, mask), List.of(logits));
        Trainer trainer = Trainer.builder(model).loss(SequenceLosses.softmaxCrossEntropy(mask))
                .optimizer(new Adam(0.01).clipByGlobalNorm(5.0)).build();
        System.out.print(model.summary());
        long t0 = System.nanoTime();
        // a small corpus: stop when the held-out loss stops falling and keep the best epoch's weights
        EarlyStopping stop = EarlyStopping.on("dev_loss").patience(3).restoreBest(true);
        History history = trainer.fit(parts.train(), FitOptions.epochs(epochs).batchSize(32).dev(parts.dev())
                .seed(a.seed()).progress(true).callbacks(stop));
        int best = stop.bestEpoch();
        System.out.printf(Locale.ROOT, "trained %d epochs in %.1f s; kept epoch %d: loss %.3f, held-out loss %.3f"
                + " (nats per character; uniform guessing: %.3f)%n", history.size(), (System.nanoTime() - t0) / 1e9,
                best, history.epochLogs(best - 1).get("loss"), history.epochLogs(best - 1).get("dev_loss"),
                Math.log(vocab.size() - 1));

        // one step at a time with the trained weights
        Node token = g.placeholder("token", DType.I32, Shape.of(-1));
        List<Node> stateIn = cell.statePlaceholders("gen");
        List<Node> stateOut = cell.call(embedding.call(token), stateIn);
        Generator gen = new Generator(model.session(), token, stateIn, readout.call(stateOut.get(0)), stateOut);
        Set<String> known = new HashSet<>(names);
        StringBuilder samples = new StringBuilder();
        System.out.println("new names (temperature 0.8):");
        for (int i = 0; i < 15; i++) {
            int[] drawn = gen.generate(new int[] {eos}, 20, eos, 0.8, a.seed() * 1000 + i);
            String name = String.join("", vocab.decode(drawn));
            String line = String.format(Locale.ROOT, "  %-14s %s", name, known.contains(name) ? "(in the corpus)" : "(new)");
            System.out.println(line);
            samples.append(name).append('\n');
        }
        Path curves = Charts.learningCurves(history, null, "character-level LSTM", a.file("charlm-curves.png"), 900, 520);
        Path text = SeqFiles.write(a.file("samples.txt"), samples.toString());
        System.out.println("learning curves: " + curves + "\nsampled names:   " + text);
    }

    static List<String> readNames() {
        List<String> out = new ArrayList<>();
        try (InputStream in = CharLanguageModelDemo.class.getResourceAsStream("names.txt")) {
            if (in == null) {
                throw new IllegalStateException("names.txt is missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
