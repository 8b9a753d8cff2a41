package org.adjoint.ops.fused;

import java.util.Arrays;
import org.adjoint.graph.Tensor;
import org.adjoint.kernels.BinaryOp;
import org.adjoint.kernels.ElementwiseKernels;
import org.adjoint.kernels.UnaryOp;

/**
 * A straight-line program of elementwise kernel calls that computes one output of shape
 * {@code [rows, cols]} (the output's last dimension is {@code cols}) from inputs read through
 * 2-D access patterns: input i's element for output position (r, c) is at
 * {@code off[i] + r*rs[i] + c*cs[i]} of its array. Patterns cover a tensor of the output's
 * shape ({@code (0, cols, 1)}), a row vector broadcast down the rows ({@code (0, 0, 1)}), a
 * column vector ({@code (0, 1, 0)}), a scalar ({@code (0, 0, 0)}) and a block of columns of a
 * wider tensor (a slice: {@code (begin, width, 1)}).
 *
 * <p>The output is computed in tiles of {@value #TILE} consecutive elements; each instruction
 * runs over one tile into a tile-sized register (scratch) and the last one into the output, so
 * intermediate values never leave the L1 cache and no intermediate tensor exists. Unary kernels
 * run over a tile as one flat range starting at a multiple of {@value #TILE} (a multiple of every
 * vector width), so each element meets the same vector lane or scalar tail as in the unfused
 * op: the results are bitwise those of the ops run one by one. Binary kernels run over the
 * tile's part rows and whole rows with the 2-D strided kernel (exact IEEE operations, so
 * position does not matter there either).
 *
 * <p>Immutable; one program may run in several threads (registers are per-run scratch).
 */
final class Program {

    static final int UNARY = 0;
    static final int BINARY = 1;
    static final int UNARY_GRAD = 2;
    /** Copies an input's pattern into a register (for flat kernels reading a strided input). */
    static final int LOAD = 3;

    /** Operand code: not read. */
    static final int NONE = Integer.MIN_VALUE;
    /** Destination code: the output. */
    static final int OUT = -1;
    /** Elements per tile: a multiple of every vector width (up to 2048-bit vectors of bytes). */
    static final int TILE = 2048;

    final int rows;
    final int cols;
    final int[] inOff;
    final int[] inRs;
    final int[] inCs;
    final int[] code;
    final UnaryOp[] unary;
    final double[] alpha;
    final BinaryOp[] binary;
    /** Per instruction: operands; {@code r >= 0} register r, {@code -1 - i} input i, {@link #NONE}. */
    final int[][] args;
    /** Per instruction: destination register, or {@link #OUT} (only the last instruction). */
    final int[] dst;
    final int registers;

    Program(int rows, int cols, int[] inOff, int[] inRs, int[] inCs, int[] code, UnaryOp[] unary, double[] alpha,
            BinaryOp[] binary, int[][] args, int[] dst, int registers) {
        this.rows = rows;
        this.cols = cols;
        this.inOff = inOff;
        this.inRs = inRs;
        this.inCs = inCs;
        this.code = code;
        this.unary = unary;
        this.alpha = alpha;
        this.binary = binary;
        this.args = args;
        this.dst = dst;
        this.registers = registers;
    }

    int inputs() {
        return inOff.length;
    }

    int size() {
        return rows * cols;
    }

    int instructions() {
        return code.length;
    }

    /** Scratch elements the registers need for an output of {@link #size()} elements. */
    int scratchSize() {
        return registers * Math.min(TILE, Math.max(size(), 1));
    }

    /** Whether input i is read as a whole tensor of the output's shape, element-aligned (in place is safe). */
    boolean aligned(int i) {
        return inOff[i] == 0 && inCs[i] == 1 && (inRs[i] == cols || rows == 1);
    }

    /** Whether the pattern of input i is a contiguous run for any flat range (so flat kernels can read it). */
    boolean contiguous(int i) {
        return inCs[i] == 1 && (inRs[i] == cols || rows == 1);
    }

    /**
     * Runs the program: {@code out = program(inputs)}, F32. {@code in[i]} is the array of input
     * i; {@code regs} holds {@link #scratchSize()} elements.
     */
    void runF32(ElementwiseKernels k, Tensor[] in, int[] map, Tensor output, float[] regs) {
        float[] out = output.floats();
        int total = size();
        int tile = Math.min(TILE, Math.max(total, 1));
        for (int s = 0; s < total; s += TILE) {
            int len = Math.min(TILE, total - s);
            for (int j = 0; j < code.length; j++) {
                int[] a = args[j];
                int d = dst[j];
                float[] dArr = d == OUT ? out : regs;
                int dOff = d == OUT ? s : d * tile;
                switch (code[j]) {
                    case UNARY:
                        k.unary(unary[j], alpha[j], arrF(a[0], in, map, output, regs), offset(a[0], s, tile), dArr, dOff, len);
                        break;
                    case UNARY_GRAD:
                        k.unaryBackward(unary[j], alpha[j], arrF(a[0], in, map, output, regs), offset(a[0], s, tile),
                                arrF(a[1], in, map, output, regs), offset(a[1], s, tile), arrF(a[2], in, map, output, regs),
                                offset(a[2], s, tile), dArr, dOff, len);
                        break;
                    case LOAD:
                        loadF32(-1 - a[0], arrF(a[0], in, map, output, regs), s, len, regs, dOff);
                        break;
                    default:
                        binaryF32(k, j, in, map, output, regs, tile, s, len, dArr, d == OUT ? 0 : d * tile - s);
                }
            }
        }
    }

    /** F64 twin of {@link #runF32}. */
    void runF64(ElementwiseKernels k, Tensor[] in, int[] map, Tensor output, double[] regs) {
        double[] out = output.doubles();
        int total = size();
        int tile = Math.min(TILE, Math.max(total, 1));
        for (int s = 0; s < total; s += TILE) {
            int len = Math.min(TILE, total - s);
            for (int j = 0; j < code.length; j++) {
                int[] a = args[j];
                int d = dst[j];
                double[] dArr = d == OUT ? out : regs;
                int dOff = d == OUT ? s : d * tile;
                switch (code[j]) {
                    case UNARY:
                        k.unary(unary[j], alpha[j], arrD(a[0], in, map, output, regs), offset(a[0], s, tile), dArr, dOff, len);
                        break;
                    case UNARY_GRAD:
                        k.unaryBackward(unary[j], alpha[j], arrD(a[0], in, map, output, regs), offset(a[0], s, tile),
                                arrD(a[1], in, map, output, regs), offset(a[1], s, tile), arrD(a[2], in, map, output, regs),
                                offset(a[2], s, tile), dArr, dOff, len);
                        break;
                    case LOAD:
                        loadF64(-1 - a[0], arrD(a[0], in, map, output, regs), s, len, regs, dOff);
                        break;
                    default:
                        binaryF64(k, j, in, map, output, regs, tile, s, len, dArr, d == OUT ? 0 : d * tile - s);
                }
            }
        }
    }

    /** The array of an operand: a register, an input ({@code map[i]}: its kernel input, or {@link #OUT}), or null. */
    private static float[] arrF(int operand, Tensor[] in, int[] map, Tensor out, float[] regs) {
        if (operand == NONE) {
            return null;
        }
        if (operand >= 0) {
            return regs;
        }
        int m = map[-1 - operand];
        return m == OUT ? out.floats() : in[m].floats();
    }

    private static double[] arrD(int operand, Tensor[] in, int[] map, Tensor out, double[] regs) {
        if (operand == NONE) {
            return null;
        }
        if (operand >= 0) {
            return regs;
        }
        int m = map[-1 - operand];
        return m == OUT ? out.doubles() : in[m].doubles();
    }

    /** Offset of flat position s of a flat-readable operand (a register, or a contiguous input). */
    private int offset(int operand, int s, int tile) {
        if (operand == NONE) {
            return 0;
        }
        return operand >= 0 ? operand * tile : inOff[-1 - operand] + s;
    }

    /**
     * One binary instruction over the tile {@code [s, s + len)}: the part row at its start, the
     * whole rows, the part row at its end, each one 2-D kernel call. {@code dBase}: offset of flat
     * position 0 in the destination array.
     */
    private void binaryF32(ElementwiseKernels k, int j, Tensor[] in, int[] map, Tensor output, float[] regs, int tile,
            int s, int len, float[] dArr, int dBase) {
        int e = s + len;
        int pos = s;
        while (pos < e) {
            int r = pos / cols;
            int c = pos % cols;
            int nRows;
            int nCols;
            if (c != 0 || e - pos < cols) {
                nRows = 1;
                nCols = Math.min(cols - c, e - pos);
            } else {
                nRows = (e - pos) / cols;
                nCols = cols;
            }
            int x = args[j][0];
            int y = args[j][1];
            k.binary(binary[j], arrF(x, in, map, output, regs), at(x, r, c, s, tile), rowStride(x), colStride(x),
                    arrF(y, in, map, output, regs), at(y, r, c, s, tile), rowStride(y), colStride(y), dArr, dBase + pos, nRows,
                    nCols);
            pos += nRows * nCols;
        }
    }

    private void binaryF64(ElementwiseKernels k, int j, Tensor[] in, int[] map, Tensor output, double[] regs,
            int tile, int s, int len, double[] dArr, int dBase) {
        int e = s + len;
        int pos = s;
        while (pos < e) {
            int r = pos / cols;
            int c = pos % cols;
            int nRows;
            int nCols;
            if (c != 0 || e - pos < cols) {
                nRows = 1;
                nCols = Math.min(cols - c, e - pos);
            } else {
                nRows = (e - pos) / cols;
                nCols = cols;
            }
            int x = args[j][0];
            int y = args[j][1];
            k.binary(binary[j], arrD(x, in, map, output, regs), at(x, r, c, s, tile), rowStride(x), colStride(x),
                    arrD(y, in, map, output, regs), at(y, r, c, s, tile), rowStride(y), colStride(y), dArr, dBase + pos, nRows,
                    nCols);
            pos += nRows * nCols;
        }
    }

    /** Offset of output position (r, c) in an operand's array; registers hold the tile from s. */
    private int at(int operand, int r, int c, int s, int tile) {
        if (operand >= 0) {
            return operand * tile + r * cols + c - s;
        }
        int i = -1 - operand;
        return inOff[i] + r * inRs[i] + c * inCs[i];
    }

    private int rowStride(int operand) {
        return operand >= 0 ? cols : inRs[-1 - operand];
    }

    private int colStride(int operand) {
        return operand >= 0 ? 1 : inCs[-1 - operand];
    }

    /** Copies input i's elements for flat positions {@code [s, s + len)} into {@code regs[dOff..]}. */
    private void loadF32(int i, float[] x, int s, int len, float[] regs, int dOff) {
        int pos = s;
        int e = s + len;
        while (pos < e) {
            int r = pos / cols;
            int c = pos % cols;
            int n = Math.min(cols - c, e - pos);
            int from = inOff[i] + r * inRs[i] + c * inCs[i];
            int to = dOff + pos - s;
            if (inCs[i] == 1) {
                System.arraycopy(x, from, regs, to, n);
            } else if (inCs[i] == 0) {
                Arrays.fill(regs, to, to + n, x[from]);
            } else {
                for (int t = 0; t < n; t++) {
                    regs[to + t] = x[from + t * inCs[i]];
                }
            }
            pos += n;
        }
    }

    private void loadF64(int i, double[] x, int s, int len, double[] regs, int dOff) {
        int pos = s;
        int e = s + len;
        while (pos < e) {
            int r = pos / cols;
            int c = pos % cols;
            int n = Math.min(cols - c, e - pos);
            int from = inOff[i] + r * inRs[i] + c * inCs[i];
            int to = dOff + pos - s;
            if (inCs[i] == 1) {
                System.arraycopy(x, from, regs, to, n);
            } else if (inCs[i] == 0) {
                Arrays.fill(regs, to, to + n, x[from]);
            } else {
                for (int t = 0; t < n; t++) {
                    regs[to + t] = x[from + t * inCs[i]];
                }
            }
            pos += n;
        }
    }

    /** A one-line listing for plan descriptions: {@code r0 = relu(in0); out = r0 + in1}. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < code.length; j++) {
            if (j > 0) {
                sb.append("; ");
            }
            sb.append(dst[j] == OUT ? "out" : "r" + dst[j]).append(" = ");
            switch (code[j]) {
                case UNARY:
                    sb.append(unary[j].name().toLowerCase()).append('(').append(name(args[j][0])).append(')');
                    break;
                case UNARY_GRAD:
                    sb.append(unary[j].name().toLowerCase()).append("_grad(").append(name(args[j][0])).append(", ")
                            .append(name(args[j][1])).append(", ").append(name(args[j][2])).append(')');
                    break;
                case LOAD:
                    sb.append("load(").append(name(args[j][0])).append(')');
                    break;
                default:
                    sb.append(binary[j].name().toLowerCase()).append('(').append(name(args[j][0])).append(", ")
                            .append(name(args[j][1])).append(')');
            }
        }
        return sb.toString();
    }

    private static String name(int operand) {
        return operand == NONE ? "_" : operand >= 0 ? "r" + operand : "in" + (-1 - operand);
    }
}
