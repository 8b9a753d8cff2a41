package org.adjoint.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float Vector API bodies of the reductions. This source is also the template of
 * {@link PanamaReductionsF64}, generated at build time (kernels-simd/src/build/java/GenerateF64.java).
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

    static final VectorSpecies<Float> SPECIES = VectorWidth.F32;
    private static final int LANES = SPECIES.length();
    private static final int UNROLL = 4;

    /**
     * Per-thread scratch for one vector: an accumulator's lanes are summed from here, in index
     * order. NOTE: not with {@code lane(i)} or {@code reduceLanes}: the latter's order is
     * unspecified (and may differ between the JIT's intrinsic and the interpreter), and extracting
     * lanes from a loop-carried accumulator boxed it on JDK 17 in some compilations (at 256 bits,
     * caught by NoVectorFallbackTest).
     */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[LANES]);

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
     * <p>NOTE: each op's loop is its own method, reached through a per-op function object: the
     * megamorphic call keeps C2 from compiling the three loops into one method. Together (a
     * switch over the ops around the loops, or the loops inlined into one caller) their vector
     * accumulators were sometimes boxed on JDK 17, in about one test run in five at 256 bits
     * (caught by NoVectorFallbackTest).
     */
    static float reduceRow(ReduceOp op, float[] x, int off, int n) {
        return ROWS[op.ordinal()].reduce(x, off, n);
    }

    /** One op's row reduction. */
    @FunctionalInterface
    private interface RowReduction {
        float reduce(float[] x, int off, int n);
    }

    /** One op's column reduction (see {@link #reduceColumns}). */
    @FunctionalInterface
    private interface ColumnReduction {
        void reduce(float[] x, int base, int n, int inner, float[] out, int oo);
    }

    private static final RowReduction[] ROWS = new RowReduction[ReduceOp.values().length];
    private static final ColumnReduction[] COLUMNS = new ColumnReduction[ReduceOp.values().length];

    static {
        for (ReduceOp op : ReduceOp.values()) {
            switch (op) {
                case SUM:
                    ROWS[op.ordinal()] = (x, off, n) -> sumRow(x, off, n);
                    COLUMNS[op.ordinal()] = (x, base, n, inner, out, oo) -> sumColumns(x, base, n, inner, out, oo);
                    break;
                case MAX:
                    ROWS[op.ordinal()] = (x, off, n) -> maxRow(x, off, n);
                    COLUMNS[op.ordinal()] = (x, base, n, inner, out, oo) -> maxColumns(x, base, n, inner, out, oo);
                    break;
                default:
                    ROWS[op.ordinal()] = (x, off, n) -> minRow(x, off, n);
                    COLUMNS[op.ordinal()] = (x, base, n, inner, out, oo) -> minColumns(x, base, n, inner, out, oo);
                    break;
            }
        }
    }

    /** Four accumulators take vectors round-robin; combined (0+1)+(2+3), lanes in order, then the tail. */
    private static float sumRow(float[] x, int off, int n) {
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = acc0;
        FloatVector acc2 = acc0;
        FloatVector acc3 = acc0;
        int step = UNROLL * LANES;
        int unrolledBound = n / step * step;
        int bound = SPECIES.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < unrolledBound; i += step) {
            acc0 = acc0.add(load(x, off + i));
            acc1 = acc1.add(load(x, off + i + LANES));
            acc2 = acc2.add(load(x, off + i + 2 * LANES));
            acc3 = acc3.add(load(x, off + i + 3 * LANES));
        }
        for (; i < bound; i += LANES) {
            acc0 = acc0.add(load(x, off + i));
        }
        float[] lanes = SCRATCH.get();
        acc0.add(acc1).add(acc2.add(acc3)).intoArray(lanes, 0);
        // reduce: lanes in index order
        float r = 0f;
        for (int lane = 0; lane < LANES; lane++) {
            r += lanes[lane];
        }
        // tail
        for (; i < n; i++) {
            r += x[off + i];
        }
        return r;
    }

    /** Like {@link #sumRow} with max (NaN propagates, as {@link Math#max}). */
    private static float maxRow(float[] x, int off, int n) {
        FloatVector acc0 = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        FloatVector acc1 = acc0;
        FloatVector acc2 = acc0;
        FloatVector acc3 = acc0;
        int step = UNROLL * LANES;
        int unrolledBound = n / step * step;
        int bound = SPECIES.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < unrolledBound; i += step) {
            acc0 = acc0.max(load(x, off + i));
            acc1 = acc1.max(load(x, off + i + LANES));
            acc2 = acc2.max(load(x, off + i + 2 * LANES));
            acc3 = acc3.max(load(x, off + i + 3 * LANES));
        }
        for (; i < bound; i += LANES) {
            acc0 = acc0.max(load(x, off + i));
        }
        float[] lanes = SCRATCH.get();
        acc0.max(acc1).max(acc2.max(acc3)).intoArray(lanes, 0);
        // reduce
        float r = Float.NEGATIVE_INFINITY;
        for (int lane = 0; lane < LANES; lane++) {
            r = Math.max(r, lanes[lane]);
        }
        // tail
        for (; i < n; i++) {
            r = Math.max(r, x[off + i]);
        }
        return r;
    }

    /** Like {@link #sumRow} with min (NaN propagates, as {@link Math#min}). */
    private static float minRow(float[] x, int off, int n) {
        FloatVector acc0 = FloatVector.broadcast(SPECIES, Float.POSITIVE_INFINITY);
        FloatVector acc1 = acc0;
        FloatVector acc2 = acc0;
        FloatVector acc3 = acc0;
        int step = UNROLL * LANES;
        int unrolledBound = n / step * step;
        int bound = SPECIES.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < unrolledBound; i += step) {
            acc0 = acc0.min(load(x, off + i));
            acc1 = acc1.min(load(x, off + i + LANES));
            acc2 = acc2.min(load(x, off + i + 2 * LANES));
            acc3 = acc3.min(load(x, off + i + 3 * LANES));
        }
        for (; i < bound; i += LANES) {
            acc0 = acc0.min(load(x, off + i));
        }
        float[] lanes = SCRATCH.get();
        acc0.min(acc1).min(acc2.min(acc3)).intoArray(lanes, 0);
        // reduce
        float r = Float.POSITIVE_INFINITY;
        for (int lane = 0; lane < LANES; lane++) {
            r = Math.min(r, lanes[lane]);
        }
        // tail
        for (; i < n; i++) {
            r = Math.min(r, x[off + i]);
        }
        return r;
    }

    /**
     * {@code out[oo + i] = reduce_k x[base + k*inner + i]} for {@code i < inner}: a vector of
     * adjacent outputs accumulated down the reduced axis in the scalar twin's order (exact).
     * One method per op for the reason given at {@link #reduceRow}.
     */
    private static void reduceColumns(ReduceOp op, float[] x, int base, int n, int inner, float[] out, int oo) {
        COLUMNS[op.ordinal()].reduce(x, base, n, inner, out, oo);
    }

    private static void sumColumns(float[] x, int base, int n, int inner, float[] out, int oo) {
        int bound = SPECIES.loopBound(inner);
        int i = 0;
        // vector loop
        for (; i < bound; i += LANES) {
            FloatVector acc = FloatVector.zero(SPECIES);
            for (int k = 0; k < n; k++) {
                acc = acc.add(load(x, base + k * inner + i));
            }
            acc.intoArray(out, oo + i);
        }
        // tail
        for (; i < inner; i++) {
            float acc = 0f;
            for (int k = 0; k < n; k++) {
                acc += x[base + k * inner + i];
            }
            out[oo + i] = acc;
        }
    }

    private static void maxColumns(float[] x, int base, int n, int inner, float[] out, int oo) {
        int bound = SPECIES.loopBound(inner);
        int i = 0;
        // vector loop
        for (; i < bound; i += LANES) {
            FloatVector acc = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
            for (int k = 0; k < n; k++) {
                acc = acc.max(load(x, base + k * inner + i));
            }
            acc.intoArray(out, oo + i);
        }
        // tail
        for (; i < inner; i++) {
            float acc = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                acc = Math.max(acc, x[base + k * inner + i]);
            }
            out[oo + i] = acc;
        }
    }

    private static void minColumns(float[] x, int base, int n, int inner, float[] out, int oo) {
        int bound = SPECIES.loopBound(inner);
        int i = 0;
        // vector loop
        for (; i < bound; i += LANES) {
            FloatVector acc = FloatVector.broadcast(SPECIES, Float.POSITIVE_INFINITY);
            for (int k = 0; k < n; k++) {
                acc = acc.min(load(x, base + k * inner + i));
            }
            acc.intoArray(out, oo + i);
        }
        // tail
        for (; i < inner; i++) {
            float acc = Float.POSITIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                acc = Math.min(acc, x[base + k * inner + i]);
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
        if (cols > 0 && cols < LANES && rows > 1) {
            float[][] work = SHORT_ROWS.get();
            float[] e = work[0];
            for (int r0 = 0; r0 < rows; r0 += SHORT_CHUNK / cols) {
                int n = Math.min(rows - r0, SHORT_CHUNK / cols);
                expShortRows(x, xOff + r0 * cols, n, cols, e, work[1]);
                for (int i = 0; i < n; i++) {
                    float sum = sumInOrder(e, i * cols, cols);
                    float factor = 1f / sum;
                    int yi = yOff + (r0 + i) * cols;
                    for (int c = 0; c < cols; c++) {
                        y[yi + c] = e[i * cols + c] * factor;
                    }
                }
            }
            return;
        }
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
        if (cols > 0 && cols < LANES && rows > 1) {
            float[] lse = SHORT_ROWS.get()[2];
            for (int r0 = 0; r0 < rows; r0 += SHORT_CHUNK / cols) {
                int n = Math.min(rows - r0, SHORT_CHUNK / cols);
                logSumExp(x, xOff + r0 * cols, n, cols, lse, 0);
                for (int i = 0; i < n; i++) {
                    int at = (r0 + i) * cols;
                    for (int c = 0; c < cols; c++) {
                        y[yOff + at + c] = x[xOff + at + c] - lse[i];
                    }
                }
            }
            return;
        }
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
        if (cols > 0 && cols < LANES && rows > 1) {
            float[][] work = SHORT_ROWS.get();
            float[] e = work[0];
            float[] max = work[1];
            for (int r0 = 0; r0 < rows; r0 += SHORT_CHUNK / cols) {
                int n = Math.min(rows - r0, SHORT_CHUNK / cols);
                expShortRows(x, xOff + r0 * cols, n, cols, e, max);
                for (int i = 0; i < n; i++) {
                    float sum = sumInOrder(e, i * cols, cols);
                    out[outOff + r0 + i] = Float.isInfinite(max[i]) ? max[i] : max[i] + (float) Math.log(sum);
                }
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            out[outOff + r] = rowLogSumExp(x, xOff + r * cols, cols);
        }
    }

    /** Elements of the short rows that {@link #expShortRows} takes at a time. */
    private static final int SHORT_CHUNK = VectorMathF32.CHUNK;
    /** Per-thread work of the short rows: exponentials, the rows' maxima, the rows' log-sum-exps. */
    private static final ThreadLocal<float[][]> SHORT_ROWS = ThreadLocal.withInitial(
            () -> new float[][] {new float[SHORT_CHUNK], new float[SHORT_CHUNK], new float[SHORT_CHUNK]});

    /**
     * {@code e[i*cols + c] = exp(x[off + i*cols + c] - max[i])} and {@code max[i]} (the row's
     * maximum) for {@code n} rows of {@code cols < LANES} values, {@code n*cols <= SHORT_CHUNK}:
     * the rows end to end in one vector pass. NOTE: row by row, a row shorter than a vector is all
     * tail, one scalar {@code Math.exp} per element: the 10-class softmax and cross-entropy of an
     * MLP at batch 128 took 14 and 16 us on Zen 4, about 11 ns per element. Modifies {@code e},
     * {@code max}.
     */
    private static void expShortRows(float[] x, int off, int n, int cols, float[] e, float[] max) {
        for (int i = 0; i < n; i++) {
            int xi = off + i * cols;
            float m = reduceRow(ReduceOp.MAX, x, xi, cols);
            max[i] = m;
            for (int c = 0; c < cols; c++) {
                e[i * cols + c] = x[xi + c] - m;
            }
        }
        int count = n * cols;
        int padded = (count + LANES - 1) / LANES * LANES;
        java.util.Arrays.fill(e, count, padded, 0f);
        VectorMathF32.exp(e, 0, e, 0, padded);
    }

    /** {@code x[off] + x[off + 1] + ...}, in index order (the order of a row's scalar tail). */
    private static float sumInOrder(float[] x, int off, int n) {
        float sum = 0f;
        for (int i = 0; i < n; i++) {
            sum += x[off + i];
        }
        return sum;
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
        int bound = SPECIES.loopBound(cols);
        // vector part, reduced
        float sum = VectorMathF32.expShiftSum(x, off, shift, y, yOff, bound);
        // tail
        for (int c = bound; c < cols; c++) {
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
