package org.adjoint.examples;

import java.util.SplittableRandom;
import org.adjoint.autodiff.GradCheck;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Init;
import org.adjoint.graph.Node;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.nn.Model;
import org.adjoint.nn.optim.Sgd;
import org.adjoint.nn.optim.TrainStep;
import org.adjoint.ops.Ops;

/**
 * Logistic regression end to end: a seeded two-class data set, a symbolic graph, gradients from
 * autodiff (checked once with GradCheck), batch gradient descent, then train and test accuracy.
 */
public final class LogisticRegressionDemo {

    private static final int FEATURES = 2;

    private LogisticRegressionDemo() {
    }

    public static void main(String[] args) {
        long seed = 7;
        Tensor[] train = blobs(800, seed);
        Tensor[] test = blobs(200, seed + 1);

        Graph g = new Graph();
        Ops o = Ops.on(g);
        Node x = o.placeholder("x", DType.F32, Shape.of(-1, FEATURES));
        Node y = o.placeholder("y", DType.F32, Shape.of(-1, 1));
        Node w = o.variable("w", Init.xavier(seed), Shape.of(FEATURES, 1));
        Node b = o.variable("b", Init.zeros(), Shape.of(1));
        Node logits = o.named("logits").add(o.matmul(x, w), b);
        Node cost = o.named("cost").mean(o.sigmoidCrossEntropyWithLogits(logits, y));
        Node predicted = o.greater(logits, o.scalarLike(0, logits));
        Node accuracy = o.mean(o.equal(predicted, y));

        GradCheck.Report check = GradCheck.of(cost).wrt(w, b).feed(x, train[0]).feed(y, train[1]).run();
        System.out.printf("kernels: %s; %s%n", KernelProvider.get().name(), check);

        // the hand-built graph as an nn model: its variables w and b become named parameters
        Model model = Model.of(x, logits);
        TrainStep step = new Sgd(0.5).minimize(cost, model);   // gradients once; fused in-place updates
        Session session = model.session();
        Feeds trainFeeds = Feeds.of(x, train[0], y, train[1]);
        for (int it = 0; it <= 300; it++) {
            double c = step.run(trainFeeds);                    // cost before this update
            if (it % 30 == 0) {
                System.out.printf("iteration %3d  cost %.6f%n", it, c);
            }
        }
        double trainAcc = session.eval(trainFeeds, accuracy).item();
        double testAcc = session.eval(Feeds.of(x, test[0], y, test[1]), accuracy).item();
        System.out.printf("train accuracy %.4f%ntest accuracy  %.4f%n", trainAcc, testAcc);
        System.out.printf("w = [%.4f, %.4f], b = %.4f%n", w.value().get(0, 0), w.value().get(1, 0), b.value().get(0));
    }

    /** Two Gaussian blobs (std 1) centred at (-2, -1.5) (label 0) and (2, 1.5) (label 1). */
    static Tensor[] blobs(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] xs = new float[n * FEATURES];
        float[] ys = new float[n];
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            double sign = label == 1 ? 1 : -1;
            xs[i * FEATURES] = (float) (sign * 2.0 + gaussian(rnd));
            xs[i * FEATURES + 1] = (float) (sign * 1.5 + gaussian(rnd));
            ys[i] = label;
        }
        return new Tensor[] {Tensor.of(xs, n, FEATURES), Tensor.of(ys, n, 1)};
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
