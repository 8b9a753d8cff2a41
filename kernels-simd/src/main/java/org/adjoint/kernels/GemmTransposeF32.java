package org.adjoint.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transposes of square {@code L x L} blocks (L = lanes per vector) in registers: L rows loaded as
 * vectors, then log2(L) rounds of exchanges between vectors {@code h} apart (h = L/2, ..., 1):
 * in each pair, the lanes whose index has bit h set trade places with the other vector's lanes
 * h lower, one shuffle and one blend per vector, and L columns stored. Used to pack a
 * transposed GEMM operand ({@link GemmPackF32}).
 *
 * <p>Measured on Zen 4 (512-bit, 16 x 16 blocks) copying a 256 x 256 operand into 64-wide
 * micro-panels: 17 us on JDK 17 and 10 us on JDK 25, where element-wise copies took 50 us in
 * row order and 36 us in 16 x 16 blocks, and 16-lane gathers 62 us.
 *
 * <p>NOTE: one method per lane count with one local per vector, like the GEMM tiles: vectors
 * kept in an array are not scalarized and run 10x slower. The shuffles and masks are static
 * finals, constants for the JIT.
 */
final class GemmTransposeF32 {

    private static final VectorSpecies<Float> S = VectorWidth.F32;
    static final int L = S.length();

    /**
     * Whether the packing transposes in registers (4, 8 or 16 lanes, JDK 25 or later, or
     * {@code -Dadjoint.gemm.registerTransposes=true|false}); otherwise element by element.
     * NOTE: on JDK 17 the MLP training step of bench/ on 2 threads then ran the Vector API's
     * Java fallback (113 KB allocated per step, in this class and in the Adam kernel, whose C2
     * code had {@code FloatVector::lanewise} as an unbound call) in 3 of 33 and 5 of 20 fresh
     * JVMs; with element-by-element copies in 0 of 16, and on JDK 25 with register transposes in
     * 0 of 14. The cause inside C2 is not known.
     */
    static final boolean IN_REGISTERS = (L == 4 || L == 8 || L == 16) && Boolean.parseBoolean(
            System.getProperty("adjoint.gemm.registerTransposes", String.valueOf(Runtime.version().feature() >= 25)));

    /** Per round (h = L/2, L/4, ..., 1): lane i takes lane i - h where bit h of i is set. */
    private static final VectorShuffle<Float> DOWN0 = shuffle(0, -1);
    private static final VectorShuffle<Float> DOWN1 = shuffle(1, -1);
    private static final VectorShuffle<Float> DOWN2 = shuffle(2, -1);
    private static final VectorShuffle<Float> DOWN3 = shuffle(3, -1);
    /** Per round: lane i takes lane i + h where bit h of i is clear. */
    private static final VectorShuffle<Float> UP0 = shuffle(0, 1);
    private static final VectorShuffle<Float> UP1 = shuffle(1, 1);
    private static final VectorShuffle<Float> UP2 = shuffle(2, 1);
    private static final VectorShuffle<Float> UP3 = shuffle(3, 1);
    /** Per round: the lanes with bit h set. */
    private static final VectorMask<Float> UPPER0 = upper(0);
    private static final VectorMask<Float> UPPER1 = upper(1);
    private static final VectorMask<Float> UPPER2 = upper(2);
    private static final VectorMask<Float> UPPER3 = upper(3);

    private GemmTransposeF32() {
    }

    /** Bit h of round {@code round}, or 0 past the last round. */
    private static int half(int round) {
        return L >> (round + 1);
    }

    /** Round {@code round}'s shuffle moving the lanes with bit h set down by h (-1) or the others up (+1); null past the last round. */
    private static VectorShuffle<Float> shuffle(int round, int direction) {
        int h = half(round);
        if (h == 0) {
            return null;
        }
        int[] from = new int[L];
        for (int i = 0; i < L; i++) {
            boolean set = (i & h) != 0;
            from[i] = direction < 0 ? (set ? i - h : i) : (set ? i : i + h);
        }
        return VectorShuffle.fromArray(S, from, 0);
    }

    private static VectorMask<Float> upper(int round) {
        int h = half(round);
        if (h == 0) {
            return null;
        }
        boolean[] set = new boolean[L];
        for (int i = 0; i < L; i++) {
            set[i] = (i & h) != 0;
        }
        return VectorMask.fromArray(S, set, 0);
    }

    /**
     * {@code dst[di + p*ldd + c] = x[xi + c*ldx + p]} for {@code c, p < L}. Modifies {@code dst}.
     */
    static void block(float[] x, int xi, int ldx, float[] dst, int di, int ldd) {
        if (L == 16) {
            block16(x, xi, ldx, dst, di, ldd);
        } else if (L == 8) {
            block8(x, xi, ldx, dst, di, ldd);
        } else if (L == 4) {
            block4(x, xi, ldx, dst, di, ldd);
        } else {
            // tail: other lane counts, element by element
            for (int c = 0; c < L; c++) {
                for (int p = 0; p < L; p++) {
                    dst[di + p * ldd + c] = x[xi + c * ldx + p];
                }
            }
        }
    }

    /** {@link #block} for 16 lanes. */
    private static void block16(float[] x, int xi, int ldx, float[] dst, int di, int ldd) {
        FloatVector v0 = FloatVector.fromArray(S, x, xi);
        FloatVector v1 = FloatVector.fromArray(S, x, xi + ldx);
        FloatVector v2 = FloatVector.fromArray(S, x, xi + 2 * ldx);
        FloatVector v3 = FloatVector.fromArray(S, x, xi + 3 * ldx);
        FloatVector v4 = FloatVector.fromArray(S, x, xi + 4 * ldx);
        FloatVector v5 = FloatVector.fromArray(S, x, xi + 5 * ldx);
        FloatVector v6 = FloatVector.fromArray(S, x, xi + 6 * ldx);
        FloatVector v7 = FloatVector.fromArray(S, x, xi + 7 * ldx);
        FloatVector v8 = FloatVector.fromArray(S, x, xi + 8 * ldx);
        FloatVector v9 = FloatVector.fromArray(S, x, xi + 9 * ldx);
        FloatVector v10 = FloatVector.fromArray(S, x, xi + 10 * ldx);
        FloatVector v11 = FloatVector.fromArray(S, x, xi + 11 * ldx);
        FloatVector v12 = FloatVector.fromArray(S, x, xi + 12 * ldx);
        FloatVector v13 = FloatVector.fromArray(S, x, xi + 13 * ldx);
        FloatVector v14 = FloatVector.fromArray(S, x, xi + 14 * ldx);
        FloatVector v15 = FloatVector.fromArray(S, x, xi + 15 * ldx);
        // lanes 8 apart
        { FloatVector a = v0; FloatVector b = v8; v0 = a.blend(b.rearrange(DOWN0), UPPER0); v8 = a.rearrange(UP0).blend(b, UPPER0); }
        { FloatVector a = v1; FloatVector b = v9; v1 = a.blend(b.rearrange(DOWN0), UPPER0); v9 = a.rearrange(UP0).blend(b, UPPER0); }
        { FloatVector a = v2; FloatVector b = v10; v2 = a.blend(b.rearrange(DOWN0), UPPER0); v10 = a.rearrange(UP0).blend(b, UPPER0); }
        { FloatVector a = v3; FloatVector b = v11; v3 = a.blend(b.rearrange(DOWN0), UPPER0); v11 = a.rearrange(UP0).blend(b, UPPER0); }
        { FloatVector a = v4; FloatVector b = v12; v4 = a.blend(b.rearrange(DOWN0), UPPER0); v12 = a.rearrange(UP0).blend(b, UPPER0); }
        { FloatVector a = v5; FloatVector b = v13; v5 = a.blend(b.rearrange(DOWN0), UPPER0); v13 = a.rearrange(UP0).blend(b, UPPER0); }
        { FloatVector a = v6; FloatVector b = v14; v6 = a.blend(b.rearrange(DOWN0), UPPER0); v14 = a.rearrange(UP0).blend(b, UPPER0); }
        { FloatVector a = v7; FloatVector b = v15; v7 = a.blend(b.rearrange(DOWN0), UPPER0); v15 = a.rearrange(UP0).blend(b, UPPER0); }
        // lanes 4 apart
        { FloatVector a = v0; FloatVector b = v4; v0 = a.blend(b.rearrange(DOWN1), UPPER1); v4 = a.rearrange(UP1).blend(b, UPPER1); }
        { FloatVector a = v1; FloatVector b = v5; v1 = a.blend(b.rearrange(DOWN1), UPPER1); v5 = a.rearrange(UP1).blend(b, UPPER1); }
        { FloatVector a = v2; FloatVector b = v6; v2 = a.blend(b.rearrange(DOWN1), UPPER1); v6 = a.rearrange(UP1).blend(b, UPPER1); }
        { FloatVector a = v3; FloatVector b = v7; v3 = a.blend(b.rearrange(DOWN1), UPPER1); v7 = a.rearrange(UP1).blend(b, UPPER1); }
        { FloatVector a = v8; FloatVector b = v12; v8 = a.blend(b.rearrange(DOWN1), UPPER1); v12 = a.rearrange(UP1).blend(b, UPPER1); }
        { FloatVector a = v9; FloatVector b = v13; v9 = a.blend(b.rearrange(DOWN1), UPPER1); v13 = a.rearrange(UP1).blend(b, UPPER1); }
        { FloatVector a = v10; FloatVector b = v14; v10 = a.blend(b.rearrange(DOWN1), UPPER1); v14 = a.rearrange(UP1).blend(b, UPPER1); }
        { FloatVector a = v11; FloatVector b = v15; v11 = a.blend(b.rearrange(DOWN1), UPPER1); v15 = a.rearrange(UP1).blend(b, UPPER1); }
        // lanes 2 apart
        { FloatVector a = v0; FloatVector b = v2; v0 = a.blend(b.rearrange(DOWN2), UPPER2); v2 = a.rearrange(UP2).blend(b, UPPER2); }
        { FloatVector a = v1; FloatVector b = v3; v1 = a.blend(b.rearrange(DOWN2), UPPER2); v3 = a.rearrange(UP2).blend(b, UPPER2); }
        { FloatVector a = v4; FloatVector b = v6; v4 = a.blend(b.rearrange(DOWN2), UPPER2); v6 = a.rearrange(UP2).blend(b, UPPER2); }
        { FloatVector a = v5; FloatVector b = v7; v5 = a.blend(b.rearrange(DOWN2), UPPER2); v7 = a.rearrange(UP2).blend(b, UPPER2); }
        { FloatVector a = v8; FloatVector b = v10; v8 = a.blend(b.rearrange(DOWN2), UPPER2); v10 = a.rearrange(UP2).blend(b, UPPER2); }
        { FloatVector a = v9; FloatVector b = v11; v9 = a.blend(b.rearrange(DOWN2), UPPER2); v11 = a.rearrange(UP2).blend(b, UPPER2); }
        { FloatVector a = v12; FloatVector b = v14; v12 = a.blend(b.rearrange(DOWN2), UPPER2); v14 = a.rearrange(UP2).blend(b, UPPER2); }
        { FloatVector a = v13; FloatVector b = v15; v13 = a.blend(b.rearrange(DOWN2), UPPER2); v15 = a.rearrange(UP2).blend(b, UPPER2); }
        // lanes 1 apart
        { FloatVector a = v0; FloatVector b = v1; v0 = a.blend(b.rearrange(DOWN3), UPPER3); v1 = a.rearrange(UP3).blend(b, UPPER3); }
        { FloatVector a = v2; FloatVector b = v3; v2 = a.blend(b.rearrange(DOWN3), UPPER3); v3 = a.rearrange(UP3).blend(b, UPPER3); }
        { FloatVector a = v4; FloatVector b = v5; v4 = a.blend(b.rearrange(DOWN3), UPPER3); v5 = a.rearrange(UP3).blend(b, UPPER3); }
        { FloatVector a = v6; FloatVector b = v7; v6 = a.blend(b.rearrange(DOWN3), UPPER3); v7 = a.rearrange(UP3).blend(b, UPPER3); }
        { FloatVector a = v8; FloatVector b = v9; v8 = a.blend(b.rearrange(DOWN3), UPPER3); v9 = a.rearrange(UP3).blend(b, UPPER3); }
        { FloatVector a = v10; FloatVector b = v11; v10 = a.blend(b.rearrange(DOWN3), UPPER3); v11 = a.rearrange(UP3).blend(b, UPPER3); }
        { FloatVector a = v12; FloatVector b = v13; v12 = a.blend(b.rearrange(DOWN3), UPPER3); v13 = a.rearrange(UP3).blend(b, UPPER3); }
        { FloatVector a = v14; FloatVector b = v15; v14 = a.blend(b.rearrange(DOWN3), UPPER3); v15 = a.rearrange(UP3).blend(b, UPPER3); }
        v0.intoArray(dst, di);
        v1.intoArray(dst, di + ldd);
        v2.intoArray(dst, di + 2 * ldd);
        v3.intoArray(dst, di + 3 * ldd);
        v4.intoArray(dst, di + 4 * ldd);
        v5.intoArray(dst, di + 5 * ldd);
        v6.intoArray(dst, di + 6 * ldd);
        v7.intoArray(dst, di + 7 * ldd);
        v8.intoArray(dst, di + 8 * ldd);
        v9.intoArray(dst, di + 9 * ldd);
        v10.intoArray(dst, di + 10 * ldd);
        v11.intoArray(dst, di + 11 * ldd);
        v12.intoArray(dst, di + 12 * ldd);
        v13.intoArray(dst, di + 13 * ldd);
        v14.intoArray(dst, di + 14 * ldd);
        v15.intoArray(dst, di + 15 * ldd);
    }

    /** {@link #block} for 8 lanes. */
    private static void block8(float[] x, int xi, int ldx, float[] dst, int di, int ldd) {
        FloatVector v0 = FloatVector.fromArray(S, x, xi);
        FloatVector v1 = FloatVector.fromArray(S, x, xi + ldx);
        FloatVector v2 = FloatVector.fromArray(S, x, xi + 2 * ldx);
        FloatVector v3 = FloatVector.fromArray(S, x, xi + 3 * ldx);
        FloatVector v4 = FloatVector.fromArray(S, x, xi + 4 * ldx);
        FloatVector v5 = FloatVector.fromArray(S, x, xi + 5 * ldx);
        FloatVector v6 = FloatVector.fromArray(S, x, xi + 6 * ldx);
        FloatVector v7 = FloatVector.fromArray(S, x, xi + 7 * ldx);
        // lanes 4 apart
        { FloatVector a = v0; FloatVector b = v4; v0 = a.blend(b.rearrange(DOWN0), UPPER0); v4 = a.rearrange(UP0).blend(b, UPPER0); }
        { FloatVector a = v1; FloatVector b = v5; v1 = a.blend(b.rearrange(DOWN0), UPPER0); v5 = a.rearrange(UP0).blend(b, UPPER0); }
        { FloatVector a = v2; FloatVector b = v6; v2 = a.blend(b.rearrange(DOWN0), UPPER0); v6 = a.rearrange(UP0).blend(b, UPPER0); }
        { FloatVector a = v3; FloatVector b = v7; v3 = a.blend(b.rearrange(DOWN0), UPPER0); v7 = a.rearrange(UP0).blend(b, UPPER0); }
        // lanes 2 apart
        { FloatVector a = v0; FloatVector b = v2; v0 = a.blend(b.rearrange(DOWN1), UPPER1); v2 = a.rearrange(UP1).blend(b, UPPER1); }
        { FloatVector a = v1; FloatVector b = v3; v1 = a.blend(b.rearrange(DOWN1), UPPER1); v3 = a.rearrange(UP1).blend(b, UPPER1); }
        { FloatVector a = v4; FloatVector b = v6; v4 = a.blend(b.rearrange(DOWN1), UPPER1); v6 = a.rearrange(UP1).blend(b, UPPER1); }
        { FloatVector a = v5; FloatVector b = v7; v5 = a.blend(b.rearrange(DOWN1), UPPER1); v7 = a.rearrange(UP1).blend(b, UPPER1); }
        // lanes 1 apart
        { FloatVector a = v0; FloatVector b = v1; v0 = a.blend(b.rearrange(DOWN2), UPPER2); v1 = a.rearrange(UP2).blend(b, UPPER2); }
        { FloatVector a = v2; FloatVector b = v3; v2 = a.blend(b.rearrange(DOWN2), UPPER2); v3 = a.rearrange(UP2).blend(b, UPPER2); }
        { FloatVector a = v4; FloatVector b = v5; v4 = a.blend(b.rearrange(DOWN2), UPPER2); v5 = a.rearrange(UP2).blend(b, UPPER2); }
        { FloatVector a = v6; FloatVector b = v7; v6 = a.blend(b.rearrange(DOWN2), UPPER2); v7 = a.rearrange(UP2).blend(b, UPPER2); }
        v0.intoArray(dst, di);
        v1.intoArray(dst, di + ldd);
        v2.intoArray(dst, di + 2 * ldd);
        v3.intoArray(dst, di + 3 * ldd);
        v4.intoArray(dst, di + 4 * ldd);
        v5.intoArray(dst, di + 5 * ldd);
        v6.intoArray(dst, di + 6 * ldd);
        v7.intoArray(dst, di + 7 * ldd);
    }

    /** {@link #block} for 4 lanes. */
    private static void block4(float[] x, int xi, int ldx, float[] dst, int di, int ldd) {
        FloatVector v0 = FloatVector.fromArray(S, x, xi);
        FloatVector v1 = FloatVector.fromArray(S, x, xi + ldx);
        FloatVector v2 = FloatVector.fromArray(S, x, xi + 2 * ldx);
        FloatVector v3 = FloatVector.fromArray(S, x, xi + 3 * ldx);
        // lanes 2 apart
        { FloatVector a = v0; FloatVector b = v2; v0 = a.blend(b.rearrange(DOWN0), UPPER0); v2 = a.rearrange(UP0).blend(b, UPPER0); }
        { FloatVector a = v1; FloatVector b = v3; v1 = a.blend(b.rearrange(DOWN0), UPPER0); v3 = a.rearrange(UP0).blend(b, UPPER0); }
        // lanes 1 apart
        { FloatVector a = v0; FloatVector b = v1; v0 = a.blend(b.rearrange(DOWN1), UPPER1); v1 = a.rearrange(UP1).blend(b, UPPER1); }
        { FloatVector a = v2; FloatVector b = v3; v2 = a.blend(b.rearrange(DOWN1), UPPER1); v3 = a.rearrange(UP1).blend(b, UPPER1); }
        v0.intoArray(dst, di);
        v1.intoArray(dst, di + ldd);
        v2.intoArray(dst, di + 2 * ldd);
        v3.intoArray(dst, di + 3 * ldd);
    }
}
