package org.adjoint.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Double Vector API bodies of the reductions; {@link PanamaReductionsF32} is the line-for-line
 * double twin.
 *
 * <p>Summation order is fixed (it depends only on {@code n} and the vector width, never on the
 * JIT tier or threads), so repeated runs give identical bits:
 * <ul>
 *   <li>a contiguous row ({@code inner == 1}) is summed by four vector accumulators taking
 *       vectors round-robin, combined as {@code (acc0 + acc1) + (acc2 + acc3)}, then the lanes
 *       in index order, then the scalar tail in index order;</li>
 *   <li>columns ({@code inner > 1}) accumulate a vector of adjacent outputs down the reduced
 *       axis, one row at a time: the same order as the scalar twin, so the bits are identical.</li>
 * </ul>
 * MAX and MIN follow {@link Math#max}/{@link Math#min}: NaN propagates.
 */
final class PanamaReductionsF64 {

    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int UNROLL = 4;

    private PanamaReductionsF64() {
    }

    /** {@code out[outOff + o*inner + i] = reduce_k x[xOff + (o*n + k)*inner + i]}. */
    static void reduce(ReduceOp op, double[] x, int xOff, int outer, int n, int inner, double[] out, int outOff) {
        for (int o = 0; o < outer; o++) {
            int base = xOff + o * n * inner;
            if (inner == 1) {
                out[outOff + o] = reduceRow(op, x, base, n);
            } else {
                reduceColumns(op, x, base, n, inner, out, outOff + o * inner);
            }
        }
    }

    /** Reduces {@code x[off .. off+n)}. */
    static double reduceRow(ReduceOp op, double[] x, int off, int n) {
        DoubleVector acc0 = DoubleVector.broadcast(SPECIES, ScalarReductions.identityD(op));
        DoubleVector acc1 = acc0;
        DoubleVector acc2 = acc0;
        DoubleVector acc3 = acc0;
        int step = UNROLL * LANES;
        int unrolledBound = n / step * step;
        int bound = SPECIES.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < unrolledBound; i += step) {
            acc0 = combine(op, acc0, DoubleVector.fromArray(SPECIES, x, off + i));
            acc1 = combine(op, acc1, DoubleVector.fromArray(SPECIES, x, off + i + LANES));
            acc2 = combine(op, acc2, DoubleVector.fromArray(SPECIES, x, off + i + 2 * LANES));
            acc3 = combine(op, acc3, DoubleVector.fromArray(SPECIES, x, off + i + 3 * LANES));
        }
        for (; i < bound; i += LANES) {
            acc0 = combine(op, acc0, DoubleVector.fromArray(SPECIES, x, off + i));
        }
        // reduce
        DoubleVector acc = combine(op, combine(op, acc0, acc1), combine(op, acc2, acc3));
        double r = ScalarReductions.identityD(op);
        for (int lane = 0; lane < LANES; lane++) {
            r = ScalarReductions.combine(op, r, acc.lane(lane));
        }
        // tail
        for (; i < n; i++) {
            r = ScalarReductions.combine(op, r, x[off + i]);
        }
        return r;
    }

    /** {@code out[oo + i] = reduce_k x[base + k*inner + i]} for {@code i < inner}. */
    private static void reduceColumns(ReduceOp op, double[] x, int base, int n, int inner, double[] out, int oo) {
        double identity = ScalarReductions.identityD(op);
        int bound = SPECIES.loopBound(inner);
        int i = 0;
        // vector loop
        for (; i < bound; i += LANES) {
            DoubleVector acc = DoubleVector.broadcast(SPECIES, identity);
            for (int k = 0; k < n; k++) {
                acc = combine(op, acc, DoubleVector.fromArray(SPECIES, x, base + k * inner + i));
            }
            acc.intoArray(out, oo + i);
        }
        // tail
        for (; i < inner; i++) {
            double acc = identity;
            for (int k = 0; k < n; k++) {
                acc = ScalarReductions.combine(op, acc, x[base + k * inner + i]);
            }
            out[oo + i] = acc;
        }
    }

    private static DoubleVector combine(ReduceOp op, DoubleVector acc, DoubleVector v) {
        switch (op) {
            case SUM: return acc.add(v);
            case MAX: return acc.max(v);
            default: return acc.min(v);
        }
    }

    // ---------------------------------------------------------------- row normalizations

    /** {@code y = exp(x - max) / sum exp(x - max)} per row. */
    static void softmax(double[] x, int xOff, int rows, int cols, double[] y, int yOff) {
        for (int r = 0; r < rows; r++) {
            int xi = xOff + r * cols;
            int yi = yOff + r * cols;
            double max = reduceRow(ReduceOp.MAX, x, xi, cols);
            double sum = expShiftSum(x, xi, max, y, yi, cols);
            scale(y, yi, cols, 1.0 / sum);
        }
    }

    /** {@code y = x - logsumexp(x)} per row. */
    static void logSoftmax(double[] x, int xOff, int rows, int cols, double[] y, int yOff) {
        for (int r = 0; r < rows; r++) {
            int xi = xOff + r * cols;
            int yi = yOff + r * cols;
            double lse = rowLogSumExp(x, xi, cols);
            int bound = SPECIES.loopBound(cols);
            int c = 0;
            // vector loop
            for (; c < bound; c += LANES) {
                DoubleVector.fromArray(SPECIES, x, xi + c).sub(lse).intoArray(y, yi + c);
            }
            // tail
            for (; c < cols; c++) {
                y[yi + c] = x[xi + c] - lse;
            }
        }
    }

    /** {@code out[outOff + r] = logsumexp(row r)}. */
    static void logSumExp(double[] x, int xOff, int rows, int cols, double[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            out[outOff + r] = rowLogSumExp(x, xOff + r * cols, cols);
        }
    }

    /** {@code max + log(sum exp(x - max))}; an infinite (or empty, -inf) max is returned as is. */
    private static double rowLogSumExp(double[] x, int off, int cols) {
        double max = reduceRow(ReduceOp.MAX, x, off, cols);
        if (Double.isInfinite(max)) {
            return max;
        }
        double sum = expShiftSum(x, off, max, null, 0, cols);
        return max + Math.log(sum);
    }

    /**
     * {@code sum_c exp(x[off+c] - shift)}, also stored to {@code y[yOff+c]} when {@code y} is not
     * null. One vector accumulator (the exponential, not the add, is the bottleneck), lanes in
     * index order, then the tail.
     */
    private static double expShiftSum(double[] x, int off, double shift, double[] y, int yOff, int cols) {
        DoubleVector acc = DoubleVector.zero(SPECIES);
        int bound = SPECIES.loopBound(cols);
        int c = 0;
        // vector loop
        for (; c < bound; c += LANES) {
            DoubleVector e = DoubleVector.fromArray(SPECIES, x, off + c).sub(shift)
                    .lanewise(VectorOperators.EXP);
            if (y != null) {
                e.intoArray(y, yOff + c);
            }
            acc = acc.add(e);
        }
        // reduce
        double sum = 0;
        for (int lane = 0; lane < LANES; lane++) {
            sum += acc.lane(lane);
        }
        // tail
        for (; c < cols; c++) {
            double e = Math.exp(x[off + c] - shift);
            if (y != null) {
                y[yOff + c] = e;
            }
            sum += e;
        }
        return sum;
    }

    /** {@code y[off + c] *= factor}. */
    private static void scale(double[] y, int off, int n, double factor) {
        int bound = SPECIES.loopBound(n);
        int c = 0;
        // vector loop
        for (; c < bound; c += LANES) {
            DoubleVector.fromArray(SPECIES, y, off + c).mul(factor).intoArray(y, off + c);
        }
        // tail
        for (; c < n; c++) {
            y[off + c] *= factor;
        }
    }
}
