package org.adjoint.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Double Vector API bodies of the elementwise kernels, the line-for-line twin of
 * {@link PanamaElementwiseF32} (kept in step with it by hand; both are tested against the scalar
 * twins).
 *
 * <p>Every loop runs {@code SPECIES.loopBound(n)} full vectors and finishes the tail with the
 * reference definition ({@link UnaryOp#apply}, {@link BinaryOp#apply}) exactly as the scalar
 * twin does. Basic arithmetic is bit-identical to the scalar twin; transcendentals are within a
 * few ulp of {@link Math}.
 */
final class PanamaElementwiseF64 {

    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private PanamaElementwiseF64() {
    }

    // ---------------------------------------------------------------- unary

    /** {@code y[yOff+i] = op(x[xOff+i]; alpha)}. */
    static void unary(UnaryOp op, double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, xOff + i);
            apply(op, v, alpha).intoArray(y, yOff + i);
        }
        // tail
        for (; i < n; i++) {
            y[yOff + i] = op.apply(x[xOff + i], alpha);
        }
    }

    /** The function value of {@code op} on every lane; NaN in, NaN out. */
    static DoubleVector apply(UnaryOp op, DoubleVector x, double alpha) {
        switch (op) {
            case NEG: return x.neg();
            case ABS: return x.abs();
            case SIGN: return sign(x);
            case SQUARE: return x.mul(x);
            case SQRT: return x.sqrt();
            case RSQRT: return x.broadcast(1).div(x.sqrt());
            case RECIPROCAL: return x.broadcast(1).div(x);
            case EXP: return x.lanewise(VectorOperators.EXP);
            case EXPM1: return x.lanewise(VectorOperators.EXPM1);
            case LOG: return x.lanewise(VectorOperators.LOG);
            case LOG1P: return x.lanewise(VectorOperators.LOG1P);
            case SIGMOID: return sigmoid(x);
            case TANH: return x.lanewise(VectorOperators.TANH);
            case RELU: return x.broadcast(0).blend(x, x.compare(VectorOperators.GT, 0));
            case LEAKY_RELU: return x.mul(alpha).blend(x, x.compare(VectorOperators.GT, 0));
            case ELU: return x.lanewise(VectorOperators.EXPM1).mul(alpha).blend(x, x.compare(VectorOperators.GT, 0));
            case SOFTPLUS: return softplus(x);
            default: throw new AssertionError(op);
        }
    }

    /** signum: -1, 0 (keeping the sign of zero) or 1; NaN stays NaN. */
    private static DoubleVector sign(DoubleVector x) {
        VectorMask<Double> pos = x.compare(VectorOperators.GT, 0);
        VectorMask<Double> neg = x.compare(VectorOperators.LT, 0);
        return x.blend(1, pos).blend(-1, neg);
    }

    /**
     * sigmoid(x) = num / (1 + e) with e = exp(-|x|) and num = 1 for x &gt;= 0, e otherwise: the
     * exponential never overflows, so both tails saturate to 0 and 1 instead of NaN.
     */
    static DoubleVector sigmoid(DoubleVector x) {
        DoubleVector e = x.abs().neg().lanewise(VectorOperators.EXP);
        DoubleVector num = e.blend(1, x.compare(VectorOperators.GE, 0));
        return num.div(e.add(1));
    }

    /** softplus(x) = max(x, 0) + log1p(exp(-|x|)): no overflow, no cancellation. */
    private static DoubleVector softplus(DoubleVector x) {
        DoubleVector tail = x.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
        return x.max(0).add(tail);
    }

    // ---------------------------------------------------------------- unary backward

    /** {@code dx = dy * op'(x, y; alpha)}; {@code x} or {@code y} may be null when not read. */
    static void unaryBackward(UnaryOp op, double alpha, double[] x, int xOff, double[] y, int yOff,
                              double[] dy, int dyOff, double[] dx, int dxOff, int n) {
        int reads = ElementwiseKernels.backwardReads(op);
        assert (reads & 1) == 0 || x != null : op + " backward reads x";
        assert (reads & 2) == 0 || y != null : op + " backward reads y";
        boolean readX = (reads & 1) != 0;
        boolean readY = (reads & 2) != 0;
        DoubleVector zero = DoubleVector.zero(SPECIES);
        int bound = SPECIES.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += LANES) {
            DoubleVector xv = readX ? DoubleVector.fromArray(SPECIES, x, xOff + i) : zero;
            DoubleVector yv = readY ? DoubleVector.fromArray(SPECIES, y, yOff + i) : zero;
            DoubleVector g = DoubleVector.fromArray(SPECIES, dy, dyOff + i);
            backward(op, xv, yv, g, alpha).intoArray(dx, dxOff + i);
        }
        // tail
        for (; i < n; i++) {
            double xi = x == null ? Double.NaN : x[xOff + i];
            double yi = y == null ? Double.NaN : y[yOff + i];
            dx[dxOff + i] = dy[dyOff + i] * op.derivative(xi, yi, alpha);
        }
    }

    /**
     * {@code g * op'(x, y)}. Factors are arranged to avoid cancellation in float:
     * {@code 1 - y^2} is computed as {@code (1 - y)(1 + y)}.
     */
    static DoubleVector backward(UnaryOp op, DoubleVector x, DoubleVector y, DoubleVector g, double alpha) {
        switch (op) {
            case NEG: return g.neg();
            case ABS: return g.mul(sign(x));
            case SIGN: return g.mul(0);
            case SQUARE: return g.mul(x.add(x));
            case SQRT: return g.mul(0.5).div(y);
            case RSQRT: return g.mul(y.mul(y).mul(y).mul(-0.5));
            case RECIPROCAL: return g.mul(y.mul(y).neg());
            case EXP: return g.mul(y);
            case EXPM1: return g.mul(y.add(1));
            case LOG: return g.div(x);
            case LOG1P: return g.div(x.add(1));
            case SIGMOID: return g.mul(y.mul(y.broadcast(1).sub(y)));
            case TANH: return g.mul(y.broadcast(1).sub(y).mul(y.add(1)));
            case RELU: return g.mul(x.broadcast(0).blend(1, x.compare(VectorOperators.GT, 0)));
            case LEAKY_RELU: return g.mul(x.broadcast(alpha).blend(1, x.compare(VectorOperators.GT, 0)));
            case ELU: return g.mul(y.add(alpha).blend(1, x.compare(VectorOperators.GT, 0)));
            case SOFTPLUS: return g.mul(sigmoid(x));
            default: throw new AssertionError(op);
        }
    }

    // ---------------------------------------------------------------- binary

    /**
     * One row of {@code out[oi + c] = a[ai + c*aCs] op b[bi + c*bCs]}, {@code c < n}, for
     * column strides in {0, 1}; a 0 stride broadcasts the one element.
     */
    static void binaryRow(BinaryOp op, double[] a, int ai, int aCs, double[] b, int bi, int bCs,
                          double[] out, int oi, int n) {
        assert (aCs == 0 || aCs == 1) && (bCs == 0 || bCs == 1);
        if (aCs == 0 && bCs == 0) {
            fill(out, oi, n, op.apply(a[ai], b[bi]));
            return;
        }
        DoubleVector aFixed = DoubleVector.broadcast(SPECIES, a[ai]);
        DoubleVector bFixed = DoubleVector.broadcast(SPECIES, b[bi]);
        int bound = SPECIES.loopBound(n);
        int c = 0;
        // vector loop
        for (; c < bound; c += LANES) {
            DoubleVector av = aCs == 1 ? DoubleVector.fromArray(SPECIES, a, ai + c) : aFixed;
            DoubleVector bv = bCs == 1 ? DoubleVector.fromArray(SPECIES, b, bi + c) : bFixed;
            apply(op, av, bv).intoArray(out, oi + c);
        }
        // tail
        for (; c < n; c++) {
            out[oi + c] = op.apply(a[ai + c * aCs], b[bi + c * bCs]);
        }
    }

    /** {@code a op b} on every lane; comparisons give 1 or 0. */
    static DoubleVector apply(BinaryOp op, DoubleVector a, DoubleVector b) {
        switch (op) {
            case ADD: return a.add(b);
            case SUB: return a.sub(b);
            case MUL: return a.mul(b);
            case DIV: return a.div(b);
            case POW: return a.lanewise(VectorOperators.POW, b);
            case MAX: return a.max(b);
            case MIN: return a.min(b);
            case GT: return mask(a.compare(VectorOperators.GT, b));
            case GE: return mask(a.compare(VectorOperators.GE, b));
            case LT: return mask(a.compare(VectorOperators.LT, b));
            case LE: return mask(a.compare(VectorOperators.LE, b));
            case EQ: return mask(a.compare(VectorOperators.EQ, b));
            case NE: return mask(a.compare(VectorOperators.NE, b));
            default: throw new AssertionError(op);
        }
    }

    private static DoubleVector mask(VectorMask<Double> m) {
        return DoubleVector.zero(SPECIES).blend(1, m);
    }

    /** {@code out[off + i] = value} for {@code i < n}. */
    static void fill(double[] out, int off, int n, double value) {
        DoubleVector v = DoubleVector.broadcast(SPECIES, value);
        int bound = SPECIES.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += LANES) {
            v.intoArray(out, off + i);
        }
        // tail
        for (; i < n; i++) {
            out[off + i] = value;
        }
    }
}
