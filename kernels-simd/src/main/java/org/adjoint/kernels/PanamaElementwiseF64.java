package org.adjoint.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Double Vector API bodies of the elementwise kernels, the line-for-line twin of
 * {@link PanamaElementwiseF32} (kept in step with it; both are tested against the scalar twins).
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

    /**
     * {@code y[yOff+i] = op(x[xOff+i]; alpha)}; the vector part runs the op's loop from the
     * per-op table (see the NOTE at the tables).
     */
    static void unary(UnaryOp op, double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        int bound = SPECIES.loopBound(n);
        // vector loop
        UNARY[op.ordinal()].run(x, xOff, y, yOff, bound, alpha);
        // tail
        for (int i = bound; i < n; i++) {
            y[yOff + i] = op.apply(x[xOff + i], alpha);
        }
    }

    // ---------------------------------------------------------------- per-op loop tables

    /*
     * NOTE: one loop object per op, called through a megamorphic interface call. A switch over
     * all ops around (or inside) one loop compiles to a single method whose inlined Vector API
     * code exceeds C2's inlining budget once several ops have run; every vector that then
     * crosses a non-inlined call is boxed on the heap, ~10x slower. Separate lambdas are
     * compiled separately, each with its operator a constant.
     */

    @FunctionalInterface
    private interface UnaryLoop {
        /** The vector part, {@code i < bound}, of {@link #unary}. */
        void run(double[] x, int xOff, double[] y, int yOff, int bound, double alpha);
    }

    @FunctionalInterface
    private interface BackwardLoop {
        /** The vector part, {@code i < bound}, of {@link #unaryBackward}. */
        void run(double[] x, int xOff, double[] y, int yOff, double[] dy, int dyOff, double[] dx, int dxOff,
                 int bound, double alpha);
    }

    @FunctionalInterface
    private interface BinaryLoop {
        /** The vector part, {@code c < bound}, of {@link #binaryRow}. */
        void run(double[] a, int ai, int aCs, double[] b, int bi, int bCs, double[] out, int oi, int bound);
    }

    private static final UnaryLoop[] UNARY = new UnaryLoop[UnaryOp.values().length];
    private static final BackwardLoop[] BACKWARD = new BackwardLoop[UnaryOp.values().length];
    private static final BinaryLoop[] BINARY = new BinaryLoop[BinaryOp.values().length];

    static {
        for (UnaryOp op : UnaryOp.values()) {
            UNARY[op.ordinal()] = unaryLoop(op);
            BACKWARD[op.ordinal()] = backwardLoop(op);
        }
        for (BinaryOp op : BinaryOp.values()) {
            BINARY[op.ordinal()] = binaryLoop(op);
        }
    }

    private static UnaryLoop unaryLoop(UnaryOp op) {
        switch (op) {
            case NEG:
                return (x, xOff, y, yOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) { load(x, xOff + i).neg().intoArray(y, yOff + i); }
                };
            case ABS:
                return (x, xOff, y, yOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) { load(x, xOff + i).abs().intoArray(y, yOff + i); }
                };
            case SIGN:
                return (x, xOff, y, yOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) { sign(load(x, xOff + i)).intoArray(y, yOff + i); }
                };
            case SQUARE:
                return (x, xOff, y, yOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) { square(load(x, xOff + i)).intoArray(y, yOff + i); }
                };
            case SQRT:
                return (x, xOff, y, yOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) { load(x, xOff + i).sqrt().intoArray(y, yOff + i); }
                };
            case RSQRT:
                return (x, xOff, y, yOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) { rsqrt(load(x, xOff + i)).intoArray(y, yOff + i); }
                };
            case RECIPROCAL:
                return (x, xOff, y, yOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) { reciprocal(load(x, xOff + i)).intoArray(y, yOff + i); }
                };
            case EXP:
                return (x, xOff, y, yOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        load(x, xOff + i).lanewise(VectorOperators.EXP).intoArray(y, yOff + i);
                    }
                };
            case EXPM1:
                return (x, xOff, y, yOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        load(x, xOff + i).lanewise(VectorOperators.EXPM1).intoArray(y, yOff + i);
                    }
                };
            case LOG:
                return (x, xOff, y, yOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        load(x, xOff + i).lanewise(VectorOperators.LOG).intoArray(y, yOff + i);
                    }
                };
            case LOG1P:
                return (x, xOff, y, yOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        load(x, xOff + i).lanewise(VectorOperators.LOG1P).intoArray(y, yOff + i);
                    }
                };
            case SIGMOID:
                return (x, xOff, y, yOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) { sigmoid(load(x, xOff + i)).intoArray(y, yOff + i); }
                };
            case TANH:
                return (x, xOff, y, yOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        load(x, xOff + i).lanewise(VectorOperators.TANH).intoArray(y, yOff + i);
                    }
                };
            case RELU:
                return (x, xOff, y, yOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) { relu(load(x, xOff + i)).intoArray(y, yOff + i); }
                };
            case LEAKY_RELU:
                return (x, xOff, y, yOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) { leakyRelu(load(x, xOff + i), alpha).intoArray(y, yOff + i); }
                };
            case ELU:
                return (x, xOff, y, yOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) { elu(load(x, xOff + i), alpha).intoArray(y, yOff + i); }
                };
            case SOFTPLUS:
                return (x, xOff, y, yOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) { softplus(load(x, xOff + i)).intoArray(y, yOff + i); }
                };
            default:
                throw new AssertionError(op);
        }
    }

    /** {@code g * op'(x, y)}; {@code 1 - y^2} as {@code (1 - y)(1 + y)} against cancellation. */
    private static BackwardLoop backwardLoop(UnaryOp op) {
        switch (op) {
            case NEG:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) { load(dy, dyOff + i).neg().intoArray(dx, dxOff + i); }
                };
            case ABS:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        load(dy, dyOff + i).mul(sign(load(x, xOff + i))).intoArray(dx, dxOff + i);
                    }
                };
            case SIGN:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) { load(dy, dyOff + i).mul(0).intoArray(dx, dxOff + i); }
                };
            case SQUARE:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        DoubleVector xv = load(x, xOff + i);
                        load(dy, dyOff + i).mul(xv.add(xv)).intoArray(dx, dxOff + i);
                    }
                };
            case SQRT:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        load(dy, dyOff + i).mul(0.5).div(load(y, yOff + i)).intoArray(dx, dxOff + i);
                    }
                };
            case RSQRT:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        DoubleVector yv = load(y, yOff + i);
                        load(dy, dyOff + i).mul(yv.mul(yv).mul(yv).mul(-0.5)).intoArray(dx, dxOff + i);
                    }
                };
            case RECIPROCAL:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        DoubleVector yv = load(y, yOff + i);
                        load(dy, dyOff + i).mul(yv.mul(yv).neg()).intoArray(dx, dxOff + i);
                    }
                };
            case EXP:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        load(dy, dyOff + i).mul(load(y, yOff + i)).intoArray(dx, dxOff + i);
                    }
                };
            case EXPM1:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        load(dy, dyOff + i).mul(load(y, yOff + i).add(1)).intoArray(dx, dxOff + i);
                    }
                };
            case LOG:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        load(dy, dyOff + i).div(load(x, xOff + i)).intoArray(dx, dxOff + i);
                    }
                };
            case LOG1P:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        load(dy, dyOff + i).div(load(x, xOff + i).add(1)).intoArray(dx, dxOff + i);
                    }
                };
            case SIGMOID:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        DoubleVector yv = load(y, yOff + i);
                        load(dy, dyOff + i).mul(yv.mul(yv.broadcast(1).sub(yv))).intoArray(dx, dxOff + i);
                    }
                };
            case TANH:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        DoubleVector yv = load(y, yOff + i);
                        load(dy, dyOff + i).mul(yv.broadcast(1).sub(yv).mul(yv.add(1))).intoArray(dx, dxOff + i);
                    }
                };
            case RELU:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        DoubleVector xv = load(x, xOff + i);
                        DoubleVector slope = xv.broadcast(0).blend(1, xv.compare(VectorOperators.GT, 0));
                        load(dy, dyOff + i).mul(slope).intoArray(dx, dxOff + i);
                    }
                };
            case LEAKY_RELU:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        DoubleVector xv = load(x, xOff + i);
                        DoubleVector slope = xv.broadcast(alpha).blend(1, xv.compare(VectorOperators.GT, 0));
                        load(dy, dyOff + i).mul(slope).intoArray(dx, dxOff + i);
                    }
                };
            case ELU:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        DoubleVector xv = load(x, xOff + i);
                        DoubleVector slope = load(y, yOff + i).add(alpha).blend(1, xv.compare(VectorOperators.GT, 0));
                        load(dy, dyOff + i).mul(slope).intoArray(dx, dxOff + i);
                    }
                };
            case SOFTPLUS:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        load(dy, dyOff + i).mul(sigmoid(load(x, xOff + i))).intoArray(dx, dxOff + i);
                    }
                };
            default:
                throw new AssertionError(op);
        }
    }

    /** The ?: in each loop picks a load (stride 1) or the broadcast element (stride 0). */
    private static BinaryLoop binaryLoop(BinaryOp op) {
        switch (op) {
            case ADD:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    DoubleVector aFixed = DoubleVector.broadcast(SPECIES, a[ai]);
                    DoubleVector bFixed = DoubleVector.broadcast(SPECIES, b[bi]);
                    for (int c = 0; c < bound; c += LANES) {
                        DoubleVector av = aCs == 1 ? load(a, ai + c) : aFixed;
                        DoubleVector bv = bCs == 1 ? load(b, bi + c) : bFixed;
                        av.add(bv).intoArray(out, oi + c);
                    }
                };
            case SUB:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    DoubleVector aFixed = DoubleVector.broadcast(SPECIES, a[ai]);
                    DoubleVector bFixed = DoubleVector.broadcast(SPECIES, b[bi]);
                    for (int c = 0; c < bound; c += LANES) {
                        DoubleVector av = aCs == 1 ? load(a, ai + c) : aFixed;
                        DoubleVector bv = bCs == 1 ? load(b, bi + c) : bFixed;
                        av.sub(bv).intoArray(out, oi + c);
                    }
                };
            case MUL:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    DoubleVector aFixed = DoubleVector.broadcast(SPECIES, a[ai]);
                    DoubleVector bFixed = DoubleVector.broadcast(SPECIES, b[bi]);
                    for (int c = 0; c < bound; c += LANES) {
                        DoubleVector av = aCs == 1 ? load(a, ai + c) : aFixed;
                        DoubleVector bv = bCs == 1 ? load(b, bi + c) : bFixed;
                        av.mul(bv).intoArray(out, oi + c);
                    }
                };
            case DIV:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    DoubleVector aFixed = DoubleVector.broadcast(SPECIES, a[ai]);
                    DoubleVector bFixed = DoubleVector.broadcast(SPECIES, b[bi]);
                    for (int c = 0; c < bound; c += LANES) {
                        DoubleVector av = aCs == 1 ? load(a, ai + c) : aFixed;
                        DoubleVector bv = bCs == 1 ? load(b, bi + c) : bFixed;
                        av.div(bv).intoArray(out, oi + c);
                    }
                };
            case POW:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    DoubleVector aFixed = DoubleVector.broadcast(SPECIES, a[ai]);
                    DoubleVector bFixed = DoubleVector.broadcast(SPECIES, b[bi]);
                    for (int c = 0; c < bound; c += LANES) {
                        DoubleVector av = aCs == 1 ? load(a, ai + c) : aFixed;
                        DoubleVector bv = bCs == 1 ? load(b, bi + c) : bFixed;
                        av.lanewise(VectorOperators.POW, bv).intoArray(out, oi + c);
                    }
                };
            case MAX:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    DoubleVector aFixed = DoubleVector.broadcast(SPECIES, a[ai]);
                    DoubleVector bFixed = DoubleVector.broadcast(SPECIES, b[bi]);
                    for (int c = 0; c < bound; c += LANES) {
                        DoubleVector av = aCs == 1 ? load(a, ai + c) : aFixed;
                        DoubleVector bv = bCs == 1 ? load(b, bi + c) : bFixed;
                        av.max(bv).intoArray(out, oi + c);
                    }
                };
            case MIN:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    DoubleVector aFixed = DoubleVector.broadcast(SPECIES, a[ai]);
                    DoubleVector bFixed = DoubleVector.broadcast(SPECIES, b[bi]);
                    for (int c = 0; c < bound; c += LANES) {
                        DoubleVector av = aCs == 1 ? load(a, ai + c) : aFixed;
                        DoubleVector bv = bCs == 1 ? load(b, bi + c) : bFixed;
                        av.min(bv).intoArray(out, oi + c);
                    }
                };
            case GT:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    DoubleVector aFixed = DoubleVector.broadcast(SPECIES, a[ai]);
                    DoubleVector bFixed = DoubleVector.broadcast(SPECIES, b[bi]);
                    for (int c = 0; c < bound; c += LANES) {
                        DoubleVector av = aCs == 1 ? load(a, ai + c) : aFixed;
                        DoubleVector bv = bCs == 1 ? load(b, bi + c) : bFixed;
                        mask(av.compare(VectorOperators.GT, bv)).intoArray(out, oi + c);
                    }
                };
            case GE:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    DoubleVector aFixed = DoubleVector.broadcast(SPECIES, a[ai]);
                    DoubleVector bFixed = DoubleVector.broadcast(SPECIES, b[bi]);
                    for (int c = 0; c < bound; c += LANES) {
                        DoubleVector av = aCs == 1 ? load(a, ai + c) : aFixed;
                        DoubleVector bv = bCs == 1 ? load(b, bi + c) : bFixed;
                        mask(av.compare(VectorOperators.GE, bv)).intoArray(out, oi + c);
                    }
                };
            case LT:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    DoubleVector aFixed = DoubleVector.broadcast(SPECIES, a[ai]);
                    DoubleVector bFixed = DoubleVector.broadcast(SPECIES, b[bi]);
                    for (int c = 0; c < bound; c += LANES) {
                        DoubleVector av = aCs == 1 ? load(a, ai + c) : aFixed;
                        DoubleVector bv = bCs == 1 ? load(b, bi + c) : bFixed;
                        mask(av.compare(VectorOperators.LT, bv)).intoArray(out, oi + c);
                    }
                };
            case LE:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    DoubleVector aFixed = DoubleVector.broadcast(SPECIES, a[ai]);
                    DoubleVector bFixed = DoubleVector.broadcast(SPECIES, b[bi]);
                    for (int c = 0; c < bound; c += LANES) {
                        DoubleVector av = aCs == 1 ? load(a, ai + c) : aFixed;
                        DoubleVector bv = bCs == 1 ? load(b, bi + c) : bFixed;
                        mask(av.compare(VectorOperators.LE, bv)).intoArray(out, oi + c);
                    }
                };
            case EQ:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    DoubleVector aFixed = DoubleVector.broadcast(SPECIES, a[ai]);
                    DoubleVector bFixed = DoubleVector.broadcast(SPECIES, b[bi]);
                    for (int c = 0; c < bound; c += LANES) {
                        DoubleVector av = aCs == 1 ? load(a, ai + c) : aFixed;
                        DoubleVector bv = bCs == 1 ? load(b, bi + c) : bFixed;
                        mask(av.compare(VectorOperators.EQ, bv)).intoArray(out, oi + c);
                    }
                };
            case NE:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    DoubleVector aFixed = DoubleVector.broadcast(SPECIES, a[ai]);
                    DoubleVector bFixed = DoubleVector.broadcast(SPECIES, b[bi]);
                    for (int c = 0; c < bound; c += LANES) {
                        DoubleVector av = aCs == 1 ? load(a, ai + c) : aFixed;
                        DoubleVector bv = bCs == 1 ? load(b, bi + c) : bFixed;
                        mask(av.compare(VectorOperators.NE, bv)).intoArray(out, oi + c);
                    }
                };
            default:
                throw new AssertionError(op);
        }
    }

    private static DoubleVector load(double[] a, int off) {
        return DoubleVector.fromArray(SPECIES, a, off);
    }

    private static DoubleVector square(DoubleVector x) {
        return x.mul(x);
    }

    private static DoubleVector rsqrt(DoubleVector x) {
        return x.broadcast(1).div(x.sqrt());
    }

    private static DoubleVector reciprocal(DoubleVector x) {
        return x.broadcast(1).div(x);
    }

    /** x for x &gt; 0, else 0 (NaN gives 0, as in the reference). */
    private static DoubleVector relu(DoubleVector x) {
        return x.broadcast(0).blend(x, x.compare(VectorOperators.GT, 0));
    }

    private static DoubleVector leakyRelu(DoubleVector x, double alpha) {
        return x.mul(alpha).blend(x, x.compare(VectorOperators.GT, 0));
    }

    private static DoubleVector elu(DoubleVector x, double alpha) {
        return x.lanewise(VectorOperators.EXPM1).mul(alpha).blend(x, x.compare(VectorOperators.GT, 0));
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

    /**
     * {@code dx = dy * op'(x, y; alpha)}; {@code x} or {@code y} may be null when not read.
     * Factors are arranged to avoid cancellation in float: {@code 1 - y^2} is computed as
     * {@code (1 - y)(1 + y)}.
     */
    static void unaryBackward(UnaryOp op, double alpha, double[] x, int xOff, double[] y, int yOff,
                              double[] dy, int dyOff, double[] dx, int dxOff, int n) {
        int reads = ElementwiseKernels.backwardReads(op);
        assert (reads & 1) == 0 || x != null : op + " backward reads x";
        assert (reads & 2) == 0 || y != null : op + " backward reads y";
        int bound = SPECIES.loopBound(n);
        // vector loop
        BACKWARD[op.ordinal()].run(x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha);
        // tail
        for (int i = bound; i < n; i++) {
            double xi = x == null ? Double.NaN : x[xOff + i];
            double yi = y == null ? Double.NaN : y[yOff + i];
            dx[dxOff + i] = dy[dyOff + i] * op.derivative(xi, yi, alpha);
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
        if (n == 0) {
            return; // NOTE: the broadcast paths read a[ai] and b[bi], which need not exist for an empty row
        }
        if (aCs == 0 && bCs == 0) {
            fill(out, oi, n, op.apply(a[ai], b[bi]));
            return;
        }
        int bound = SPECIES.loopBound(n);
        // vector loop
        BINARY[op.ordinal()].run(a, ai, aCs, b, bi, bCs, out, oi, bound);
        // tail
        for (int c = bound; c < n; c++) {
            out[oi + c] = op.apply(a[ai + c * aCs], b[bi + c * bCs]);
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
