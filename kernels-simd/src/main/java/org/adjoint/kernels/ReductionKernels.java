package org.adjoint.kernels;

/**
 * Reductions and row-wise normalizations. A tensor reduced over one axis (or a run of adjacent
 * axes) is viewed as {@code (outer, n, inner)}, row-major; the reduced result is
 * {@code (outer, inner)}:
 * {@code out[outOff + o*inner + i] = reduce_{k<n} x[xOff + (o*n + k)*inner + i]}.
 * {@code inner == 1} reduces contiguous rows, {@code outer == 1} reduces columns.
 *
 * <p>Summation order is fixed by the implementation and independent of threads, so repeated
 * runs give identical bits; vector and scalar sums may differ in rounding.
 */
public interface ReductionKernels {

    /** Reduces {@code x} viewed as (outer, n, inner) into {@code out} (outer, inner). Modifies {@code out}. */
    void reduce(ReduceOp op, float[] x, int xOff, int outer, int n, int inner, float[] out, int outOff);

    /** Double-precision twin of the float {@code reduce}. */
    void reduce(ReduceOp op, double[] x, int xOff, int outer, int n, int inner, double[] out, int outOff);

    /**
     * Index of the maximum ({@link ReduceOp#MAX}) or minimum ({@link ReduceOp#MIN}) along the
     * middle axis; ties go to the lowest index; a NaN wins over any number. {@code n >= 1}.
     * Modifies {@code out}.
     */
    void argReduce(ReduceOp op, float[] x, int xOff, int outer, int n, int inner, int[] out, int outOff);

    /** Double-precision twin of the float {@code argReduce}. */
    void argReduce(ReduceOp op, double[] x, int xOff, int outer, int n, int inner, int[] out, int outOff);

    /** Row-wise softmax of a (rows, cols) matrix, max-subtracted for stability. Modifies {@code y}. */
    void softmax(float[] x, int xOff, int rows, int cols, float[] y, int yOff);

    /** Double-precision twin of the float {@code softmax}. */
    void softmax(double[] x, int xOff, int rows, int cols, double[] y, int yOff);

    /** Row-wise log-softmax: {@code y = x - logsumexp(x)} per row. Modifies {@code y}. */
    void logSoftmax(float[] x, int xOff, int rows, int cols, float[] y, int yOff);

    /** Double-precision twin of the float {@code logSoftmax}. */
    void logSoftmax(double[] x, int xOff, int rows, int cols, double[] y, int yOff);

    /** Row-wise {@code out[r] = max + log(sum exp(x - max))}. Modifies {@code out}. */
    void logSumExp(float[] x, int xOff, int rows, int cols, float[] out, int outOff);

    /** Double-precision twin of the float {@code logSumExp}. */
    void logSumExp(double[] x, int xOff, int rows, int cols, double[] out, int outOff);
}
