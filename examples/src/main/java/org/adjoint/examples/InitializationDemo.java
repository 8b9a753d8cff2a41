package org.adjoint.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.adjoint.graph.Shape;
import org.adjoint.nn.Sequential;
import org.adjoint.nn.charts.Charts;
import org.adjoint.nn.charts.LineChart;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.init.Initializer;
import org.adjoint.nn.layers.Activation;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.losses.Losses;
import org.adjoint.nn.metrics.Metrics;
import org.adjoint.nn.optim.Sgd;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.History;
import org.adjoint.nn.train.Trainer;
import org.jfree.chart.JFreeChart;

/**
 * Initialization: one network (2 → 10 relu → 5 relu → 1) trained on noisy concentric circles by
 * the same gradient descent three times, with weights initialized to zeros (every unit of a layer
 * stays the same: the network cannot break symmetry), to large random values N(0, 10²) (huge
 * logits, a very high starting cost, slow progress) and with He's N(0, 2/n_in) (fast, good).
 */
public final class InitializationDemo {

    private InitializationDemo() {
    }

    public static void main(String[] args) {
        DemoArgs a = DemoArgs.parse("init", args);
        long start = System.nanoTime();
        Dataset train = Toy.circles(300, 0.08, a.seed());
        Dataset test = Toy.circles(100, 0.08, a.seed() + 1000);
        int epochs = a.quick() ? 5 : 1500;
        System.out.printf("circles: %d training and %d test points (seed %d); network 2 -> 10 relu -> 5 relu -> 1;"
                + " full-batch gradient descent, lr 0.1, %d epochs%n", train.size(), test.size(), a.seed(), epochs);
        String[] names = {"zeros", "large random N(0, 10^2)", "He N(0, 2/n_in)"};
        Initializer[] inits = {Initializer.zeros(), Initializer.normal(0, 10), Initializer.he()};
        List<JFreeChart> panels = new ArrayList<>();
        for (int i = 0; i < inits.length; i++) {
            Sequential model = Sequential.builder(Shape.of(2)).seed(a.seed())
                    .add(new Dense(10, Activation.relu()).kernelInit(inits[i]),
                            new Dense(5, Activation.relu()).kernelInit(inits[i]),
                            new Dense(1).kernelInit(inits[i]))
                    .build();
            Trainer t = Trainer.builder(model).loss(Losses.binaryCrossEntropyWithLogits()).optimizer(new Sgd(0.1))
                    .metrics(Metrics.accuracy()).build();
            History h = t.fit(train, FitOptions.epochs(epochs).batchSize(train.size()).seed(a.seed()));
            double trainAcc = t.evaluate(train).get("accuracy");
            double testAcc = t.evaluate(test).get("accuracy");
            System.out.printf(Locale.ROOT, "  %-24s cost first epoch %9.4f  last %.4f   train accuracy %.4f  test"
                    + " accuracy %.4f%n", names[i], h.series("loss")[0], h.last("loss"), trainAcc, testAcc);
            panels.add(LineChart.titled(String.format(Locale.ROOT, "%s: test accuracy %.0f%%", names[i],
                    100 * testAcc)).xLabel("epoch").yLabel("cost").logY(true).series("train cost", h.series("loss")).build());
        }
        Path png = Charts.saveGrid(panels, 3, a.file("initialization.png"), 1500, 450);
        System.out.println("zeros: every unit of a layer gets the same gradient, so they stay equal (symmetry);"
                + " large random: saturated, slow; He: fast");
        System.out.println("cost curves: " + png);
        System.out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
