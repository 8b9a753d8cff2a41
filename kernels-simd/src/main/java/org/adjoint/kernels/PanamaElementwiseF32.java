package org.adjoint.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float Vector API bodies of the elementwise kernels. This source is also the template of
 * {@link PanamaElementwiseF64}, generated at build time (kernels-simd/src/build/java/GenerateF64.java).
 *
 * <p>Every loop runs {@code SPECIES.loopBound(n)} full vectors and finishes the tail with the
 * reference definition ({@link UnaryOp#apply}, {@link BinaryOp#apply}) exactly as the scalar
 * twin does. Functions are evaluated in float: basic arithmetic is bit-identical to the scalar
 * twin (which rounds the exact double result once), transcendentals ({@link VectorMathF32}:
 * deterministic in every JIT tier) are within a few ulp.
 */
final class PanamaElementwiseF32 {

    static final VectorSpecies<Float> SPECIES = VectorWidth.F32;
    private static final int LANES = SPECIES.length();

    /*
     * NOTE: no lanewise(EXP/LOG/TANH/POW...): the JDK computes those with SVML stubs in C2 but with
     * Math/StrictMath per lane in the interpreter and C1, so the bits changed with JIT warm-up.
     * Transcendentals come from VectorMathF32 (exactly rounded operations only: the same bits in
     * every tier). POW is VectorMathF64.pow (F32: in double lanes): a double-double log and exp,
     * within 0.76 ulp of the exact value in F64 and bit-identical to (float) Math.pow on every
     * sampled F32 input (VectorPowTest), Math.pow's special cases exactly. Cost (PowBench, 1M
     * elements, AMD EPYC Zen 4, 512-bit, 2026-11-29): F32 10.7 ms on JDK 17 / 7.4 ms on JDK 25
     * against the Math.pow loop's 24.0 / 13.0 ms, but 16-20x our F32 exp (0.53 / 0.46 ms): see
     * bench/README, "Deterministic transcendentals".
     */

    private PanamaElementwiseF32() {
    }

    // ---------------------------------------------------------------- unary

    /**
     * {@code y[yOff+i] = op(x[xOff+i]; alpha)}; the vector part runs the op's loop from the
     * per-op table (see the NOTE at the tables).
     */
    static void unary(UnaryOp op, float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        int bound = SPECIES.loopBound(n);
        // vector loop
        UNARY[op.ordinal()].run(x, xOff, y, yOff, bound, alpha);
        // tail
        for (int i = bound; i < n; i++) {
            y[yOff + i] = (float) op.apply(x[xOff + i], alpha);
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
        void run(float[] x, int xOff, float[] y, int yOff, int bound, float alpha);
    }

    @FunctionalInterface
    private interface BackwardLoop {
        /** The vector part, {@code i < bound}, of {@link #unaryBackward}. */
        void run(float[] x, int xOff, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff,
                 int bound, float alpha);
    }

    @FunctionalInterface
    private interface BinaryLoop {
        /** The vector part, {@code c < bound}, of {@link #binaryRow}. */
        void run(float[] a, int ai, int aCs, float[] b, int bi, int bCs, float[] out, int oi, int bound);
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
                return (x, xOff, y, yOff, bound, alpha) -> VectorMathF32.exp(x, xOff, y, yOff, bound);
            case EXPM1:
                return (x, xOff, y, yOff, bound, alpha) -> VectorMathF32.expm1(x, xOff, y, yOff, bound);
            case LOG:
                return (x, xOff, y, yOff, bound, alpha) -> VectorMathF32.log(x, xOff, y, yOff, bound);
            case LOG1P:
                return (x, xOff, y, yOff, bound, alpha) -> VectorMathF32.log1p(x, xOff, y, yOff, bound);
            case SIGMOID:
                return (x, xOff, y, yOff, bound, alpha) -> VectorMathF32.sigmoid(x, xOff, y, yOff, bound);
            case TANH:
                return (x, xOff, y, yOff, bound, alpha) -> VectorMathF32.tanh(x, xOff, y, yOff, bound);
            case RELU:
                return (x, xOff, y, yOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) { relu(load(x, xOff + i)).intoArray(y, yOff + i); }
                };
            case LEAKY_RELU:
                return (x, xOff, y, yOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) { leakyRelu(load(x, xOff + i), alpha).intoArray(y, yOff + i); }
                };
            case ELU:
                return (x, xOff, y, yOff, bound, alpha) -> VectorMathF32.elu(x, xOff, alpha, y, yOff, bound);
            case SOFTPLUS:
                return (x, xOff, y, yOff, bound, alpha) -> VectorMathF32.softplus(x, xOff, y, yOff, bound);
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
                    for (int i = 0; i < bound; i += LANES) { load(dy, dyOff + i).mul(0f).intoArray(dx, dxOff + i); }
                };
            case SQUARE:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        FloatVector xv = load(x, xOff + i);
                        load(dy, dyOff + i).mul(xv.add(xv)).intoArray(dx, dxOff + i);
                    }
                };
            case SQRT:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        load(dy, dyOff + i).mul(0.5f).div(load(y, yOff + i)).intoArray(dx, dxOff + i);
                    }
                };
            case RSQRT:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        FloatVector yv = load(y, yOff + i);
                        load(dy, dyOff + i).mul(yv.mul(yv).mul(yv).mul(-0.5f)).intoArray(dx, dxOff + i);
                    }
                };
            case RECIPROCAL:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        FloatVector yv = load(y, yOff + i);
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
                        load(dy, dyOff + i).mul(load(y, yOff + i).add(1f)).intoArray(dx, dxOff + i);
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
                        load(dy, dyOff + i).div(load(x, xOff + i).add(1f)).intoArray(dx, dxOff + i);
                    }
                };
            case SIGMOID:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        FloatVector yv = load(y, yOff + i);
                        load(dy, dyOff + i).mul(yv.mul(yv.broadcast(1f).sub(yv))).intoArray(dx, dxOff + i);
                    }
                };
            case TANH:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        FloatVector yv = load(y, yOff + i);
                        load(dy, dyOff + i).mul(yv.broadcast(1f).sub(yv).mul(yv.add(1f))).intoArray(dx, dxOff + i);
                    }
                };
            case RELU:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        FloatVector xv = load(x, xOff + i);
                        FloatVector slope = xv.broadcast(0f).blend(1f, xv.compare(VectorOperators.GT, 0f));
                        load(dy, dyOff + i).mul(slope).intoArray(dx, dxOff + i);
                    }
                };
            case LEAKY_RELU:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        FloatVector xv = load(x, xOff + i);
                        FloatVector slope = xv.broadcast(alpha).blend(1f, xv.compare(VectorOperators.GT, 0f));
                        load(dy, dyOff + i).mul(slope).intoArray(dx, dxOff + i);
                    }
                };
            case ELU:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) -> {
                    for (int i = 0; i < bound; i += LANES) {
                        FloatVector xv = load(x, xOff + i);
                        FloatVector slope = load(y, yOff + i).add(alpha).blend(1f, xv.compare(VectorOperators.GT, 0f));
                        load(dy, dyOff + i).mul(slope).intoArray(dx, dxOff + i);
                    }
                };
            case SOFTPLUS:
                return (x, xOff, y, yOff, dy, dyOff, dx, dxOff, bound, alpha) ->
                        VectorMathF32.sigmoidTimes(x, xOff, dy, dyOff, dx, dxOff, bound);
            default:
                throw new AssertionError(op);
        }
    }

    /**
     * One loop per stride pattern, (1, 1), (1, 0) and (0, 1), so that each loop body is
     * straight-line vector code with its broadcast operand hoisted (no vector merged from two
     * branches inside a loop).
     *
     * <p>Comparisons give 1 or 0: {@code zero.blend(1, a.compare(op, b))}, written out in each
     * loop. NOTE: not through a helper taking the {@code VectorMask}: C2 refuses to inline a
     * method whose signature names a class its caller's loader has not resolved yet ("unloaded
     * signature classes" in -XX:+LogCompilation; {@code VectorMask} often is not), and a mask or
     * vector that crosses a real call is boxed: the F64 comparisons ran the Java fallback in
     * about one test run in three (caught by NoVectorFallbackTest). Helpers here take and return
     * only {@code FloatVector}, which every caller has resolved by its first vector load.
     */
    private static BinaryLoop binaryLoop(BinaryOp op) {
        switch (op) {
            case ADD:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    if (aCs == 1 && bCs == 1) {
                        for (int c = 0; c < bound; c += LANES) {
                            load(a, ai + c).add(load(b, bi + c)).intoArray(out, oi + c);
                        }
                    } else if (aCs == 1) {
                        FloatVector bv = FloatVector.broadcast(SPECIES, b[bi]);
                        for (int c = 0; c < bound; c += LANES) {
                            load(a, ai + c).add(bv).intoArray(out, oi + c);
                        }
                    } else {
                        FloatVector av = FloatVector.broadcast(SPECIES, a[ai]);
                        for (int c = 0; c < bound; c += LANES) {
                            av.add(load(b, bi + c)).intoArray(out, oi + c);
                        }
                    }
                };
            case SUB:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    if (aCs == 1 && bCs == 1) {
                        for (int c = 0; c < bound; c += LANES) {
                            load(a, ai + c).sub(load(b, bi + c)).intoArray(out, oi + c);
                        }
                    } else if (aCs == 1) {
                        FloatVector bv = FloatVector.broadcast(SPECIES, b[bi]);
                        for (int c = 0; c < bound; c += LANES) {
                            load(a, ai + c).sub(bv).intoArray(out, oi + c);
                        }
                    } else {
                        FloatVector av = FloatVector.broadcast(SPECIES, a[ai]);
                        for (int c = 0; c < bound; c += LANES) {
                            av.sub(load(b, bi + c)).intoArray(out, oi + c);
                        }
                    }
                };
            case MUL:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    if (aCs == 1 && bCs == 1) {
                        for (int c = 0; c < bound; c += LANES) {
                            load(a, ai + c).mul(load(b, bi + c)).intoArray(out, oi + c);
                        }
                    } else if (aCs == 1) {
                        FloatVector bv = FloatVector.broadcast(SPECIES, b[bi]);
                        for (int c = 0; c < bound; c += LANES) {
                            load(a, ai + c).mul(bv).intoArray(out, oi + c);
                        }
                    } else {
                        FloatVector av = FloatVector.broadcast(SPECIES, a[ai]);
                        for (int c = 0; c < bound; c += LANES) {
                            av.mul(load(b, bi + c)).intoArray(out, oi + c);
                        }
                    }
                };
            case DIV:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    if (aCs == 1 && bCs == 1) {
                        for (int c = 0; c < bound; c += LANES) {
                            load(a, ai + c).div(load(b, bi + c)).intoArray(out, oi + c);
                        }
                    } else if (aCs == 1) {
                        FloatVector bv = FloatVector.broadcast(SPECIES, b[bi]);
                        for (int c = 0; c < bound; c += LANES) {
                            load(a, ai + c).div(bv).intoArray(out, oi + c);
                        }
                    } else {
                        FloatVector av = FloatVector.broadcast(SPECIES, a[ai]);
                        for (int c = 0; c < bound; c += LANES) {
                            av.div(load(b, bi + c)).intoArray(out, oi + c);
                        }
                    }
                };
            case POW:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> VectorMathF32.pow(a, ai, aCs, b, bi, bCs, out, oi, bound);
            case MAX:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    if (aCs == 1 && bCs == 1) {
                        for (int c = 0; c < bound; c += LANES) {
                            load(a, ai + c).max(load(b, bi + c)).intoArray(out, oi + c);
                        }
                    } else if (aCs == 1) {
                        FloatVector bv = FloatVector.broadcast(SPECIES, b[bi]);
                        for (int c = 0; c < bound; c += LANES) {
                            load(a, ai + c).max(bv).intoArray(out, oi + c);
                        }
                    } else {
                        FloatVector av = FloatVector.broadcast(SPECIES, a[ai]);
                        for (int c = 0; c < bound; c += LANES) {
                            av.max(load(b, bi + c)).intoArray(out, oi + c);
                        }
                    }
                };
            case MIN:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    if (aCs == 1 && bCs == 1) {
                        for (int c = 0; c < bound; c += LANES) {
                            load(a, ai + c).min(load(b, bi + c)).intoArray(out, oi + c);
                        }
                    } else if (aCs == 1) {
                        FloatVector bv = FloatVector.broadcast(SPECIES, b[bi]);
                        for (int c = 0; c < bound; c += LANES) {
                            load(a, ai + c).min(bv).intoArray(out, oi + c);
                        }
                    } else {
                        FloatVector av = FloatVector.broadcast(SPECIES, a[ai]);
                        for (int c = 0; c < bound; c += LANES) {
                            av.min(load(b, bi + c)).intoArray(out, oi + c);
                        }
                    }
                };
            case GT:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    if (aCs == 1 && bCs == 1) {
                        for (int c = 0; c < bound; c += LANES) {
                            FloatVector.zero(SPECIES).blend(1f, load(a, ai + c).compare(VectorOperators.GT, load(b, bi + c))).intoArray(out, oi + c);
                        }
                    } else if (aCs == 1) {
                        FloatVector bv = FloatVector.broadcast(SPECIES, b[bi]);
                        for (int c = 0; c < bound; c += LANES) {
                            FloatVector.zero(SPECIES).blend(1f, load(a, ai + c).compare(VectorOperators.GT, bv)).intoArray(out, oi + c);
                        }
                    } else {
                        FloatVector av = FloatVector.broadcast(SPECIES, a[ai]);
                        for (int c = 0; c < bound; c += LANES) {
                            FloatVector.zero(SPECIES).blend(1f, av.compare(VectorOperators.GT, load(b, bi + c))).intoArray(out, oi + c);
                        }
                    }
                };
            case GE:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    if (aCs == 1 && bCs == 1) {
                        for (int c = 0; c < bound; c += LANES) {
                            FloatVector.zero(SPECIES).blend(1f, load(a, ai + c).compare(VectorOperators.GE, load(b, bi + c))).intoArray(out, oi + c);
                        }
                    } else if (aCs == 1) {
                        FloatVector bv = FloatVector.broadcast(SPECIES, b[bi]);
                        for (int c = 0; c < bound; c += LANES) {
                            FloatVector.zero(SPECIES).blend(1f, load(a, ai + c).compare(VectorOperators.GE, bv)).intoArray(out, oi + c);
                        }
                    } else {
                        FloatVector av = FloatVector.broadcast(SPECIES, a[ai]);
                        for (int c = 0; c < bound; c += LANES) {
                            FloatVector.zero(SPECIES).blend(1f, av.compare(VectorOperators.GE, load(b, bi + c))).intoArray(out, oi + c);
                        }
                    }
                };
            case LT:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    if (aCs == 1 && bCs == 1) {
                        for (int c = 0; c < bound; c += LANES) {
                            FloatVector.zero(SPECIES).blend(1f, load(a, ai + c).compare(VectorOperators.LT, load(b, bi + c))).intoArray(out, oi + c);
                        }
                    } else if (aCs == 1) {
                        FloatVector bv = FloatVector.broadcast(SPECIES, b[bi]);
                        for (int c = 0; c < bound; c += LANES) {
                            FloatVector.zero(SPECIES).blend(1f, load(a, ai + c).compare(VectorOperators.LT, bv)).intoArray(out, oi + c);
                        }
                    } else {
                        FloatVector av = FloatVector.broadcast(SPECIES, a[ai]);
                        for (int c = 0; c < bound; c += LANES) {
                            FloatVector.zero(SPECIES).blend(1f, av.compare(VectorOperators.LT, load(b, bi + c))).intoArray(out, oi + c);
                        }
                    }
                };
            case LE:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    if (aCs == 1 && bCs == 1) {
                        for (int c = 0; c < bound; c += LANES) {
                            FloatVector.zero(SPECIES).blend(1f, load(a, ai + c).compare(VectorOperators.LE, load(b, bi + c))).intoArray(out, oi + c);
                        }
                    } else if (aCs == 1) {
                        FloatVector bv = FloatVector.broadcast(SPECIES, b[bi]);
                        for (int c = 0; c < bound; c += LANES) {
                            FloatVector.zero(SPECIES).blend(1f, load(a, ai + c).compare(VectorOperators.LE, bv)).intoArray(out, oi + c);
                        }
                    } else {
                        FloatVector av = FloatVector.broadcast(SPECIES, a[ai]);
                        for (int c = 0; c < bound; c += LANES) {
                            FloatVector.zero(SPECIES).blend(1f, av.compare(VectorOperators.LE, load(b, bi + c))).intoArray(out, oi + c);
                        }
                    }
                };
            case EQ:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    if (aCs == 1 && bCs == 1) {
                        for (int c = 0; c < bound; c += LANES) {
                            FloatVector.zero(SPECIES).blend(1f, load(a, ai + c).compare(VectorOperators.EQ, load(b, bi + c))).intoArray(out, oi + c);
                        }
                    } else if (aCs == 1) {
                        FloatVector bv = FloatVector.broadcast(SPECIES, b[bi]);
                        for (int c = 0; c < bound; c += LANES) {
                            FloatVector.zero(SPECIES).blend(1f, load(a, ai + c).compare(VectorOperators.EQ, bv)).intoArray(out, oi + c);
                        }
                    } else {
                        FloatVector av = FloatVector.broadcast(SPECIES, a[ai]);
                        for (int c = 0; c < bound; c += LANES) {
                            FloatVector.zero(SPECIES).blend(1f, av.compare(VectorOperators.EQ, load(b, bi + c))).intoArray(out, oi + c);
                        }
                    }
                };
            case NE:
                return (a, ai, aCs, b, bi, bCs, out, oi, bound) -> {
                    if (aCs == 1 && bCs == 1) {
                        for (int c = 0; c < bound; c += LANES) {
                            FloatVector.zero(SPECIES).blend(1f, load(a, ai + c).compare(VectorOperators.NE, load(b, bi + c))).intoArray(out, oi + c);
                        }
                    } else if (aCs == 1) {
                        FloatVector bv = FloatVector.broadcast(SPECIES, b[bi]);
                        for (int c = 0; c < bound; c += LANES) {
                            FloatVector.zero(SPECIES).blend(1f, load(a, ai + c).compare(VectorOperators.NE, bv)).intoArray(out, oi + c);
                        }
                    } else {
                        FloatVector av = FloatVector.broadcast(SPECIES, a[ai]);
                        for (int c = 0; c < bound; c += LANES) {
                            FloatVector.zero(SPECIES).blend(1f, av.compare(VectorOperators.NE, load(b, bi + c))).intoArray(out, oi + c);
                        }
                    }
                };
            default:
                throw new AssertionError(op);
        }
    }

    private static FloatVector load(float[] a, int off) {
        return FloatVector.fromArray(SPECIES, a, off);
    }

    private static FloatVector square(FloatVector x) {
        return x.mul(x);
    }

    private static FloatVector rsqrt(FloatVector x) {
        return x.broadcast(1f).div(x.sqrt());
    }

    private static FloatVector reciprocal(FloatVector x) {
        return x.broadcast(1f).div(x);
    }

    /** x for x &gt; 0, else 0 (NaN gives 0, as in the reference). */
    private static FloatVector relu(FloatVector x) {
        return x.broadcast(0f).blend(x, x.compare(VectorOperators.GT, 0f));
    }

    private static FloatVector leakyRelu(FloatVector x, float alpha) {
        return x.mul(alpha).blend(x, x.compare(VectorOperators.GT, 0f));
    }

    /** signum: -1, 0 (keeping the sign of zero) or 1; NaN stays NaN. */
    private static FloatVector sign(FloatVector x) {
        VectorMask<Float> pos = x.compare(VectorOperators.GT, 0f);
        VectorMask<Float> neg = x.compare(VectorOperators.LT, 0f);
        return x.blend(1f, pos).blend(-1f, neg);
    }

    // ---------------------------------------------------------------- unary backward

    /**
     * {@code dx = dy * op'(x, y; alpha)}; {@code x} or {@code y} may be null when not read.
     * Factors are arranged to avoid cancellation in float: {@code 1 - y^2} is computed as
     * {@code (1 - y)(1 + y)}.
     */
    static void unaryBackward(UnaryOp op, float alpha, float[] x, int xOff, float[] y, int yOff,
                              float[] dy, int dyOff, float[] dx, int dxOff, int n) {
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
            dx[dxOff + i] = (float) (dy[dyOff + i] * op.derivative(xi, yi, alpha));
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
        if (n == 0) {
            return; // NOTE: the broadcast paths read a[ai] and b[bi], which need not exist for an empty row
        }
        if (aCs == 0 && bCs == 0) {
            fill(out, oi, n, (float) op.apply(a[ai], b[bi]));
            return;
        }
        int bound = SPECIES.loopBound(n);
        // vector loop
        BINARY[op.ordinal()].run(a, ai, aCs, b, bi, bCs, out, oi, bound);
        // tail
        for (int c = bound; c < n; c++) {
            out[oi + c] = (float) op.apply(a[ai + c * aCs], b[bi + c * bCs]);
        }
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
