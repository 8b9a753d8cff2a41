package org.adjoint.examples;

import java.util.SplittableRandom;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.data.Dataset;

/** Seeded 2-D two-class data sets of the course's exercises (labels F32 [N, 1]). */
final class Toy {

    private Toy() {
    }

    /** Two noisy concentric circles: class 1 inside (radius 0.5), class 0 outside (radius 1). */
    static Dataset circles(int n, double noise, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[2 * n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            double angle = 2 * Math.PI * rnd.nextDouble();
            double r = label == 1 ? 0.5 : 1.0;
            x[2 * i] = (float) (r * Math.cos(angle) + noise * gaussian(rnd));
            x[2 * i + 1] = (float) (r * Math.sin(angle) + noise * gaussian(rnd));
            y[i] = label;
        }
        return Dataset.of(Tensor.of(x, n, 2), Tensor.of(y, n, 1));
    }

    /** Two interleaving half moons. */
    static Dataset moons(int n, double noise, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[2 * n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            double t = Math.PI * rnd.nextDouble();
            double px = label == 0 ? Math.cos(t) : 1 - Math.cos(t);
            double py = label == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
            x[2 * i] = (float) (px + noise * gaussian(rnd));
            x[2 * i + 1] = (float) (py + noise * gaussian(rnd));
            y[i] = label;
        }
        return Dataset.of(Tensor.of(x, n, 2), Tensor.of(y, n, 1));
    }

    static double gaussian(SplittableRandom rnd) {
        double u1 = 1 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
