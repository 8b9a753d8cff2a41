package org.adjoint.graph;

import java.util.SplittableRandom;

/**
 * Creates a variable's initial value. Random initializers take an explicit seed: the same seed
 * gives the same bits. Fan-in and fan-out are read from a weight shape (in, out) as
 * {@code dim(0)} and {@code dim(-1)} (for rank 1, both are the length).
 */
@FunctionalInterface
public interface Init {

    Tensor create(DType dtype, Shape shape);

    static Init zeros() {
        return Tensor::zeros;
    }

    static Init constant(double value) {
        return (dtype, shape) -> Tensor.full(dtype, shape, value);
    }

    /** Uniform in [lo, hi). */
    static Init uniform(double lo, double hi, long seed) {
        if (!(hi > lo)) {
            throw new IllegalArgumentException("Init.uniform: need lo < hi, got [" + lo + ", " + hi + ")");
        }
        return (dtype, shape) -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            Tensor t = Tensor.zeros(dtype, shape);
            for (int i = 0; i < t.size(); i++) {
                t.setDouble(i, lo + (hi - lo) * rnd.nextDouble());
            }
            return t;
        };
    }

    /** Normal with the given mean and standard deviation. */
    static Init normal(double mean, double std, long seed) {
        if (!(std >= 0)) {
            throw new IllegalArgumentException("Init.normal: std must be >= 0, got " + std);
        }
        return (dtype, shape) -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            Tensor t = Tensor.zeros(dtype, shape);
            for (int i = 0; i < t.size(); i++) {
                t.setDouble(i, mean + std * gaussian(rnd));
            }
            return t;
        };
    }

    /** He (Kaiming) normal: std = sqrt(2 / fanIn); for ReLU layers. */
    static Init he(long seed) {
        return (dtype, shape) -> normal(0, Math.sqrt(2.0 / fanIn(shape)), seed).create(dtype, shape);
    }

    /** Xavier (Glorot) uniform: limit = sqrt(6 / (fanIn + fanOut)); for tanh/sigmoid layers. */
    static Init xavier(long seed) {
        return (dtype, shape) -> {
            double limit = Math.sqrt(6.0 / (fanIn(shape) + fanOut(shape)));
            return uniform(-limit, limit, seed).create(dtype, shape);
        };
    }

    private static int fanIn(Shape shape) {
        return shape.rank() == 0 ? 1 : Math.max(1, shape.dim(0));
    }

    private static int fanOut(Shape shape) {
        return shape.rank() == 0 ? 1 : Math.max(1, shape.dim(-1));
    }

    /** A standard normal sample (Box-Muller; deterministic for a given generator state). */
    static double gaussian(SplittableRandom rnd) {
        double u1;
        do {
            u1 = rnd.nextDouble();
        } while (u1 <= 0);
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
