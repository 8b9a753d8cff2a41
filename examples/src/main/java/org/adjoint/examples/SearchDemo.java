package org.adjoint.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Sequential;
import org.adjoint.nn.charts.Charts;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.data.Split;
import org.adjoint.nn.ensemble.Ensemble;
import org.adjoint.nn.init.Initializer;
import org.adjoint.nn.layers.Activation;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.layers.Dropout;
import org.adjoint.nn.losses.Losses;
import org.adjoint.nn.metrics.ConfusionMatrix;
import org.adjoint.nn.metrics.Metrics;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.search.Params;
import org.adjoint.nn.search.RandomSearch;
import org.adjoint.nn.search.SearchResults;
import org.adjoint.nn.search.SearchSpace;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.Trainer;

/**
 * Hyperparameter search on the digits: 20 random trials (learning rate 10^U(-4, 0), Adam's β1 as
 * 1 − 10^U(-3, -1), hidden units log-uniform in [16, 256], dropout keep probability), run in
 * parallel on the available cores, ranked by dev accuracy and written as CSV; a chart of dev
 * accuracy against the learning rate; the zoomed (coarse-to-fine) space for a next round; the best
 * configuration retrained on the training set with five seeds and evaluated on test, alone and
 * as an ensemble of the five.
 */
public final class SearchDemo {

    private SearchDemo() {
    }

    public static void main(String[] args) {
        DemoArgs a = DemoArgs.parse("search", args);
        long start = System.nanoTime();
        Split.Parts parts = Digits.split(Digits.load(), a.seed());
        Dataset train = parts.train();
        Dataset dev = parts.dev();
        Dataset test = parts.test();
        int epochs = a.quick() ? 1 : 12;
        int trials = a.quick() ? 4 : 20;
        SearchSpace space = SearchSpace.builder()
                .logUniform("lr", 1e-4, 1)
                .oneMinusLogUniform("beta1", 0.9, 0.999)
                .intLogUniform("hidden", 16, 256)
                .uniform("keep", 0.5, 1.0)
                .build();
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf("random search on digits (seed %d): %d trials on %d threads, %d epochs each; space %s%n",
                a.seed(), trials, threads, epochs, space);
        SearchResults results = RandomSearch.over(space).trials(trials).seed(a.seed()).threads(threads)
                .maximize("dev_accuracy")
                .onTrial(t -> System.out.printf(Locale.ROOT, "  trial %2d  %-55s  %s%n", t.index(), t.params(),
                        t.failed() ? "failed: " + t.error()
                                : String.format(Locale.ROOT, "dev accuracy %.4f (%.1f s)", t.metric("dev_accuracy"),
                                        t.seconds())))
                .run((p, seed) -> {
                    Trainer t = trainer(p, seed);
                    t.fit(train, FitOptions.epochs(epochs).batchSize(32).seed(seed));
                    return Map.of("dev_accuracy", t.evaluate(dev).get("accuracy"),
                            "train_accuracy", t.evaluate(train).get("accuracy"));
                });
        System.out.printf("%nranked by dev accuracy (top 10 of %d):%n%s", trials, results.table(10));
        Path csv = a.file("search.csv");
        results.writeCsv(csv);
        Path png = Charts.save(Charts.searchResults(results, "lr", null), a.file("search-lr.png"), 900, 560);
        SearchSpace finer = results.zoom(5, 0.1);
        System.out.println("\ncoarse to fine: the space around the best 5 trials for a next round:\n  " + finer);

        Params best = results.best().params();
        System.out.println("\nbest: " + best + "; retrained with 5 seeds on the training set, evaluated on test:");
        List<Trainer> members = new ArrayList<>();
        for (int k = 0; k < (a.quick() ? 2 : 5); k++) {
            Trainer t = trainer(best, a.seed() * 100 + k);
            t.fit(train, FitOptions.epochs(epochs).batchSize(32).seed(a.seed() * 100 + k));
            members.add(t);
            System.out.printf(Locale.ROOT, "  seed %d: dev accuracy %.4f  test accuracy %.4f%n", a.seed() * 100 + k,
                    t.evaluate(dev).get("accuracy"), t.evaluate(test).get("accuracy"));
        }
        Ensemble ensemble = Ensemble.ofTrainers(members);
        double devAcc = accuracy(ensemble.predict(dev.features()), dev);
        double testAcc = accuracy(ensemble.predict(test.features()), test);
        System.out.printf(Locale.ROOT, "  ensemble of %d (averaged probabilities): dev accuracy %.4f  test accuracy"
                + " %.4f%n", ensemble.size(), devAcc, testAcc);
        System.out.println("\nresults CSV: " + csv + "\nchart:       " + png);
        System.out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private static double accuracy(Tensor probabilities, Dataset d) {
        return ConfusionMatrix.of(probabilities, d.labels(), Digits.CLASSES).accuracy();
    }

    /** 64 → hidden relu (He) → dropout → 10, Adam(lr, β1). */
    static Trainer trainer(Params p, long seed) {
        Sequential model = Sequential.builder(Shape.of(Digits.PIXELS)).seed(seed)
                .add(new Dense(p.getInt("hidden"), Activation.relu()).kernelInit(Initializer.he()),
                        new Dropout(p.get("keep")), new Dense(Digits.CLASSES).kernelInit(Initializer.he()))
                .build();
        return Trainer.builder(model).loss(Losses.softmaxCrossEntropy())
                .optimizer(new Adam(p.get("lr"), p.get("beta1"), 0.999, 1e-8)).metrics(Metrics.accuracy()).build();
    }
}
