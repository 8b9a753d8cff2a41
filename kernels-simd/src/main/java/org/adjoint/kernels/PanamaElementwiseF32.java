package org.adjoint.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float Vector API bodies of the elementwise kernels; {@link PanamaElementwiseF64} is the double
 * twin, written line for line the same way (both are tested against the scalar twins).
 *
 * <p>Every loop runs {@code SPECIES.loopBound(n)} full vectors and finishes the tail with the
 * reference definition ({@link UnaryOp#apply}, {@link BinaryOp#apply}) exactly as the scalar
 * twin does. Functions are evaluated in float: basic arithmetic is bit-identical to the scalar
 * twin (which rounds the exact double result once), transcendentals are within a few ulp.
 */
final class PanamaElementwiseF32 {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private PanamaElementwiseF32() {
    }

    // ---------------------------------------------------------------- unary

    /** {@code y[yOff+i] = op(x[xOff+i]; alpha)}. */
    static void unary(UnaryOp op, float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOff + i);
            apply(op, v, alpha).intoArray(y, yOff + i);
        }
        // tail
        for (; i < n; i++) {
            y[yOff + i] = (float) op.apply(x[xOff + i], alpha);
        }
    }

    /** The function value of {@code op} on every lane; NaN in, NaN out. */
    static FloatVector apply(UnaryOp op, FloatVector x, float alpha) {
        switch (op) {
            case NEG: return x.neg();
            case ABS: return x.abs();
            case SIGN: return sign(x);
            case SQUARE: return x.mul(x);
            case SQRT: return x.sqrt();
            case RSQRT: return x.broadcast(1f).div(x.sqrt());
            case RECIPROCAL: return x.broadcast(1f).div(x);
            case EXP: return x.lanewise(VectorOperators.EXP);
            case EXPM1: return x.lanewise(VectorOperators.EXPM1);
            case LOG: return x.lanewise(VectorOperators.LOG);
            case LOG1P: return x.lanewise(VectorOperators.LOG1P);
            case SIGMOID: return sigmoid(x);
            case TANH: return x.lanewise(VectorOperators.TANH);
            case RELU: return x.broadcast(0f).blend(x, x.compare(VectorOperators.GT, 0f));
            case LEAKY_RELU: return x.mul(alpha).blend(x, x.compare(VectorOperators.GT, 0f));
            case ELU: return x.lanewise(VectorOperators.EXPM1).mul(alpha).blend(x, x.compare(VectorOperators.GT, 0f));
            case SOFTPLUS: return softplus(x);
            default: throw new AssertionError(op);
        }
    }

    /** signum: -1, 0 (keeping the sign of zero) or 1; NaN stays NaN. */
    private static FloatVector sign(FloatVector x) {
        VectorMask<Float> pos = x.compare(VectorOperators.GT, 0f);
        VectorMask<Float> neg = x.compare(VectorOperators.LT, 0f);
        return x.blend(1f, pos).blend(-1f, neg);
    }

    /**
     * sigmoid(x) = num / (1 + e) with e = exp(-|x|) and num = 1 for x &gt;= 0, e otherwise: the
     * exponential never overflows, so both tails saturate to 0 and 1 instead of NaN.
     */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector e = x.abs().neg().lanewise(VectorOperators.EXP);
        FloatVector num = e.blend(1f, x.compare(VectorOperators.GE, 0f));
        return num.div(e.add(1f));
    }

    /** softplus(x) = max(x, 0) + log1p(exp(-|x|)): no overflow, no cancellation. */
    private static FloatVector softplus(FloatVector x) {
        FloatVector tail = x.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
        return x.max(0f).add(tail);
    }

    // ---------------------------------------------------------------- unary backward

    /** {@code dx = dy * op'(x, y; alpha)}; {@code x} or {@code y} may be null when not read. */
    static void unaryBackward(UnaryOp op, float alpha, float[] x, int xOff, float[] y, int yOff,
                              float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        int reads = ElementwiseKernels.backwardReads(op);
        assert (reads & 1) == 0 || x != null : op + " backward reads x";
        assert (reads & 2) == 0 || y != null : op + " backward reads y";
        boolean readX = (reads & 1) != 0;
        boolean readY = (reads & 2) != 0;
        FloatVector zero = FloatVector.zero(SPECIES);
        int bound = SPECIES.loopBound(n);
        int i = 0;
        // vector loop
        for (; i < bound; i += LANES) {
            FloatVector xv = readX ? FloatVector.fromArray(SPECIES, x, xOff + i) : zero;
            FloatVector yv = readY ? FloatVector.fromArray(SPECIES, y, yOff + i) : zero;
            FloatVector g = FloatVector.fromArray(SPECIES, dy, dyOff + i);
            backward(op, xv, yv, g, alpha).intoArray(dx, dxOff + i);
        }
        // tail
        for (; i < n; i++) {
            double xi = x == null ? Double.NaN : x[xOff + i];
            double yi = y == null ? Double.NaN : y[yOff + i];
            dx[dxOff + i] = (float) (dy[dyOff + i] * op.derivative(xi, yi, alpha));
        }
    }

    /**
     * {@code g * op'(x, y)}. Factors are arranged to avoid cancellation in float:
     * {@code 1 - y^2} is computed as {@code (1 - y)(1 + y)}.
     */
    static FloatVector backward(UnaryOp op, FloatVector x, FloatVector y, FloatVector g, float alpha) {
        switch (op) {
            case NEG: return g.neg();
            case ABS: return g.mul(sign(x));
            case SIGN: return g.mul(0f);
            case SQUARE: return g.mul(x.add(x));
            case SQRT: return g.mul(0.5f).div(y);
            case RSQRT: return g.mul(y.mul(y).mul(y).mul(-0.5f));
            case RECIPROCAL: return g.mul(y.mul(y).neg());
            case EXP: return g.mul(y);
            case EXPM1: return g.mul(y.add(1f));
            case LOG: return g.div(x);
            case LOG1P: return g.div(x.add(1f));
            case SIGMOID: return g.mul(y.mul(y.broadcast(1f).sub(y)));
            case TANH: return g.mul(y.broadcast(1f).sub(y).mul(y.add(1f)));
            case RELU: return g.mul(x.broadcast(0f).blend(1f, x.compare(VectorOperators.GT, 0f)));
            case LEAKY_RELU: return g.mul(x.broadcast(alpha).blend(1f, x.compare(VectorOperators.GT, 0f)));
            case ELU: return g.mul(y.add(alpha).blend(1f, x.compare(VectorOperators.GT, 0f)));
            case SOFTPLUS: return g.mul(sigmoid(x));
            default: throw new AssertionError(op);
        }
    }

    // ---------------------------------------------------------------- binary

    /**
     * One row of {@code out[oi + c] = a[ai + c*aCs] op b[bi + c*bCs]}, {@code c < n}, for
     * column strides in {0, 1}; a 0 stride broadcasts the one element.
     */
    static void binaryRow(BinaryOp op, float[] a, int ai, int aCs, float[] b, int bi, int bCs,
                          float[] out, int oi, int n) {
        assert (aCs == 0 || aCs == 1) && (bCs == 0 || bCs == 1);
        if (aCs == 0 && bCs == 0) {
            fill(out, oi, n, (float) op.apply(a[ai], b[bi]));
            return;
        }
        FloatVector aFixed = FloatVector.broadcast(SPECIES, a[ai]);
        FloatVector bFixed = FloatVector.broadcast(SPECIES, b[bi]);
        int bound = SPECIES.loopBound(n);
        int c = 0;
        // vector loop
        for (; c < bound; c += LANES) {
            FloatVector av = aCs == 1 ? FloatVector.fromArray(SPECIES, a, ai + c) : aFixed;
            FloatVector bv = bCs == 1 ? FloatVector.fromArray(SPECIES, b, bi + c) : bFixed;
            apply(op, av, bv).intoArray(out, oi + c);
        }
        // tail
        for (; c < n; c++) {
            out[oi + c] = (float) op.apply(a[ai + c * aCs], b[bi + c * bCs]);
        }
    }

    /** {@code a op b} on every lane; comparisons give 1 or 0. */
    static FloatVector apply(BinaryOp op, FloatVector a, FloatVector b) {
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

    private static FloatVector mask(VectorMask<Float> m) {
        return FloatVector.zero(SPECIES).blend(1f, m);
    }

    /** {@code out[off + i] = value} for {@code i < n}. */
    static void fill(float[] out, int off, int n, float value) {
        FloatVector v = FloatVector.broadcast(SPECIES, value);
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
