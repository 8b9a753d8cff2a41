package org.adjoint.kernels;

/**
 * Vector API elementwise kernels. The float and double bodies live in
 * {@link PanamaElementwiseF32} and {@link PanamaElementwiseF64}; this class routes the 2-D
 * strided {@code binary} entry point:
 * <ul>
 *   <li>both column strides in {0, 1}: row by row through the vector path (same shape, row
 *       broadcast, column broadcast, scalar); rows that are adjacent in every operand are
 *       merged into one long row so short rows still fill vectors;</li>
 *   <li>any other column stride (a transposed view): the scalar twin's strided loop.</li>
 * </ul>
 */
final class PanamaElementwise implements ElementwiseKernels {

    private final ScalarElementwise scalar = new ScalarElementwise();

    @Override
    public void unary(UnaryOp op, double alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        PanamaElementwiseF32.unary(op, (float) alpha, x, xOff, y, yOff, n);
    }

    @Override
    public void unary(UnaryOp op, double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        PanamaElementwiseF64.unary(op, alpha, x, xOff, y, yOff, n);
    }

    @Override
    public void unaryBackward(UnaryOp op, double alpha, float[] x, int xOff, float[] y, int yOff,
                              float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        PanamaElementwiseF32.unaryBackward(op, (float) alpha, x, xOff, y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void unaryBackward(UnaryOp op, double alpha, double[] x, int xOff, double[] y, int yOff,
                              double[] dy, int dyOff, double[] dx, int dxOff, int n) {
        PanamaElementwiseF64.unaryBackward(op, alpha, x, xOff, y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void binary(BinaryOp op, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int bRs, int bCs,
                       float[] out, int outOff, int rows, int cols) {
        if (!vectorStrides(aCs, bCs)) {
            scalar.binary(op, a, aOff, aRs, aCs, b, bOff, bRs, bCs, out, outOff, rows, cols);
        } else if (rowsMerge(aRs, aCs, bRs, bCs, cols)) {
            PanamaElementwiseF32.binaryRow(op, a, aOff, aCs, b, bOff, bCs, out, outOff, rows * cols);
        } else {
            for (int r = 0; r < rows; r++) {
                PanamaElementwiseF32.binaryRow(op, a, aOff + r * aRs, aCs, b, bOff + r * bRs, bCs,
                        out, outOff + r * cols, cols);
            }
        }
    }

    @Override
    public void binary(BinaryOp op, double[] a, int aOff, int aRs, int aCs, double[] b, int bOff, int bRs, int bCs,
                       double[] out, int outOff, int rows, int cols) {
        if (!vectorStrides(aCs, bCs)) {
            scalar.binary(op, a, aOff, aRs, aCs, b, bOff, bRs, bCs, out, outOff, rows, cols);
        } else if (rowsMerge(aRs, aCs, bRs, bCs, cols)) {
            PanamaElementwiseF64.binaryRow(op, a, aOff, aCs, b, bOff, bCs, out, outOff, rows * cols);
        } else {
            for (int r = 0; r < rows; r++) {
                PanamaElementwiseF64.binaryRow(op, a, aOff + r * aRs, aCs, b, bOff + r * bRs, bCs,
                        out, outOff + r * cols, cols);
            }
        }
    }

    /** The vector path reads each operand either contiguously (stride 1) or as one broadcast element (0). */
    static boolean vectorStrides(int aCs, int bCs) {
        return (aCs == 0 || aCs == 1) && (bCs == 0 || bCs == 1);
    }

    /**
     * Whether (rows, cols) can be treated as one row of {@code rows*cols}: every operand either
     * continues contiguously into the next row ({@code Rs == cols}, {@code Cs == 1}) or is one
     * element for the whole matrix ({@code Rs == 0}, {@code Cs == 0}).
     */
    static boolean rowsMerge(int aRs, int aCs, int bRs, int bCs, int cols) {
        return continues(aRs, aCs, cols) && continues(bRs, bCs, cols);
    }

    private static boolean continues(int rs, int cs, int cols) {
        return (cs == 1 && rs == cols) || (cs == 0 && rs == 0);
    }
}
