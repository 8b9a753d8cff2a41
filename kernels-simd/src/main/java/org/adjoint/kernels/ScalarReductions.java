package org.adjoint.kernels;

/** Scalar twin of the reduction kernels. Sums accumulate in the operand type, in index order. */
public final class ScalarReductions implements ReductionKernels {

    @Override
    public void reduce(ReduceOp op, float[] x, int xOff, int outer, int n, int inner, float[] out, int outOff) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = xOff + o * n * inner + i;
                float acc = identityF(op);
                for (int k = 0; k < n; k++) {
                    float v = x[base + k * inner];
                    acc = combine(op, acc, v);
                }
                out[outOff + o * inner + i] = acc;
            }
        }
    }

    @Override
    public void reduce(ReduceOp op, double[] x, int xOff, int outer, int n, int inner, double[] out, int outOff) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = xOff + o * n * inner + i;
                double acc = identityD(op);
                for (int k = 0; k < n; k++) {
                    double v = x[base + k * inner];
                    acc = combine(op, acc, v);
                }
                out[outOff + o * inner + i] = acc;
            }
        }
    }

    @Override
    public void argReduce(ReduceOp op, float[] x, int xOff, int outer, int n, int inner, int[] out, int outOff) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = xOff + o * n * inner + i;
                int best = 0;
                float bv = x[base];
                for (int k = 1; k < n && !Float.isNaN(bv); k++) {
                    float v = x[base + k * inner];
                    if (Float.isNaN(v) || (op == ReduceOp.MAX ? v > bv : v < bv)) {
                        best = k;
                        bv = v;
                    }
                }
                out[outOff + o * inner + i] = best;
            }
        }
    }

    @Override
    public void argReduce(ReduceOp op, double[] x, int xOff, int outer, int n, int inner, int[] out, int outOff) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = xOff + o * n * inner + i;
                int best = 0;
                double bv = x[base];
                for (int k = 1; k < n && !Double.isNaN(bv); k++) {
                    double v = x[base + k * inner];
                    if (Double.isNaN(v) || (op == ReduceOp.MAX ? v > bv : v < bv)) {
                        best = k;
                        bv = v;
                    }
                }
                out[outOff + o * inner + i] = best;
            }
        }
    }

    @Override
    public void softmax(float[] x, int xOff, int rows, int cols, float[] y, int yOff) {
        for (int r = 0; r < rows; r++) {
            int xi = xOff + r * cols;
            int yi = yOff + r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, x[xi + c]);
            }
            float sum = 0;
            for (int c = 0; c < cols; c++) {
                float e = (float) Math.exp(x[xi + c] - max);
                y[yi + c] = e;
                sum += e;
            }
            float inv = 1f / sum;
            for (int c = 0; c < cols; c++) {
                y[yi + c] *= inv;
            }
        }
    }

    @Override
    public void softmax(double[] x, int xOff, int rows, int cols, double[] y, int yOff) {
        for (int r = 0; r < rows; r++) {
            int xi = xOff + r * cols;
            int yi = yOff + r * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, x[xi + c]);
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                double e = Math.exp(x[xi + c] - max);
                y[yi + c] = e;
                sum += e;
            }
            double inv = 1.0 / sum;
            for (int c = 0; c < cols; c++) {
                y[yi + c] *= inv;
            }
        }
    }

    @Override
    public void logSoftmax(float[] x, int xOff, int rows, int cols, float[] y, int yOff) {
        for (int r = 0; r < rows; r++) {
            float lse = rowLogSumExp(x, xOff + r * cols, cols);
            for (int c = 0; c < cols; c++) {
                y[yOff + r * cols + c] = x[xOff + r * cols + c] - lse;
            }
        }
    }

    @Override
    public void logSoftmax(double[] x, int xOff, int rows, int cols, double[] y, int yOff) {
        for (int r = 0; r < rows; r++) {
            double lse = rowLogSumExp(x, xOff + r * cols, cols);
            for (int c = 0; c < cols; c++) {
                y[yOff + r * cols + c] = x[xOff + r * cols + c] - lse;
            }
        }
    }

    @Override
    public void logSumExp(float[] x, int xOff, int rows, int cols, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            out[outOff + r] = rowLogSumExp(x, xOff + r * cols, cols);
        }
    }

    @Override
    public void logSumExp(double[] x, int xOff, int rows, int cols, double[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            out[outOff + r] = rowLogSumExp(x, xOff + r * cols, cols);
        }
    }

    private static float rowLogSumExp(float[] x, int off, int cols) {
        float max = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < cols; c++) {
            max = Math.max(max, x[off + c]);
        }
        if (Float.isInfinite(max)) {
            return max; // all -inf (or empty): log 0; any +inf: +inf
        }
        float sum = 0;
        for (int c = 0; c < cols; c++) {
            sum += (float) Math.exp(x[off + c] - max);
        }
        return max + (float) Math.log(sum);
    }

    private static double rowLogSumExp(double[] x, int off, int cols) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < cols; c++) {
            max = Math.max(max, x[off + c]);
        }
        if (Double.isInfinite(max)) {
            return max;
        }
        double sum = 0;
        for (int c = 0; c < cols; c++) {
            sum += Math.exp(x[off + c] - max);
        }
        return max + Math.log(sum);
    }

    static float identityF(ReduceOp op) {
        switch (op) {
            case SUM: return 0f;
            case MAX: return Float.NEGATIVE_INFINITY;
            default: return Float.POSITIVE_INFINITY;
        }
    }

    static double identityD(ReduceOp op) {
        switch (op) {
            case SUM: return 0.0;
            case MAX: return Double.NEGATIVE_INFINITY;
            default: return Double.POSITIVE_INFINITY;
        }
    }

    static float combine(ReduceOp op, float acc, float v) {
        switch (op) {
            case SUM: return acc + v;
            case MAX: return Math.max(acc, v);
            default: return Math.min(acc, v);
        }
    }

    static double combine(ReduceOp op, double acc, double v) {
        switch (op) {
            case SUM: return acc + v;
            case MAX: return Math.max(acc, v);
            default: return Math.min(acc, v);
        }
    }
}
