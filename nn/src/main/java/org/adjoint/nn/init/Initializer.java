package org.adjoint.nn.init;

import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;

/**
 * Creates a variable's initial value from its dtype, shape, fans and a seed (the same seed gives
 * the same bits). Layers pass a seed derived from their own seed and the variable's name;
 * {@link #seeded} fixes one.
 *
 * <p>The variance-scaling initializers follow the deep-learning course's names: {@link #xavier()}
 * draws N(0, 1/n_in), {@link #glorot()} N(0, 2/(n_in + n_out)), {@link #he()} N(0, 2/n_in), and
 * {@link #smallRandom()} N(0, 1)·0.01.
 */
@FunctionalInterface
public interface Initializer {

    Tensor create(DType dtype, Shape shape, Fans fans, long seed);

    /** This initializer with a fixed seed (the seed a layer passes is ignored). */
    default Initializer seeded(long fixedSeed) {
        Initializer self = this;
        return (dtype, shape, fans, seed) -> self.create(dtype, shape, fans, fixedSeed);
    }

    /** All zeros: keeps every hidden unit identical (use for biases, never for weights). */
    static Initializer zeros() {
        return (dtype, shape, fans, seed) -> Tensor.zeros(dtype, shape);
    }

    static Initializer ones() {
        return constant(1);
    }

    static Initializer constant(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Initializer.constant: value must be finite, got " + value);
        }
        return (dtype, shape, fans, seed) -> Tensor.full(dtype, shape, value);
    }

    /** Normal with the given mean and standard deviation. */
    static Initializer normal(double mean, double std) {
        if (!(std >= 0) || !Double.isFinite(std) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("Initializer.normal: need finite mean and std >= 0, got mean=" + mean
                    + ", std=" + std);
        }
        return (dtype, shape, fans, seed) -> fill(dtype, shape, seed, rnd -> mean + std * gaussian(rnd));
    }

    /** Uniform in [lo, hi). */
    static Initializer uniform(double lo, double hi) {
        if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("Initializer.uniform: need finite lo < hi, got [" + lo + ", " + hi + ")");
        }
        return (dtype, shape, fans, seed) -> fill(dtype, shape, seed, rnd -> lo + (hi - lo) * rnd.nextDouble());
    }

    /** N(0, 1) · 0.01: the course's small random initialization. */
    static Initializer smallRandom() {
        return (dtype, shape, fans, seed) -> fill(dtype, shape, seed, rnd -> 0.01 * gaussian(rnd));
    }

    /** Xavier: N(0, 1/n_in) (tanh layers). */
    static Initializer xavier() {
        return (dtype, shape, fans, seed) -> {
            double std = Math.sqrt(1.0 / fans.in());
            return fill(dtype, shape, seed, rnd -> std * gaussian(rnd));
        };
    }

    /** Glorot normal: N(0, 2/(n_in + n_out)). */
    static Initializer glorot() {
        return (dtype, shape, fans, seed) -> {
            double std = Math.sqrt(2.0 / (fans.in() + fans.out()));
            return fill(dtype, shape, seed, rnd -> std * gaussian(rnd));
        };
    }

    /** Glorot uniform: U(-l, l) with l = sqrt(6/(n_in + n_out)), the same variance as {@link #glorot()}. */
    static Initializer glorotUniform() {
        return (dtype, shape, fans, seed) -> {
            double limit = Math.sqrt(6.0 / (fans.in() + fans.out()));
            return fill(dtype, shape, seed, rnd -> limit * (2 * rnd.nextDouble() - 1));
        };
    }

    /** He: N(0, 2/n_in) (ReLU layers). */
    static Initializer he() {
        return (dtype, shape, fans, seed) -> {
            double std = Math.sqrt(2.0 / fans.in());
            return fill(dtype, shape, seed, rnd -> std * gaussian(rnd));
        };
    }

    /** {@link #orthogonal(double)} with gain 1. */
    static Initializer orthogonal() {
        return orthogonal(1.0);
    }

    /**
     * A (semi-)orthogonal matrix times {@code gain} (recurrent weights): the shape is read as
     * [rows, cols] with rows the product of all but the last dimension; a Gaussian matrix is
     * orthonormalized (Gram-Schmidt twice, signs fixed so the result is unique for a seed), giving
     * orthonormal columns when rows ≥ cols and orthonormal rows otherwise.
     */
    static Initializer orthogonal(double gain) {
        if (!(gain > 0) || !Double.isFinite(gain)) {
            throw new IllegalArgumentException("Initializer.orthogonal: gain must be positive, got " + gain);
        }
        return (dtype, shape, fans, seed) -> Orthogonal.create(dtype, shape, gain, seed);
    }

    /** A tensor whose elements are drawn in row-major order from one seeded generator. */
    private static Tensor fill(DType dtype, Shape shape, long seed, java.util.function.ToDoubleFunction<SplittableRandom> draw) {
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("random initializers need f32 or f64, got " + dtype);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(dtype, shape);
        for (int i = 0; i < t.size(); i++) {
            t.setDouble(i, draw.applyAsDouble(rnd));
        }
        return t;
    }

    /** A standard normal sample (Box-Muller, one per two uniforms; deterministic per generator state). */
    static double gaussian(SplittableRandom rnd) {
        double u1;
        do {
            u1 = rnd.nextDouble();
        } while (u1 <= 0);
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
