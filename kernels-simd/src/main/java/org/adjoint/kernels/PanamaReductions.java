package org.adjoint.kernels;

/**
 * Vector API reductions and row normalizations; bodies in {@link PanamaReductionsF32} and
 * {@link PanamaReductionsF64}.
 *
 * <p>NOTE: {@code argReduce} stays on the scalar twin. Its contract (ties to the lowest index,
 * the first NaN wins) needs an index vector carried through compare-and-blend plus a final
 * lane search, and argmax/argmin only run in metrics (accuracy), never in a training step's hot
 * path; the scalar loop is already one compare per element.
 */
final class PanamaReductions implements ReductionKernels {

    private final ScalarReductions scalar = new ScalarReductions();

    @Override
    public void reduce(ReduceOp op, float[] x, int xOff, int outer, int n, int inner, float[] out, int outOff) {
        PanamaReductionsF32.reduce(op, x, xOff, outer, n, inner, out, outOff);
    }

    @Override
    public void reduce(ReduceOp op, double[] x, int xOff, int outer, int n, int inner, double[] out, int outOff) {
        PanamaReductionsF64.reduce(op, x, xOff, outer, n, inner, out, outOff);
    }

    @Override
    public void argReduce(ReduceOp op, float[] x, int xOff, int outer, int n, int inner, int[] out, int outOff) {
        scalar.argReduce(op, x, xOff, outer, n, inner, out, outOff);
    }

    @Override
    public void argReduce(ReduceOp op, double[] x, int xOff, int outer, int n, int inner, int[] out, int outOff) {
        scalar.argReduce(op, x, xOff, outer, n, inner, out, outOff);
    }

    @Override
    public void softmax(float[] x, int xOff, int rows, int cols, float[] y, int yOff) {
        PanamaReductionsF32.softmax(x, xOff, rows, cols, y, yOff);
    }

    @Override
    public void softmax(double[] x, int xOff, int rows, int cols, double[] y, int yOff) {
        PanamaReductionsF64.softmax(x, xOff, rows, cols, y, yOff);
    }

    @Override
    public void logSoftmax(float[] x, int xOff, int rows, int cols, float[] y, int yOff) {
        PanamaReductionsF32.logSoftmax(x, xOff, rows, cols, y, yOff);
    }

    @Override
    public void logSoftmax(double[] x, int xOff, int rows, int cols, double[] y, int yOff) {
        PanamaReductionsF64.logSoftmax(x, xOff, rows, cols, y, yOff);
    }

    @Override
    public void logSumExp(float[] x, int xOff, int rows, int cols, float[] out, int outOff) {
        PanamaReductionsF32.logSumExp(x, xOff, rows, cols, out, outOff);
    }

    @Override
    public void logSumExp(double[] x, int xOff, int rows, int cols, double[] out, int outOff) {
        PanamaReductionsF64.logSumExp(x, xOff, rows, cols, out, outOff);
    }
}
