package org.adjoint.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.adjoint.graph.Shape;
import org.adjoint.nn.Layer;
import org.adjoint.nn.Sequential;
import org.adjoint.nn.charts.Charts;
import org.adjoint.nn.charts.LineChart;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.diagnosis.BiasVariance;
import org.adjoint.nn.init.Initializer;
import org.adjoint.nn.layers.Activation;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.layers.Dropout;
import org.adjoint.nn.losses.Losses;
import org.adjoint.nn.losses.Regularizer;
import org.adjoint.nn.losses.Regularizers;
import org.adjoint.nn.metrics.Metrics;
import org.adjoint.nn.metrics.Predictions;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.train.EarlyStopping;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.History;
import org.adjoint.nn.train.Trainer;
import org.jfree.chart.JFreeChart;

/**
 * Regularization: a big network (2 → 128 → 128 → 1) on a small, noisy training set (80 points of
 * two moons) fits it almost perfectly and does much worse on the dev set: high variance. Then the
 * same network with L2, with dropout and with early stopping; a table of train/dev error and the
 * diagnosis line for each (the human-level error is proxied by a network trained on plenty of
 * data), the cost curves and the decision boundaries.
 */
public final class RegularizationDemo {

    private static final double NOISE = 0.25;
    private static final int UNITS = 128;

    private RegularizationDemo() {
    }

    private record Variant(String name, Regularizer regularizer, double keep, boolean earlyStopping) {
    }

    public static void main(String[] args) {
        DemoArgs a = DemoArgs.parse("regularization", args);
        long start = System.nanoTime();
        Dataset train = Toy.moons(80, NOISE, a.seed());
        Dataset dev = Toy.moons(500, NOISE, a.seed() + 1000);
        int epochs = a.quick() ? 3 : 400;
        System.out.printf("noisy two moons: %d training points, %d dev points (seed %d); network 2 -> %d relu -> %d relu"
                + " -> 1 (He), Adam lr 0.01, mini-batches of 32, up to %d epochs%n", train.size(), dev.size(), a.seed(),
                UNITS, UNITS, epochs);
        double bayes = bayesProxy(dev, a.seed(), a.quick());
        System.out.printf(Locale.ROOT, "Bayes-error proxy (the error a network trained on 5,000 points makes on the dev"
                + " set; the noise makes some points ambiguous): %.2f%%%n", 100 * bayes);
        List<Variant> variants = List.of(
                new Variant("no regularization", null, 1.0, false),
                new Variant("L2 (lambda 0.3)", Regularizers.l2(0.3), 1.0, false),
                new Variant("dropout (keep 0.5)", null, 0.5, false),
                new Variant("early stopping (dev loss, patience 40)", null, 1.0, true));
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-40s %7s %11s %9s  %s%n", "variant",
                "epochs", "train error", "dev error", "diagnosis"));
        List<JFreeChart> panels = new ArrayList<>();
        List<JFreeChart> boundaries = new ArrayList<>();
        for (Variant v : variants) {
            Trainer t = trainer(v, a.seed());
            FitOptions options = FitOptions.epochs(epochs).batchSize(32).dev(dev).seed(a.seed());
            if (v.earlyStopping()) {
                options.callbacks(EarlyStopping.on("dev_loss").patience(40));
            }
            History h = t.fit(train, options);
            double trainErr = 1 - t.evaluate(train).get("accuracy");
            double devErr = 1 - t.evaluate(dev).get("accuracy");
            String line = BiasVariance.errors(trainErr, devErr).humanLevel(bayes).report().line();
            table.append(String.format(Locale.ROOT, "%-40s %7d %10.2f%% %8.2f%%  %s%n", v.name(), h.size(), 100 * trainErr,
                    100 * devErr, line));
            System.out.printf(Locale.ROOT, "  trained: %-40s (%d epochs)%n", v.name(), h.size());
            panels.add(LineChart.titled(v.name()).xLabel("epoch").yLabel("cost (data loss)").logY(true)
                    .series("train", h.series("loss")).series("dev", h.series("dev_loss")).build());
            boundaries.add(Charts.decisionBoundary(String.format(Locale.ROOT, "%s: train %.1f%%, dev %.1f%% error",
                    v.name(), 100 * trainErr, 100 * devErr), train.features(), PlanarDemo.labelsOf(train),
                    x -> Predictions.classes(t, x), 120));
        }
        System.out.println();
        System.out.print(table);
        Path png = Charts.saveGrid(panels, 2, a.file("regularization-costs.png"), 1200, 900);
        Path regions = Charts.saveGrid(boundaries, 2, a.file("regularization-boundaries.png"), 1300, 1100);
        System.out.println("\ncost curves:         " + png + "\ndecision boundaries: " + regions);
        System.out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** The dev error of a network trained on plenty of data from the same distribution. */
    private static double bayesProxy(Dataset dev, long seed, boolean quick) {
        Dataset big = Toy.moons(5000, NOISE, seed + 2000);
        Sequential model = Sequential.builder(Shape.of(2)).seed(seed)
                .add(new Dense(32, Activation.relu()).kernelInit(Initializer.he()),
                        new Dense(32, Activation.relu()).kernelInit(Initializer.he()), new Dense(1))
                .build();
        Trainer t = Trainer.builder(model).loss(Losses.binaryCrossEntropyWithLogits()).optimizer(new Adam(0.01))
                .metrics(Metrics.accuracy()).build();
        t.fit(big, FitOptions.epochs(quick ? 1 : 20).batchSize(128).seed(seed));
        return 1 - t.evaluate(dev).get("accuracy");
    }

    private static Trainer trainer(Variant v, long seed) {
        List<Layer> layers = new ArrayList<>();
        layers.add(new Dense(UNITS, Activation.relu()).kernelInit(Initializer.he()));
        if (v.keep() < 1) {
            layers.add(new Dropout(v.keep()));
        }
        layers.add(new Dense(UNITS, Activation.relu()).kernelInit(Initializer.he()));
        if (v.keep() < 1) {
            layers.add(new Dropout(v.keep()));
        }
        layers.add(new Dense(1).kernelInit(Initializer.he()));
        Sequential model = Sequential.builder(Shape.of(2)).seed(seed).add(layers.toArray(new Layer[0]))
                .build();
        Trainer.Builder b = Trainer.builder(model).loss(Losses.binaryCrossEntropyWithLogits()).optimizer(new Adam(0.01))
                .metrics(Metrics.accuracy());
        if (v.regularizer() != null) {
            b.regularizer(v.regularizer());
        }
        return b.build();
    }
}
