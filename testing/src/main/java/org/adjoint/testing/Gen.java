package org.adjoint.testing;

import java.util.List;
import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;

/** Input generators shared by the specs. Sizes favour the awkward ones (off the vector width). */
public final class Gen {

    /** Dimension sizes worth testing: tiny, around 8/16 lanes, primes. */
    private static final int[] SIZES = {1, 2, 3, 5, 7, 8, 9, 13, 16, 17};

    private Gen() {
    }

    /** A random dimension size. */
    public static int dim(SplittableRandom rnd) {
        return SIZES[rnd.nextInt(SIZES.length)];
    }

    /** A random shape of rank in [minRank, maxRank] keeping the element count modest. */
    public static Shape shape(SplittableRandom rnd, int minRank, int maxRank) {
        int rank = minRank + rnd.nextInt(maxRank - minRank + 1);
        int[] dims = new int[rank];
        int size = 1;
        for (int i = 0; i < rank; i++) {
            int d = dim(rnd);
            while (size * d > 600 && d > 1) {
                d = (d + 1) / 2;
            }
            dims[i] = d;
            size *= d;
        }
        return Shape.of(dims);
    }

    /** An F64 tensor with values uniform in [lo, hi). */
    public static Tensor uniform(SplittableRandom rnd, Shape shape, double lo, double hi) {
        Tensor t = Tensor.zeros(DType.F64, shape);
        for (int i = 0; i < t.size(); i++) {
            t.setDouble(i, lo + (hi - lo) * rnd.nextDouble());
        }
        return t;
    }

    /** An F64 tensor with values in [lo, hi) whose magnitude is at least {@code gap} from 0 (away from kinks at 0). */
    public static Tensor awayFromZero(SplittableRandom rnd, Shape shape, double lo, double hi, double gap) {
        Tensor t = Tensor.zeros(DType.F64, shape);
        for (int i = 0; i < t.size(); i++) {
            double v;
            do {
                v = lo + (hi - lo) * rnd.nextDouble();
            } while (Math.abs(v) < gap);
            t.setDouble(i, v);
        }
        return t;
    }

    /** An integer tensor of {@code dtype} (i32 or i64) with values uniform in [lo, hi). */
    public static Tensor integers(SplittableRandom rnd, Shape shape, int lo, int hi, DType dtype) {
        Tensor t = Tensor.zeros(dtype, shape);
        for (int i = 0; i < t.size(); i++) {
            t.setDouble(i, lo + rnd.nextInt(hi - lo));
        }
        return t;
    }

    /** F64 zeros of the given dims (for error cases). */
    public static Tensor zeros(int... dims) {
        return Tensor.zeros(DType.F64, Shape.of(dims));
    }

    /**
     * Two tensors whose shapes broadcast: equal, one a suffix, or some dimensions set to 1 in
     * either; values uniform in [lo, hi).
     */
    public static List<Tensor> broadcastPair(SplittableRandom rnd, double lo, double hi) {
        Shape out = shape(rnd, 0, 4);
        Shape a = broadcastableFrom(rnd, out);
        Shape b = broadcastableFrom(rnd, out);
        return List.of(uniform(rnd, a, lo, hi), uniform(rnd, b, lo, hi));
    }

    /** A shape that broadcasts to {@code out}: a suffix of it with some dimensions set to 1. */
    public static Shape broadcastableFrom(SplittableRandom rnd, Shape out) {
        int drop = rnd.nextInt(4) == 0 ? rnd.nextInt(out.rank() + 1) : 0;
        int[] dims = new int[out.rank() - drop];
        for (int i = 0; i < dims.length; i++) {
            int d = out.dim(i + drop);
            dims[i] = rnd.nextInt(4) == 0 ? 1 : d;
        }
        return Shape.of(dims);
    }

    /** An F64 tensor whose values are drawn from {@code values} (to provoke ties in comparisons). */
    public static Tensor discrete(SplittableRandom rnd, Shape shape, double... values) {
        Tensor t = Tensor.zeros(DType.F64, shape);
        for (int i = 0; i < t.size(); i++) {
            t.setDouble(i, values[rnd.nextInt(values.length)]);
        }
        return t;
    }

    /** A random permutation of 0..n-1. */
    public static int[] permutation(SplittableRandom rnd, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A random subset of the axes 0..rank-1 in increasing order, each kept with probability 1/2. */
    public static int[] axes(SplittableRandom rnd, int rank) {
        int[] out = new int[rank];
        int n = 0;
        for (int d = 0; d < rank; d++) {
            if (rnd.nextBoolean()) {
                out[n++] = d;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** A random shape of rank in [0, 4] with exactly {@code size} elements (size-1 dims sprinkled in). */
    public static Shape withSize(SplittableRandom rnd, int size) {
        List<Integer> factors = new java.util.ArrayList<>();
        int n = size;
        for (int p = 2; p * p <= n; p++) {
            while (n % p == 0) {
                factors.add(p);
                n /= p;
            }
        }
        if (n > 1) {
            factors.add(n);
        }
        int rank = Math.max(rnd.nextInt(5), Math.min(factors.size(), 1));
        int[] dims = new int[rank];
        java.util.Arrays.fill(dims, 1);
        for (int f : factors) {
            dims[rnd.nextInt(rank)] *= f;
        }
        return Shape.of(dims);
    }

    /** Sizes that exercise vector bodies and tails of long loops: primes, powers of two and neighbours. */
    private static final int[] LARGE_SIZES = {127, 128, 129, 207, 1021, 1024, 4099};

    /** A rank-1 or rank-2 shape with a large element count (up to ~4k), for kernel loop paths. */
    public static Shape largeShape(SplittableRandom rnd) {
        int n = LARGE_SIZES[rnd.nextInt(LARGE_SIZES.length)];
        if (rnd.nextBoolean()) {
            return Shape.of(n);
        }
        int rows = SIZES[rnd.nextInt(SIZES.length)];
        return Shape.of(rows, Math.max(1, n / rows));
    }
}
