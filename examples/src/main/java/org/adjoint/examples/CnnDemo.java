package org.adjoint.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.adjoint.autodiff.GradCheck;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.RunMode;
import org.adjoint.graph.Shape;
import org.adjoint.nn.Sequential;
import org.adjoint.nn.charts.Charts;
import org.adjoint.nn.charts.LineChart;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.data.Split;
import org.adjoint.nn.layers.Activation;
import org.adjoint.nn.layers.Conv2D;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.layers.Flatten;
import org.adjoint.nn.layers.MaxPool2D;
import org.adjoint.nn.losses.Losses;
import org.adjoint.nn.losses.Regularizers;
import org.adjoint.nn.metrics.ClassificationMetrics;
import org.adjoint.nn.metrics.Metrics;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.History;
import org.adjoint.nn.train.Trainer;

/**
 * A small convolutional network on the 8x8 digit images (NCHW [N, 1, 8, 8]): conv 3x3 (8 filters,
 * same padding) → relu → max pool 2 → conv 3x3 (16 filters) → relu → max pool 2 → dense 10. A
 * gradient check of the whole network on a mini-batch, then a comparison with the main demo's MLP
 * on the same split.
 */
public final class CnnDemo {

    private CnnDemo() {
    }

    public static void main(String[] args) {
        DemoArgs a = DemoArgs.parse("cnn", args);
        long start = System.nanoTime();
        Split.Parts flat = Digits.split(Digits.load(), a.seed());
        Dataset train = Digits.asImages(flat.train());
        Dataset dev = Digits.asImages(flat.dev());
        Dataset test = Digits.asImages(flat.test());
        int epochs = a.quick() ? 2 : 30;

        Sequential cnn = Sequential.builder(Shape.of(1, Digits.SIDE, Digits.SIDE)).seed(a.seed())
                .add(new Conv2D(8, 3, 1, 1, Activation.relu()), new MaxPool2D(2),
                        new Conv2D(16, 3, 1, 1, Activation.relu()), new MaxPool2D(2),
                        new Flatten(), new Dense(Digits.CLASSES))
                .build();
        System.out.printf("digits as images %s; CNN: conv 3x3x8 (same) -> relu -> max pool 2 -> conv 3x3x16 (same)"
                + " -> relu -> max pool 2 -> flatten -> dense 10 (seed %d)%n", train.features().shape(), a.seed());
        System.out.print(cnn.summary());
        Trainer cnnTrainer = Trainer.builder(cnn).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.005))
                .metrics(Metrics.accuracy(), ClassificationMetrics.macroF1(Digits.CLASSES)).build();

        // gradient check of the untrained network on a mini-batch (before training: no dead units yet)
        Dataset batch = train.slice(0, 8);
        GradCheck.Report check = GradCheck.of(cnnTrainer.cost()).wrt(cnn.parameters().nodes())
                .feeds(Feeds.of(cnn.input(), batch.features(), cnnTrainer.labels(), batch.labels()))
                .runMode(RunMode.TRAIN).projections(4)
                .mode(a.quick() ? GradCheck.Mode.PROJECTION : GradCheck.Mode.AUTO).run();
        System.out.printf("gradient check of the CNN on a mini-batch of %d: %s%n%n", batch.size(), check);

        System.out.printf("training the CNN: Adam lr 0.005, mini-batches of 32, %d epochs%n", epochs);
        History hc = cnnTrainer.fit(train, FitOptions.epochs(epochs).batchSize(32).dev(dev).seed(a.seed())
                .progress(true));

        System.out.printf("%ntraining the main demo's MLP (Adam lr 0.003, L2 1e-3) on the same split, %d epochs%n", epochs);
        Sequential mlp = DigitsDemo.network(a.seed());
        Trainer mlpTrainer = Trainer.builder(mlp).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.003))
                .regularizer(Regularizers.l2(1e-3)).metrics(Metrics.accuracy()).build();
        History hm = mlpTrainer.fit(flat.train(), FitOptions.epochs(epochs).batchSize(32).dev(flat.dev())
                .seed(a.seed()));

        System.out.printf(Locale.ROOT, "%n%-5s %12s %8s %8s %8s%n", "model", "parameters", "train", "dev", "test");
        row("CNN", cnn.parameters().elementCount(), cnnTrainer, train, dev, test);
        row("MLP", mlp.parameters().elementCount(), mlpTrainer, flat.train(), flat.dev(), flat.test());

        Path png = Charts.saveGrid(List.of(
                LineChart.titled("dev cost").xLabel("epoch").yLabel("cost").series("CNN", hc.series("dev_loss"))
                        .series("MLP", hm.series("dev_loss")).build(),
                LineChart.titled("dev accuracy").xLabel("epoch").yLabel("accuracy")
                        .series("CNN", hc.series("dev_accuracy")).series("MLP", hm.series("dev_accuracy")).build()),
                2, a.file("cnn-vs-mlp.png"), 1200, 480);
        System.out.println("\ncurves: " + png);
        System.out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private static void row(String name, long params, Trainer t, Dataset train, Dataset dev, Dataset test) {
        System.out.printf(Locale.ROOT, "%-5s %12d %8.4f %8.4f %8.4f%n", name, params, t.evaluate(train).get("accuracy"),
                t.evaluate(dev).get("accuracy"), t.evaluate(test).get("accuracy"));
    }
}
