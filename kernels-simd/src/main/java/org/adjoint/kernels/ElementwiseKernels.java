package org.adjoint.kernels;

/**
 * Elementwise kernels over contiguous and 2-D strided float/double arrays.
 *
 * <p>Callers validate; implementations only {@code assert}. Output arguments come last and are
 * the only arrays modified. Input and output ranges may coincide exactly (in-place) but must not
 * otherwise overlap.
 */
public interface ElementwiseKernels {

    /** {@code y[yOff+i] = op(x[xOff+i]; alpha)} for {@code i < n}. Modifies {@code y}. */
    void unary(UnaryOp op, double alpha, float[] x, int xOff, float[] y, int yOff, int n);

    /** Double-precision twin of {@link #unary(UnaryOp, double, float[], int, float[], int, int)}. */
    void unary(UnaryOp op, double alpha, double[] x, int xOff, double[] y, int yOff, int n);

    /**
     * Fused backward pass: {@code dx[i] = dy[i] * op'(x[i], y[i]; alpha)} for {@code i < n},
     * where {@code y = op(x)} is the forward output. Either {@code x} or {@code y} may be
     * {@code null} when the derivative of {@code op} does not read it (see
     * {@link #backwardReads}). Modifies {@code dx}.
     */
    void unaryBackward(UnaryOp op, double alpha, float[] x, int xOff, float[] y, int yOff,
                       float[] dy, int dyOff, float[] dx, int dxOff, int n);

    /** Double-precision twin of the float {@code unaryBackward}. */
    void unaryBackward(UnaryOp op, double alpha, double[] x, int xOff, double[] y, int yOff,
                       double[] dy, int dyOff, double[] dx, int dxOff, int n);

    /**
     * 2-D strided binary kernel, the one entry point for every broadcast pattern:
     * {@code out[outOff + r*cols + c] = a[aOff + r*aRs + c*aCs] op b[bOff + r*bRs + c*bCs]}
     * for {@code r < rows, c < cols}. A stride of 0 broadcasts: same shape is
     * {@code (cols, 1)}, a row vector {@code (0, 1)}, a column vector {@code (1, 0)}, a scalar
     * {@code (0, 0)}. Implementations take a vector path whenever both column strides are 0 or
     * 1, and a plain strided loop otherwise. Modifies {@code out}.
     */
    void binary(BinaryOp op, float[] a, int aOff, int aRs, int aCs,
                float[] b, int bOff, int bRs, int bCs,
                float[] out, int outOff, int rows, int cols);

    /** Double-precision twin of the float {@code binary}. */
    void binary(BinaryOp op, double[] a, int aOff, int aRs, int aCs,
                double[] b, int bOff, int bRs, int bCs,
                double[] out, int outOff, int rows, int cols);

    /** Which of x (bit 1) and y (bit 2) the derivative of {@code op} reads. */
    static int backwardReads(UnaryOp op) {
        switch (op) {
            case NEG: case SIGN: return 0;
            case SQRT: case RSQRT: case RECIPROCAL: case EXP: case EXPM1: case SIGMOID: case TANH: return 2;
            case ELU: return 3;
            default: return 1;
        }
    }
}
