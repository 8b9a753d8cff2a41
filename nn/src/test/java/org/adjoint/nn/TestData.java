package org.adjoint.nn;

import java.util.SplittableRandom;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.data.Dataset;

/** Small seeded data sets for tests. */
public final class TestData {

    private TestData() {
    }

    /**
     * {@code n} points in {@code classes} Gaussian blobs (std 0.5) around well-separated centres in
     * {@code features} dimensions; I32 labels.
     */
    public static Dataset blobs(int n, int features, int classes, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[n * features];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            y[i] = c;
            for (int j = 0; j < features; j++) {
                double centre = (j % classes == c) ? 2.0 : -1.0;
                x[i * features + j] = (float) (centre + 0.5 * gaussian(rnd));
            }
        }
        return Dataset.of(Tensor.of(x, n, features), Tensor.of(y, n));
    }

    static double gaussian(SplittableRandom rnd) {
        double u1 = 1 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
