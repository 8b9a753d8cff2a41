package org.adjoint.examples;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import org.adjoint.graph.Shape;
import org.adjoint.nn.Sequential;
import org.adjoint.nn.charts.LineChart;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.init.Initializer;
import org.adjoint.nn.layers.Activation;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.losses.Losses;
import org.adjoint.nn.metrics.Metrics;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.optim.LearningRateSchedule;
import org.adjoint.nn.optim.Momentum;
import org.adjoint.nn.optim.Optimizer;
import org.adjoint.nn.optim.RmsProp;
import org.adjoint.nn.optim.Sgd;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.History;
import org.adjoint.nn.train.Trainer;

/**
 * Optimizers: the same network (2 → 5 relu → 2 relu → 1, He initialization, the same initial
 * weights) on the same mini-batches of the two-moons data (the same shuffling seed), trained by
 * mini-batch gradient descent, momentum, RMSprop, Adam, and gradient descent with inverse-time
 * learning-rate decay; one chart of the cost curves.
 */
public final class OptimizersDemo {

    private OptimizersDemo() {
    }

    public static void main(String[] args) {
        DemoArgs a = DemoArgs.parse("optimizers", args);
        long start = System.nanoTime();
        Dataset train = Toy.moons(300, 0.15, a.seed());
        Dataset test = Toy.moons(200, 0.15, a.seed() + 1000);
        int epochs = a.quick() ? 3 : 300;
        System.out.printf("two moons: %d training and %d test points (seed %d); network 2 -> 5 relu -> 2 relu -> 1"
                + " (He); mini-batches of 64, %d epochs, the same initial weights and batches for each optimizer%n",
                train.size(), test.size(), a.seed(), epochs);
        String[] names = {"gradient descent (lr 0.05)", "momentum (lr 0.05, beta 0.9)", "RMSprop (lr 0.005)",
            "Adam (lr 0.005)", "GD with decay (0.5 / (1 + 0.05 epoch))"};
        @SuppressWarnings("unchecked")
        Supplier<Optimizer>[] optimizers = new Supplier[] {
            () -> new Sgd(0.05),
            () -> new Momentum(0.05, 0.9),
            () -> new RmsProp(0.005),
            () -> new Adam(0.005),
            () -> new Sgd(0.5).schedule(LearningRateSchedule.inverseTime(0.5, 0.05))
        };
        LineChart chart = LineChart.titled("Cost per epoch on the same mini-batches").xLabel("epoch")
                .yLabel("training cost (mean over the epoch's mini-batches)").logY(true);
        for (int i = 0; i < names.length; i++) {
            Sequential model = Sequential.builder(Shape.of(2)).seed(a.seed())
                    .add(new Dense(5, Activation.relu()).kernelInit(Initializer.he()),
                            new Dense(2, Activation.relu()).kernelInit(Initializer.he()),
                            new Dense(1).kernelInit(Initializer.he()))
                    .build();
            Trainer t = Trainer.builder(model).loss(Losses.binaryCrossEntropyWithLogits())
                    .optimizer(optimizers[i].get()).metrics(Metrics.accuracy()).build();
            History h = t.fit(train, FitOptions.epochs(epochs).batchSize(64).seed(a.seed()));
            double testAcc = t.evaluate(test).get("accuracy");
            System.out.printf(Locale.ROOT, "  %-40s final cost %.4f  train accuracy %.4f  test accuracy %.4f%n",
                    names[i], h.last("loss"), t.evaluate(train).get("accuracy"), testAcc);
            chart.series(names[i], h.series("loss"));
        }
        Path png = chart.save(a.file("optimizers.png"), 1000, 600);
        System.out.println("cost curves: " + png);
        System.out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
