package org.adjoint.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Layer;
import org.adjoint.nn.Sequential;
import org.adjoint.nn.charts.Charts;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.layers.Activation;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.losses.Losses;
import org.adjoint.nn.metrics.Metrics;
import org.adjoint.nn.metrics.Predictions;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.Trainer;
import org.jfree.chart.JFreeChart;

/**
 * The planar "flower": two classes of 2-D points on the petals of a rose curve, which no straight
 * line separates. Logistic regression fails; a network with one tanh hidden layer solves it.
 * Decision-boundary charts for both, then hidden layers of 1, 2, 3, 4, 5, 20 and 50 units
 * compared (too few units underfit; many fit the training points more closely).
 */
public final class PlanarDemo {

    private static final int[] HIDDEN = {1, 2, 3, 4, 5, 20, 50};

    private PlanarDemo() {
    }

    public static void main(String[] args) {
        DemoArgs a = DemoArgs.parse("planar", args);
        long start = System.nanoTime();
        Dataset data = flower(400, a.seed());
        int[] labels = labelsOf(data);
        int epochs = a.quick() ? 5 : 300;
        System.out.printf("planar flower: %d points, 2 classes (seed %d); full-batch Adam lr 0.05, %d epochs each%n",
                data.size(), a.seed(), epochs);

        Trainer logistic = train(data, epochs, a.seed(), new Dense(1));
        double logisticAcc = logistic.evaluate(data).get("accuracy");
        Path logisticPng = Charts.save(Charts.decisionBoundary(String.format(Locale.ROOT,
                "logistic regression: accuracy %.1f%%", 100 * logisticAcc), data.features(), labels,
                x -> Predictions.classes(logistic, x), 150), a.file("logistic-regression.png"), 700, 600);
        System.out.printf(Locale.ROOT, "logistic regression            accuracy %.4f  (a straight line: about half the"
                + " flower on each side)%n", logisticAcc);

        Trainer tanh4 = train(data, epochs, a.seed(), new Dense(4, Activation.tanh()), new Dense(1));
        double tanh4Acc = tanh4.evaluate(data).get("accuracy");
        Path tanhPng = Charts.save(Charts.decisionBoundary(String.format(Locale.ROOT,
                "one hidden layer, 4 tanh units: accuracy %.1f%%", 100 * tanh4Acc), data.features(), labels,
                x -> Predictions.classes(tanh4, x), 150), a.file("hidden-4-tanh.png"), 700, 600);
        System.out.printf(Locale.ROOT, "one hidden layer of 4 tanh     accuracy %.4f%n", tanh4Acc);

        System.out.println("\nhidden layer size vs accuracy (training points):");
        List<JFreeChart> panels = new ArrayList<>();
        for (int h : HIDDEN) {
            Trainer t = train(data, epochs, a.seed(), new Dense(h, Activation.tanh()), new Dense(1));
            double acc = t.evaluate(data).get("accuracy");
            System.out.printf(Locale.ROOT, "  %2d hidden unit%s  accuracy %.4f%n", h, h == 1 ? " " : "s", acc);
            panels.add(Charts.decisionBoundary(String.format(Locale.ROOT, "%d hidden unit%s: %.1f%%", h, h == 1 ? "" : "s", 100 * acc),
                    data.features(), labels, x -> Predictions.classes(t, x), 80));
        }
        Path grid = Charts.saveGrid(panels, 4, a.file("hidden-sizes.png"), 1600, 820);

        System.out.println("\ndecision boundaries: " + logisticPng + "\n                     " + tanhPng
                + "\nhidden sizes:        " + grid);
        System.out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** The layers ending in one logit, trained with binary cross-entropy on full batches. */
    private static Trainer train(Dataset data, int epochs, long seed, Layer... layers) {
        Sequential model = Sequential.builder(Shape.of(2)).seed(seed).add(layers).build();
        Trainer t = Trainer.builder(model).loss(Losses.binaryCrossEntropyWithLogits()).optimizer(new Adam(0.05))
                .metrics(Metrics.accuracy()).build();
        t.fit(data, FitOptions.epochs(epochs).batchSize(data.size()).seed(seed));
        return t;
    }

    /**
     * The course's flower: for class j, angles t from 3.12·j to 3.12·(j + 1) plus noise, radius
     * r = 4·sin(4t) plus noise, points (r·sin t, r·cos t). Labels F32 [N, 1].
     */
    static Dataset flower(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[2 * n];
        float[] y = new float[n];
        int perClass = n / 2;
        for (int i = 0; i < n; i++) {
            int j = i < perClass ? 0 : 1;
            int k = i - j * perClass;
            double t = j * 3.12 + 3.12 * k / (perClass - 1) + 0.2 * gaussian(rnd);
            double r = 4 * Math.sin(4 * t) + 0.2 * gaussian(rnd);
            x[2 * i] = (float) (r * Math.sin(t));
            x[2 * i + 1] = (float) (r * Math.cos(t));
            y[i] = j;
        }
        return Dataset.of(Tensor.of(x, n, 2), Tensor.of(y, n, 1));
    }

    static int[] labelsOf(Dataset d) {
        int[] out = new int[d.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) d.labels().getDouble(i);
        }
        return out;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
