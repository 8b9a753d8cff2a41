package org.adjoint.spark;

import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Sequential;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.layers.Activation;
import org.adjoint.nn.layers.BatchNorm;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.layers.Dropout;
import org.adjoint.nn.losses.Losses;
import org.adjoint.nn.losses.Regularizers;
import org.adjoint.nn.metrics.Metrics;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.optim.Sgd;
import org.adjoint.nn.train.Trainer;

/** Tiny models and data sets for the Spark tests (factories are static: they travel in tasks). */
final class Models {

    static final int FEATURES = 8;
    static final int CLASSES = 3;

    private Models() {
    }

    /** 8 -> 16 relu -> 3, softmax cross-entropy, Adam, L2, accuracy; F32. */
    static Trainer mlp() {
        return mlp(DType.F32);
    }

    /** The same in F64. */
    static Trainer mlp64() {
        return mlp(DType.F64);
    }

    private static Trainer mlp(DType dtype) {
        Sequential model = Sequential.builder(Shape.of(FEATURES)).dtype(dtype).seed(3)
                .add(new Dense(16, Activation.relu()), new Dense(CLASSES)).build();
        return Trainer.builder(model).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.01))
                .regularizer(Regularizers.l2(1e-2)).metrics(Metrics.accuracy()).build();
    }

    /** The same network with plain SGD and no regularizer (parameter averaging with k = 1 is then the synchronous step). */
    static Trainer mlpSgd() {
        Sequential model = Sequential.builder(Shape.of(FEATURES)).seed(3)
                .add(new Dense(16, Activation.relu()), new Dense(CLASSES)).build();
        return Trainer.builder(model).loss(Losses.softmaxCrossEntropy()).optimizer(new Sgd(0.1)).build();
    }

    /** With dropout and batch norm: trains on Spark, equal to fit only with one partition. */
    static Trainer regularized() {
        Sequential model = Sequential.builder(Shape.of(FEATURES)).seed(3)
                .add(new Dense(16).noBias(), new BatchNorm(), Activation.relu(), new Dropout(0.8), new Dense(CLASSES))
                .build();
        return Trainer.builder(model).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.01))
                .metrics(Metrics.accuracy()).build();
    }

    /** 8 -> 4 tanh -> 2 targets, mean squared error, SGD with momentum-free updates. */
    static Trainer regression() {
        Sequential model = Sequential.builder(Shape.of(FEATURES)).seed(5)
                .add(new Dense(4, Activation.tanh()), new Dense(2)).build();
        return Trainer.builder(model).loss(Losses.meanSquaredError()).optimizer(new Sgd(0.05)).build();
    }

    /** A model for 9 features (to be rejected on 8-feature data). */
    static Trainer nineFeatures() {
        Sequential model = Sequential.builder(Shape.of(9)).add(new Dense(CLASSES)).build();
        return Trainer.builder(model).loss(Losses.softmaxCrossEntropy()).optimizer(new Sgd(0.1)).build();
    }

    /**
     * {@code n} examples of 3 noisy clusters in 8 dimensions (the same clusters for every seed),
     * labels 0..2 (I32), drawn with {@code seed}; features of {@code dtype}.
     */
    static Dataset clusters(int n, long seed, DType dtype) {
        SplittableRandom centersRnd = new SplittableRandom(42);
        double[][] centers = new double[CLASSES][FEATURES];
        for (double[] c : centers) {
            for (int j = 0; j < FEATURES; j++) {
                c[j] = centersRnd.nextDouble(-2, 2);
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        Tensor x = Tensor.zeros(dtype, Shape.of(n, FEATURES));
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(CLASSES);
            for (int j = 0; j < FEATURES; j++) {
                x.setDouble(i * FEATURES + j, centers[y[i]][j] + rnd.nextGaussian() * 0.8);
            }
        }
        return Dataset.of(x, Tensor.of(y, n));
    }

    /** Regression data: 8 features, 2 targets (F32 [n, 2]). */
    static Dataset targets(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Tensor x = Tensor.zeros(DType.F32, Shape.of(n, FEATURES));
        Tensor t = Tensor.zeros(DType.F32, Shape.of(n, 2));
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < FEATURES; j++) {
                double v = rnd.nextDouble(-1, 1);
                x.setDouble(i * FEATURES + j, v);
                s += v * (j % 3 - 1);
            }
            t.setDouble(i * 2, Math.tanh(s));
            t.setDouble(i * 2 + 1, 0.5 * s);
        }
        return Dataset.of(x, t);
    }
}
