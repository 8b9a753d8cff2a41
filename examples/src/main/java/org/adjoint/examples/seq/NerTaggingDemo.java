package org.adjoint.examples.seq;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
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
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.layers.Embedding;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.rnn.Bidirectional;
import org.adjoint.nn.rnn.LstmCell;
import org.adjoint.nn.rnn.Recurrent;
import org.adjoint.nn.rnn.SequenceLosses;
import org.adjoint.nn.text.Padding;
import org.adjoint.nn.text.Vocabulary;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.History;
import org.adjoint.nn.train.Trainer;

/**
 * Named-entity tagging: every word of a sentence is tagged 1 if it is part of a person's name and
 * 0 otherwise ("harry potter and hermione granger invented a new spell" → 1 1 0 1 1 0 0 0 0), by
 * a bidirectional LSTM over word embeddings, so each tag sees the words on both sides.
 *
 * <p>The corpus is generated from sentence templates (seeded): people are first names from the
 * bundled names list and surnames; places and months include words that are also first names
 * ("florence", "victoria", "june"), so the context decides. A fifth of the first names appear only
 * in the held-out sentences: the vocabulary (built on the training sentences, words seen at least
 * twice) maps them, and rare training words, to {@code <UNK>}. Reports token-level precision,
 * recall and F1 of the name tag on the held-out sentences, beside a forward-only LSTM tagger of
 * the same size, and writes {@code ner-curves.png} and {@code metrics.txt}. Options:
 * {@code --seed N}, {@code --out DIR}, {@code --quick} (fewer sentences, 1 epoch).
 */
public final class NerTaggingDemo {

    static final String[] SURNAMES = {"potter", "granger", "weasley", "smith", "jones", "brown", "taylor", "wilson",
        "evans", "thomas", "roberts", "walker", "wright", "green", "hall", "wood", "clarke", "hughes", "lewis", "baker",
        "fischer", "weber", "meyer", "schulz", "rossi", "russo", "ferrari", "bianchi", "garcia", "lopez", "martin",
        "bernard", "dubois", "moreau", "novak", "kowalski", "nilsson", "larsen", "jensen", "murphy", "kelly", "byrne"};
    static final String[] PLACES = {"london", "paris", "florence", "victoria", "york", "oxford", "berlin", "vienna",
        "madrid", "lisbon", "dublin", "sydney", "geneva", "milan", "prague", "bristol", "jordan", "georgia"};
    static final String[] MONTHS = {"january", "march", "april", "may", "june", "july", "august", "october"};
    static final String[] THINGS = {"spell", "book", "letter", "wand", "map", "key", "cake", "bicycle", "violin",
        "painting", "garden", "ticket", "lamp", "clock"};
    static final String[] ADJECTIVES = {"new", "old", "strange", "small", "famous", "secret", "broken", "golden"};

    /** Words that are first names and places or months: only the context tells which. */
    static final String[] AMBIGUOUS = {"florence", "victoria", "georgia", "jordan", "june", "april", "august", "may"};

    /**
     * Templates: P = a person (a first name, often a surname after it), L = a place, M = a month,
     * N = a thing, A = an adjective. In the first group the deciding words come after an ambiguous
     * sentence-initial word ("victoria was born ..." vs "victoria was founded ..."), which a tagger
     * reading only leftwards cannot see.
     */
    static final String[] TEMPLATES = {
        "P was born in L in M",
        "L was founded centuries ago",
        "P is a A teacher from L",
        "L is a A city near L",
        "P , who lives in L , wrote to P",
        "L , where P lives , is A",
        "P and P invented a A N",
        "P met P in L in M",
        "yesterday P wrote a long letter to P",
        "the teacher asked P about the A N",
        "P bought a A N in L",
        "in L , P found an A N",
        "P said that P would visit L in M",
        "everyone in L knows P",
        "the A N belongs to P",
        "in M the N was stolen from a house in L",
        "P gave the N to P after dinner",
        "a A N arrived from L for P",
        "nobody in L has seen the A N since M",
        "did P really sell the N to P ?",
        "after the match P thanked P and P",
    };

    private NerTaggingDemo() {
    }

    /** A generated sentence: words and their tags. */
    record Tagged(List<String> words, List<Integer> tags) {
    }

    static Tagged sentence(SplittableRandom rnd, List<String> firstNames) {
        String template = TEMPLATES[rnd.nextInt(TEMPLATES.length)];
        List<String> words = new ArrayList<>();
        List<Integer> tags = new ArrayList<>();
        for (String slot : template.split(" ")) {
            switch (slot) {
                case "P":
                    words.add(rnd.nextDouble() < 0.15 ? AMBIGUOUS[rnd.nextInt(AMBIGUOUS.length)]
                            : firstNames.get(rnd.nextInt(firstNames.size())));
                    tags.add(1);
                    if (rnd.nextDouble() < 0.6) {
                        words.add(SURNAMES[rnd.nextInt(SURNAMES.length)]);
                        tags.add(1);
                    }
                    break;
                case "L":
                    words.add(rnd.nextDouble() < 0.3 ? AMBIGUOUS[rnd.nextInt(4)] : PLACES[rnd.nextInt(PLACES.length)]);
                    tags.add(0);
                    break;
                case "M":
                    words.add(MONTHS[rnd.nextInt(MONTHS.length)]);
                    tags.add(0);
                    break;
                case "N":
                    words.add(THINGS[rnd.nextInt(THINGS.length)]);
                    tags.add(0);
                    break;
                case "A":
                    words.add(ADJECTIVES[rnd.nextInt(ADJECTIVES.length)]);
                    tags.add(0);
                    break;
                default:
                    words.add(slot);
                    tags.add(0);
            }
        }
        return new Tagged(words, tags);
    }

    public static void main(String[] args) {
        DemoArgs a = DemoArgs.parse("ner", args);
        int epochs = a.quick() ? 1 : 6;
        SplittableRandom rnd = new SplittableRandom(a.seed());
        List<String> all = new ArrayList<>(CharLanguageModelDemo.readNames());
        for (int i = all.size() - 1; i > 0; i--) {             // seeded shuffle, then hold out a fifth
            java.util.Collections.swap(all, i, rnd.nextInt(i + 1));
        }
        List<String> seen = all.subList(0, all.size() * 4 / 5);
        List<Tagged> train = new ArrayList<>();
        List<Tagged> test = new ArrayList<>();
        for (int i = 0; i < (a.quick() ? 400 : 2000); i++) {
            train.add(sentence(rnd, seen));
        }
        for (int i = 0; i < (a.quick() ? 100 : 400); i++) {
            test.add(sentence(rnd, all));                    // a fifth of these names were never seen
        }
        List<List<String>> trainWords = new ArrayList<>();
        for (Tagged t : train) {
            trainWords.add(t.words());
        }
        Vocabulary vocab = Vocabulary.builder().pad().unknown().minFrequency(2).build(trainWords);
        int time = 0;
        for (Tagged t : train) {
            time = Math.max(time, t.words().size());
        }
        for (Tagged t : test) {
            time = Math.max(time, t.words().size());
        }
        Dataset trainSet = encode(train, vocab, time);
        Dataset testSet = encode(test, vocab, time);
        System.out.printf(Locale.ROOT, "%d training and %d held-out sentences of up to %d words; vocabulary of %d"
                + " words (seen twice or more) plus <PAD> and <UNK>%n", train.size(), test.size(), time, vocab.size() - 2);
        System.out.println("example: " + String.join(" ", train.get(0).words()) + "  ->  " + train.get(0).tags());

        Set<Integer> ambiguous = new HashSet<>();
        for (String w : AMBIGUOUS) {
            ambiguous.add(vocab.index(w));
        }
        Result bi = train("bidirectional LSTM", true, trainSet, testSet, vocab, ambiguous, time, a, epochs);
        Result fwd = train("forward-only LSTM (for comparison)", false, trainSet, testSet, vocab, ambiguous, time, a,
                epochs);
        System.out.println("held-out examples ([name] as tagged by the bidirectional tagger):");
        for (int s = 0; s < 8; s++) {
            StringBuilder sb = new StringBuilder("  ");
            List<String> words = test.get(s).words();
            for (int t = 0; t < words.size(); t++) {
                sb.append(bi.isName(s * time + t) ? "[" + words.get(t) + "]" : words.get(t)).append(' ');
            }
            System.out.println(sb.toString().stripTrailing());
        }
        List<org.jfree.chart.JFreeChart> panels = new ArrayList<>(Charts.learningCurvePanels(bi.history, null,
                "bidirectional LSTM"));
        panels.addAll(Charts.learningCurvePanels(fwd.history, null, "forward-only LSTM"));
        Path curves = Charts.saveGrid(panels, 2, a.file("ner-curves.png"), 1200, 520);
        Path metrics = SeqFiles.write(a.file("metrics.txt"), bi.report + fwd.report);
        System.out.println("learning curves: " + curves + "\nmetrics:         " + metrics);
    }

    /** A trained tagger's held-out predictions and report. */
    private record Result(Tensor logits, History history, String report) {
        boolean isName(int token) {
            return logits.getDouble(2 * token + 1) > logits.getDouble(2 * token);
        }
    }

    /** Trains a tagger and reports token-level precision, recall and F1 of the name tag on the held-out set. */
    private static Result train(String title, boolean bidirectional, Dataset trainSet, Dataset testSet, Vocabulary vocab,
                                Set<Integer> ambiguous, int time, DemoArgs a, int epochs) {
        System.out.println("== " + title);
        Graph g = new Graph();
        Layer.seedGraph(g, a.seed());
        Node tokens = g.placeholder("tokens", DType.I32, Shape.of(-1, time));
        Node mask = g.placeholder("mask", DType.F32, Shape.of(-1, time));
        Node embedded = new Embedding(vocab.size(), 32).call(tokens);
        Node states = bidirectional
                ? new Bidirectional(new LstmCell(32), new LstmCell(32)).call(embedded, mask)   // [batch, time, 64]
                : new Recurrent(new LstmCell(64)).call(embedded, mask);                     // [batch, time, 64]
        Node logits = new Dense(2).call(states);                                            // [batch, time, 2]
        Model model = Model.of(List.of(tokens, mask), List.of(logits));
        Trainer trainer = Trainer.builder(model).loss(SequenceLosses.softmaxCrossEntropy(mask))
                .optimizer(new Adam(0.01).clipByGlobalNorm(5.0)).build();
        long t0 = System.nanoTime();
        History history = trainer.fit(trainSet, FitOptions.epochs(epochs).batchSize(50).dev(testSet).seed(a.seed())
                .progress(true));
        double seconds = (System.nanoTime() - t0) / 1e9;

        Result r = new Result(trainer.predict(testSet, 200), history, "");
        int[] counts = new int[6];          // tp, fp, fn overall; then for ambiguous words
        int unseenTp = 0;
        int unseenNames = 0;
        int[] ix = testSet.column("tokens").ints();
        Tensor m = testSet.column("mask");
        int[] gold = testSet.labels().ints();
        for (int i = 0; i < gold.length; i++) {
            if (m.getDouble(i) == 0) {
                continue;
            }
            boolean predicted = r.isName(i);
            boolean truth = gold[i] == 1;
            for (int k : ambiguous.contains(ix[i]) ? new int[] {0, 3} : new int[] {0}) {
                counts[k] += predicted && truth ? 1 : 0;
                counts[k + 1] += predicted && !truth ? 1 : 0;
                counts[k + 2] += !predicted && truth ? 1 : 0;
            }
            if (truth && ix[i] == vocab.unknownIndex()) {
                unseenNames++;
                unseenTp += predicted ? 1 : 0;
            }
        }
        String report = String.format(Locale.ROOT, "%s, %d epochs in %.1f s, held-out tokens tagged 'name':%n"
                + "  all words:       %s%n  ambiguous words: %s%n  names never seen in training (<UNK>): %d of %d found%n",
                title, history.size(), seconds, prf(counts, 0), prf(counts, 3), unseenTp, unseenNames);
        System.out.print(report);
        return new Result(r.logits(), history, report);
    }

    /** "precision p  recall r  F1 f  (tp, fp, fn)" from counts at {@code k}. */
    private static String prf(int[] c, int k) {
        double precision = c[k] / (double) Math.max(1, c[k] + c[k + 1]);
        double recall = c[k] / (double) Math.max(1, c[k] + c[k + 2]);
        double f1 = 2 * precision * recall / Math.max(1e-12, precision + recall);
        return String.format(Locale.ROOT, "precision %.3f  recall %.3f  F1 %.3f  (tp %d, fp %d, fn %d)", precision,
                recall, f1, c[k], c[k + 1], c[k + 2]);
    }

    /** Token indices, mask and tags, padded to {@code time}. */
    static Dataset encode(List<Tagged> sentences, Vocabulary vocab, int time) {
        List<int[]> ids = new ArrayList<>();
        List<int[]> tags = new ArrayList<>();
        for (Tagged t : sentences) {
            ids.add(vocab.encode(t.words()));
            tags.add(t.tags().stream().mapToInt(Integer::intValue).toArray());
        }
        Padding x = Padding.of(ids, time, vocab.padIndex());
        Padding y = Padding.of(tags, time, 0);
        Map<String, Tensor> columns = new LinkedHashMap<>();
        columns.put("tokens", x.indices());
        columns.put("mask", x.mask());
        columns.put(Dataset.LABELS, y.indices());
        return Dataset.of(columns);
    }
}
