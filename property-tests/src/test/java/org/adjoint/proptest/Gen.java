package org.adjoint.proptest;

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
}
