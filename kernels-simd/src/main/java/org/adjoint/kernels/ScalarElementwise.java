package org.adjoint.kernels;

/** Scalar twin of the elementwise kernels: {@link UnaryOp} and {@link BinaryOp} definitions in plain loops. */
public final class ScalarElementwise implements ElementwiseKernels {

    @Override
    public void unary(UnaryOp op, double alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = (float) op.apply(x[xOff + i], alpha);
        }
    }

    @Override
    public void unary(UnaryOp op, double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = op.apply(x[xOff + i], alpha);
        }
    }

    @Override
    public void unaryBackward(UnaryOp op, double alpha, float[] x, int xOff, float[] y, int yOff,
                              float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        for (int i = 0; i < n; i++) {
            double xi = x == null ? Double.NaN : x[xOff + i];
            double yi = y == null ? Double.NaN : y[yOff + i];
            dx[dxOff + i] = (float) (dy[dyOff + i] * op.derivative(xi, yi, alpha));
        }
    }

    @Override
    public void unaryBackward(UnaryOp op, double alpha, double[] x, int xOff, double[] y, int yOff,
                              double[] dy, int dyOff, double[] dx, int dxOff, int n) {
        for (int i = 0; i < n; i++) {
            double xi = x == null ? Double.NaN : x[xOff + i];
            double yi = y == null ? Double.NaN : y[yOff + i];
            dx[dxOff + i] = dy[dyOff + i] * op.derivative(xi, yi, alpha);
        }
    }

    @Override
    public void binary(BinaryOp op, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int bRs, int bCs,
                       float[] out, int outOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int o = outOff + r * cols;
            for (int c = 0; c < cols; c++) {
                out[o + c] = (float) op.apply(a[aOff + r * aRs + c * aCs], b[bOff + r * bRs + c * bCs]);
            }
        }
    }

    @Override
    public void binary(BinaryOp op, double[] a, int aOff, int aRs, int aCs, double[] b, int bOff, int bRs, int bCs,
                       double[] out, int outOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int o = outOff + r * cols;
            for (int c = 0; c < cols; c++) {
                out[o + c] = op.apply(a[aOff + r * aRs + c * aCs], b[bOff + r * bRs + c * bCs]);
            }
        }
    }
}
