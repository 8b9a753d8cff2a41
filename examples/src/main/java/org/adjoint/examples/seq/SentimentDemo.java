package org.adjoint.examples.seq;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.adjoint.graph.DType;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Layer;
import org.adjoint.examples.DemoArgs;
import org.adjoint.nn.Model;
import org.adjoint.nn.charts.LineChart;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.layers.Embedding;
import org.adjoint.nn.losses.Losses;
import org.adjoint.nn.metrics.Metrics;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.rnn.GruCell;
import org.adjoint.nn.rnn.LstmCell;
import org.adjoint.nn.rnn.Recurrent;
import org.adjoint.nn.rnn.RecurrentCell;
import org.adjoint.nn.rnn.SimpleRnnCell;
import org.adjoint.nn.text.Padding;
import org.adjoint.nn.text.Tokenizer;
import org.adjoint.nn.text.Vocabulary;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.History;
import org.adjoint.nn.train.Trainer;

/**
 * Many-to-one classification: is a short review positive or negative? One recurrent layer reads
 * the words, its state after the last real word feeds a logistic output. The same data and
 * training for a plain RNN, a GRU (the course's full form) and an LSTM.
 *
 * <p>The reviews are generated (seeded): an opinion ("the plot was not very good") with negation
 * and intensifiers, a second opinion after "but" that decides ("the acting was great but the
 * ending was dull" is negative), and neutral filler before it or up to three neutral clauses
 * (about 30 words) after it, so the deciding words may lie far from the end of the sentence: the
 * state must carry them. Reports held-out accuracy per cell and draws it by epoch
 * ({@code sentiment-accuracy.png}). Options: {@code --seed N}, {@code --out DIR}, {@code --quick}.
 */
public final class SentimentDemo {

    static final String[] SUBJECTS = {"movie", "film", "plot", "acting", "music", "ending", "story", "book", "cast",
        "dialogue"};
    static final String[] POSITIVE = {"good", "great", "wonderful", "excellent", "lovely", "brilliant", "enjoyable",
        "moving", "clever", "funny"};
    static final String[] NEGATIVE = {"bad", "awful", "terrible", "boring", "dull", "poor", "weak", "clumsy", "tedious",
        "silly"};
    static final String[] INTENSIFIERS = {"very", "really", "quite", "rather", "truly"};
    static final String[] FILLER = {"i watched it with my sister on a rainy sunday", "we saw it last week at the old cinema",
        "my friends had told me about it", "it was the first time i went there", "the popcorn was cold",
        "we arrived a little late", "it is two hours long", "the theatre was almost full",
        "i read the reviews afterwards", "it came out last spring"};

    private SentimentDemo() {
    }

    /** A review and its label (1 = positive). */
    record Review(String text, int label) {
    }

    /** "the plot was [not] [very] good": its polarity (1 positive, 0 negative) after negation. */
    static String opinion(SplittableRandom rnd, int[] polarity) {
        boolean positiveWord = rnd.nextBoolean();
        boolean negated = rnd.nextDouble() < 0.3;
        StringBuilder sb = new StringBuilder("the ").append(SUBJECTS[rnd.nextInt(SUBJECTS.length)]).append(" was ");
        if (negated) {
            sb.append("not ");
        }
        if (rnd.nextDouble() < 0.4) {
            sb.append(INTENSIFIERS[rnd.nextInt(INTENSIFIERS.length)]).append(' ');
        }
        sb.append(positiveWord ? POSITIVE[rnd.nextInt(POSITIVE.length)] : NEGATIVE[rnd.nextInt(NEGATIVE.length)]);
        polarity[0] = positiveWord != negated ? 1 : 0;
        return sb.toString();
    }

    static Review review(SplittableRandom rnd) {
        int[] p = new int[1];
        String text = opinion(rnd, p);
        int label = p[0];
        if (rnd.nextDouble() < 0.35) {              // a second opinion after "but" decides
            text = text + " but " + opinion(rnd, p);
            label = p[0];
        }
        double r = rnd.nextDouble();
        String after = "";
        if (r < 0.6) {                               // the opinion first, then up to three neutral clauses
            after = filler(rnd, 1 + rnd.nextInt(3));
        } else if (r < 0.8) {
            text = FILLER[rnd.nextInt(FILLER.length)] + " and " + text;
        }
        return new Review(text + after, label);
    }

    static String filler(SplittableRandom rnd, int clauses) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < clauses; i++) {
            sb.append(i == 0 ? " and " : " , ").append(FILLER[rnd.nextInt(FILLER.length)]);
        }
        return sb.toString();
    }

    public static void main(String[] args) {
        DemoArgs a = DemoArgs.parse("sentiment", args);
        int epochs = a.quick() ? 1 : 5;
        SplittableRandom rnd = new SplittableRandom(a.seed());
        List<Review> train = new ArrayList<>();
        List<Review> test = new ArrayList<>();
        for (int i = 0; i < (a.quick() ? 600 : 3000); i++) {
            train.add(review(rnd));
        }
        for (int i = 0; i < (a.quick() ? 150 : 600); i++) {
            test.add(review(rnd));
        }
        Tokenizer words = Tokenizer.words();
        List<List<String>> corpus = new ArrayList<>();
        for (Review r : train) {
            corpus.add(words.tokenize(r.text()));
        }
        Vocabulary vocab = Vocabulary.builder().pad().unknown().build(corpus);
        int time = 0;
        for (List<String> c : corpus) {
            time = Math.max(time, c.size());
        }
        Dataset trainSet = encode(train, vocab, words, time);
        Dataset testSet = encode(test, vocab, words, time);
        System.out.printf(Locale.ROOT, "%d training and %d held-out reviews of up to %d words, vocabulary of %d%n",
                train.size(), test.size(), time, vocab.size());
        for (int i = 0; i < 3; i++) {
            System.out.println("  " + (train.get(i).label() == 1 ? "positive: " : "negative: ") + train.get(i).text());
        }

        Map<String, Supplier<RecurrentCell>> cells = new LinkedHashMap<>();
        cells.put("RNN (tanh)", () -> new SimpleRnnCell(32));
        cells.put("GRU (full)", () -> GruCell.full(32));
        cells.put("LSTM", () -> new LstmCell(32).forgetBias(1.0));
        StringBuilder report = new StringBuilder();
        LineChart accuracy = LineChart.titled("many-to-one sentiment: held-out accuracy").xLabel("epoch")
                .yLabel("accuracy");
        for (Map.Entry<String, Supplier<RecurrentCell>> e : cells.entrySet()) {
            System.out.println("== " + e.getKey());
            Graph g = new Graph();
            Layer.seedGraph(g, a.seed());
            Node tokens = g.placeholder("tokens", DType.I32, Shape.of(-1, time));
            Node mask = g.placeholder("mask", DType.F32, Shape.of(-1, time));
            Node embedded = new Embedding(vocab.size(), 16).call(tokens);
            Node state = new Recurrent(e.getValue().get()).returnSequences(false).call(embedded, mask);   // [batch, 32]
            Node logit = new Dense(1).call(state);
            Model model = Model.of(List.of(tokens, mask), List.of(logit));
            Trainer trainer = Trainer.builder(model).loss(Losses.binaryCrossEntropyWithLogits())
                    .optimizer(new Adam(0.01).clipByGlobalNorm(5.0)).metrics(Metrics.accuracy()).build();
            long t0 = System.nanoTime();
            History last = trainer.fit(trainSet, FitOptions.epochs(epochs).batchSize(64).dev(testSet).seed(a.seed())
                    .progress(true));
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> result = trainer.evaluate(testSet);
            double[] byEpoch = last.series("dev_accuracy");
            accuracy.series(e.getKey(), last.epochs().stream().mapToDouble(Integer::doubleValue).toArray(), byEpoch);
            StringBuilder curve = new StringBuilder();
            for (double v : byEpoch) {
                curve.append(String.format(Locale.ROOT, " %.3f", v));
            }
            String line = String.format(Locale.ROOT, "%-11s held-out accuracy %.3f  (by epoch:%s)  %d parameters,"
                    + " %.1f s%n", e.getKey(), result.get("accuracy"), curve, model.parameters().elementCount(), seconds);
            report.append(line);
        }
        System.out.println("== many-to-one sentiment, " + epochs + " epoch(s) each:");
        System.out.print(report);
        Path chart = accuracy.save(a.file("sentiment-accuracy.png"), 900, 520);
        Path results = SeqFiles.write(a.file("results.txt"), report.toString());
        System.out.println("held-out accuracy by epoch: " + chart + "\nresults:                    " + results);
    }

    static Dataset encode(List<Review> reviews, Vocabulary vocab, Tokenizer words, int time) {
        List<int[]> ids = new ArrayList<>();
        float[] labels = new float[reviews.size()];
        for (int i = 0; i < reviews.size(); i++) {
            ids.add(vocab.encode(words.tokenize(reviews.get(i).text())));
            labels[i] = reviews.get(i).label();
        }
        Padding x = Padding.of(ids, time, vocab.padIndex());
        Map<String, Tensor> columns = new LinkedHashMap<>();
        columns.put("tokens", x.indices());
        columns.put("mask", x.mask());
        columns.put(Dataset.LABELS, Tensor.of(labels, reviews.size(), 1));
        return Dataset.of(columns);
    }
}
