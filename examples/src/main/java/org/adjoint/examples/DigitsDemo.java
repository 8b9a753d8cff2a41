package org.adjoint.examples;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.adjoint.autodiff.GradCheck;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.RunMode;
import org.adjoint.graph.Shape;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.nn.Sequential;
import org.adjoint.nn.charts.Charts;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.data.Split;
import org.adjoint.nn.diagnosis.BiasVariance;
import org.adjoint.nn.init.Initializer;
import org.adjoint.nn.layers.Activation;
import org.adjoint.nn.layers.BatchNorm;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.layers.Dropout;
import org.adjoint.nn.losses.Losses;
import org.adjoint.nn.losses.Regularizers;
import org.adjoint.nn.metrics.ClassificationMetrics;
import org.adjoint.nn.metrics.ConfusionMatrix;
import org.adjoint.nn.metrics.Metrics;
import org.adjoint.nn.metrics.Predictions;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.History;
import org.adjoint.nn.train.Trainer;

/**
 * The main demo: a deep network on the bundled handwritten digits. Stratified 70/15/15 split,
 * inputs standardized on the training set, He initialization, batch norm, dropout and L2, Adam;
 * per-epoch train/dev cost with a progress bar, a learning-curve chart, the test confusion
 * matrix with precision/recall/F1, the bias/variance diagnosis, test accuracy, and finally a
 * gradient check of the same model (dropout and batch norm in training mode) on a mini-batch.
 */
public final class DigitsDemo {

    private DigitsDemo() {
    }

    public static void main(String[] args) {
        DemoArgs a = DemoArgs.parse("digits", args);
        long start = System.nanoTime();
        System.out.printf("Adjoint digits demo (seed %d, kernels %s)%n", a.seed(), KernelProvider.get().name());

        Dataset all = Digits.load();
        Split.Parts parts = Digits.split(all, a.seed());
        Dataset train = parts.train();
        Dataset dev = parts.dev();
        Dataset test = parts.test();
        System.out.printf("data: %d images of 8x8 pixels, 10 classes; stratified split train %d / dev %d / test %d;"
                + " standardized with the training set's mean and std, clipped to [-3, 3]%n", all.size(), train.size(), dev.size(),
                test.size());

        Sequential model = network(a.seed());
        System.out.println("model: 64 -> [dense 256 (He) -> batch norm -> relu -> dropout 0.8] -> [dense 64 (He)"
                + " -> batch norm -> relu -> dropout 0.8] -> dense 10 (softmax)");
        System.out.print(model.summary());
        Trainer trainer = Trainer.builder(model)
                .loss(Losses.softmaxCrossEntropy())
                .optimizer(new Adam(0.003))
                .regularizer(Regularizers.l2(1e-3))
                .metrics(Metrics.accuracy(), ClassificationMetrics.macroF1(Digits.CLASSES))
                .build();
        int epochs = a.quick() ? 3 : 40;
        System.out.printf("training: Adam lr 0.003, L2 lambda 1e-3, mini-batches of 32, %d epochs%n", epochs);
        History h = trainer.fit(train, FitOptions.epochs(epochs).batchSize(32).dev(dev).seed(a.seed())
                .progress(true));

        Path curves = Charts.learningCurves(h, "accuracy", "digits MLP", a.file("learning-curves.png"), 1200, 480);

        Map<String, Double> trainEval = trainer.evaluate(train);
        Map<String, Double> devEval = trainer.evaluate(dev);
        Map<String, Double> testEval = trainer.evaluate(test);
        System.out.printf(Locale.ROOT, "%nevaluation mode (dropout off, batch-norm running statistics):%n");
        System.out.printf(Locale.ROOT, "  train  cost %.4f  accuracy %.4f%n", trainEval.get("loss"),
                trainEval.get("accuracy"));
        System.out.printf(Locale.ROOT, "  dev    cost %.4f  accuracy %.4f%n", devEval.get("loss"), devEval.get("accuracy"));
        System.out.printf(Locale.ROOT, "  test   cost %.4f  accuracy %.4f%n", testEval.get("loss"),
                testEval.get("accuracy"));

        ConfusionMatrix cm = ConfusionMatrix.of(Predictions.classes(trainer, test.features()),
                test.labels().ints(), Digits.CLASSES);
        System.out.printf("%ntest confusion matrix (rows: actual digit, columns: predicted digit):%n%s", cm.table());
        System.out.printf("%ntest precision / recall / F1 per digit:%n%s", cm.report());

        BiasVariance.Report diagnosis = BiasVariance.accuracies(trainEval.get("accuracy"), devEval.get("accuracy"))
                .test(1 - testEval.get("accuracy")).report();
        System.out.printf("%nbias/variance diagnosis:%n%s", diagnosis);

        gradCheck(model, trainer, train);

        System.out.printf(Locale.ROOT, "%nfinal test accuracy %.4f%n", testEval.get("accuracy"));
        System.out.println("learning curves: " + curves);
        System.out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** The deep network: two hidden blocks of dense (He) → batch norm → relu → dropout, then 10 logits. */
    static Sequential network(long seed) {
        return Sequential.builder(Shape.of(Digits.PIXELS)).seed(seed)
                .add(new Dense(256).kernelInit(Initializer.he()).noBias(), new BatchNorm(), Activation.relu(),
                        new Dropout(0.8),
                        new Dense(64).kernelInit(Initializer.he()).noBias(), new BatchNorm(), Activation.relu(),
                        new Dropout(0.8),
                        new Dense(Digits.CLASSES).kernelInit(Initializer.he()))
                .build();
    }

    /** Backprop vs F64 central differences on one mini-batch, in training mode (a fixed dropout mask). */
    static void gradCheck(Sequential model, Trainer trainer, Dataset train) {
        Dataset batch = train.slice(0, 16);
        GradCheck.Report r = GradCheck.of(trainer.cost()).wrt(model.parameters().nodes())
                .feeds(Feeds.of(model.input(), batch.features(), trainer.labels(), batch.labels()))
                .runMode(RunMode.TRAIN).randomStep(12345).projections(5).run();
        System.out.printf("%ngradient check of the trained model on a mini-batch of %d (cost = data loss + L2; "
                + "dropout mask held fixed; batch norm on batch statistics):%n  %s%n", batch.size(), r);
    }
}
