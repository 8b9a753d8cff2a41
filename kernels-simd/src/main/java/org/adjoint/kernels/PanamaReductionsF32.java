package org.adjoint.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float Vector API bodies of the reductions; {@link PanamaReductionsF64} is the line-for-line
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
final class PanamaReductionsF32 {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int UNROLL = 4;

    private PanamaReductionsF32() {
    }

    /** {@code out[outOff + o*inner + i] = reduce_k x[xOff + (o*n + k)*inner + i]}. */
    static void reduce(ReduceOp op, float[] x, int xOff, int outer, int n, int inner, float[] out, int outOff) {
        for (int o = 0; o < outer; o++) {
            int base = xOff + o * n * inner;
            if (inner == 1) {
                out[outOff + o] = reduceRow(op, x, base, n);
            } else {
                reduceColumns(op, x, base, n, inner, out, outOff + o * inner);
            }
        }
    }

    /**
     * Reduces {@code x[off .. off+n)}.
     *
     * <p>NOTE: the op switch sits outside the loops. A switch per vector step compiles to
     * merging vector values inside the hot loop and, once two ops have run, boxes every vector
     * (measured 7x slower).
     */
    static float reduceRow(ReduceOp op, float[] x, int off, int n) {
        FloatVector acc0 = FloatVector.broadcast(SPECIES, ScalarReductions.identityF(op));
        FloatVector acc1 = acc0;
        FloatVector acc2 = acc0;
        FloatVector acc3 = acc0;
        int step = UNROLL * LANES;
        int unrolledBound = n / step * step;
        int bound = SPECIES.loopBound(n);
        int i = 0;
        // vector loop: accumulator j takes vectors j, j+4, j+8, ...; then single vectors into acc0
        switch (op) {
            case SUM:
                for (; i < unrolledBound; i += step) {
                    acc0 = acc0.add(load(x, off + i));
                    acc1 = acc1.add(load(x, off + i + LANES));
                    acc2 = acc2.add(load(x, off + i + 2 * LANES));
                    acc3 = acc3.add(load(x, off + i + 3 * LANES));
                }
                for (; i < bound; i += LANES) {
                    acc0 = acc0.add(load(x, off + i));
                }
                acc0 = acc0.add(acc1).add(acc2.add(acc3));
                break;
            case MAX:
                for (; i < unrolledBound; i += step) {
                    acc0 = acc0.max(load(x, off + i));
                    acc1 = acc1.max(load(x, off + i + LANES));
                    acc2 = acc2.max(load(x, off + i + 2 * LANES));
                    acc3 = acc3.max(load(x, off + i + 3 * LANES));
                }
                for (; i < bound; i += LANES) {
                    acc0 = acc0.max(load(x, off + i));
                }
                acc0 = acc0.max(acc1).max(acc2.max(acc3));
                break;
            default:
                for (; i < unrolledBound; i += step) {
                    acc0 = acc0.min(load(x, off + i));
                    acc1 = acc1.min(load(x, off + i + LANES));
                    acc2 = acc2.min(load(x, off + i + 2 * LANES));
                    acc3 = acc3.min(load(x, off + i + 3 * LANES));
                }
                for (; i < bound; i += LANES) {
                    acc0 = acc0.min(load(x, off + i));
                }
                acc0 = acc0.min(acc1).min(acc2.min(acc3));
                break;
        }
        // reduce: lanes in index order (not reduceLanes, whose order is unspecified)
        float r = ScalarReductions.identityF(op);
        for (int lane = 0; lane < LANES; lane++) {
            r = ScalarReductions.combine(op, r, acc0.lane(lane));
        }
        // tail
        for (; i < n; i++) {
            r = ScalarReductions.combine(op, r, x[off + i]);
        }
        return r;
    }

    /** {@code out[oo + i] = reduce_k x[base + k*inner + i]} for {@code i < inner}; op switch outside the k loop. */
    private static void reduceColumns(ReduceOp op, float[] x, int base, int n, int inner, float[] out, int oo) {
        float identity = ScalarReductions.identityF(op);
        int bound = SPECIES.loopBound(inner);
        int i = 0;
        // vector loop
        for (; i < bound; i += LANES) {
            FloatVector acc = FloatVector.broadcast(SPECIES, identity);
            switch (op) {
                case SUM:
                    for (int k = 0; k < n; k++) {
                        acc = acc.add(load(x, base + k * inner + i));
                    }
                    break;
                case MAX:
                    for (int k = 0; k < n; k++) {
                        acc = acc.max(load(x, base + k * inner + i));
                    }
                    break;
                default:
                    for (int k = 0; k < n; k++) {
                        acc = acc.min(load(x, base + k * inner + i));
                    }
                    break;
            }
            acc.intoArray(out, oo + i);
        }
        // tail
        for (; i < inner; i++) {
            float acc = identity;
            for (int k = 0; k < n; k++) {
                acc = ScalarReductions.combine(op, acc, x[base + k * inner + i]);
            }
            out[oo + i] = acc;
        }
    }

    private static FloatVector load(float[] a, int off) {
        return FloatVector.fromArray(SPECIES, a, off);
    }

    // ---------------------------------------------------------------- row normalizations

    /** {@code y = exp(x - max) / sum exp(x - max)} per row. */
    static void softmax(float[] x, int xOff, int rows, int cols, float[] y, int yOff) {
        for (int r = 0; r < rows; r++) {
            int xi = xOff + r * cols;
            int yi = yOff + r * cols;
            float max = reduceRow(ReduceOp.MAX, x, xi, cols);
            float sum = expShiftSum(x, xi, max, y, yi, cols);
            scale(y, yi, cols, 1f / sum);
        }
    }

    /** {@code y = x - logsumexp(x)} per row. */
    static void logSoftmax(float[] x, int xOff, int rows, int cols, float[] y, int yOff) {
        for (int r = 0; r < rows; r++) {
            int xi = xOff + r * cols;
            int yi = yOff + r * cols;
            float lse = rowLogSumExp(x, xi, cols);
            int bound = SPECIES.loopBound(cols);
            int c = 0;
            // vector loop
            for (; c < bound; c += LANES) {
                FloatVector.fromArray(SPECIES, x, xi + c).sub(lse).intoArray(y, yi + c);
            }
            // tail
            for (; c < cols; c++) {
                y[yi + c] = x[xi + c] - lse;
            }
        }
    }

    /** {@code out[outOff + r] = logsumexp(row r)}. */
    static void logSumExp(float[] x, int xOff, int rows, int cols, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            out[outOff + r] = rowLogSumExp(x, xOff + r * cols, cols);
        }
    }

    /** {@code max + log(sum exp(x - max))}; an infinite (or empty, -inf) max is returned as is. */
    private static float rowLogSumExp(float[] x, int off, int cols) {
        float max = reduceRow(ReduceOp.MAX, x, off, cols);
        if (Float.isInfinite(max)) {
            return max;
        }
        float sum = expShiftSum(x, off, max, null, 0, cols);
        return max + (float) Math.log(sum);
    }

    /**
     * {@code sum_c exp(x[off+c] - shift)}, also stored to {@code y[yOff+c]} when {@code y} is not
     * null. One vector accumulator (the exponential, not the add, is the bottleneck), lanes in
     * index order, then the tail.
     */
    private static float expShiftSum(float[] x, int off, float shift, float[] y, int yOff, int cols) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int bound = SPECIES.loopBound(cols);
        int c = 0;
        // vector loop
        for (; c < bound; c += LANES) {
            FloatVector e = FloatVector.fromArray(SPECIES, x, off + c).sub(shift)
                    .lanewise(VectorOperators.EXP);
            if (y != null) {
                e.intoArray(y, yOff + c);
            }
            acc = acc.add(e);
        }
        // reduce
        float sum = 0;
        for (int lane = 0; lane < LANES; lane++) {
            sum += acc.lane(lane);
        }
        // tail
        for (; c < cols; c++) {
            float e = (float) Math.exp(x[off + c] - shift);
            if (y != null) {
                y[yOff + c] = e;
            }
            sum += e;
        }
        return sum;
    }

    /** {@code y[off + c] *= factor}. */
    private static void scale(float[] y, int off, int n, float factor) {
        int bound = SPECIES.loopBound(n);
        int c = 0;
        // vector loop
        for (; c < bound; c += LANES) {
            FloatVector.fromArray(SPECIES, y, off + c).mul(factor).intoArray(y, off + c);
        }
        // tail
        for (; c < n; c++) {
            y[off + c] *= factor;
        }
    }
}
