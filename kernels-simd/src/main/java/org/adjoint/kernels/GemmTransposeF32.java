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
 * kept in an array are not scalarized and run 10x slower. They are generated
 * ({@code GemmTransposeBlocksF32}, kernels-simd/src/build/java/GenerateTiles.java). The shuffles
 * and masks are static finals here, constants for the JIT.
 */
final class GemmTransposeF32 {

    static final VectorSpecies<Float> S = VectorWidth.F32;
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
    static final VectorShuffle<Float> DOWN0 = shuffle(0, -1);
    static final VectorShuffle<Float> DOWN1 = shuffle(1, -1);
    static final VectorShuffle<Float> DOWN2 = shuffle(2, -1);
    static final VectorShuffle<Float> DOWN3 = shuffle(3, -1);
    /** Per round: lane i takes lane i + h where bit h of i is clear. */
    static final VectorShuffle<Float> UP0 = shuffle(0, 1);
    static final VectorShuffle<Float> UP1 = shuffle(1, 1);
    static final VectorShuffle<Float> UP2 = shuffle(2, 1);
    static final VectorShuffle<Float> UP3 = shuffle(3, 1);
    /** Per round: the lanes with bit h set. */
    static final VectorMask<Float> UPPER0 = upper(0);
    static final VectorMask<Float> UPPER1 = upper(1);
    static final VectorMask<Float> UPPER2 = upper(2);
    static final VectorMask<Float> UPPER3 = upper(3);

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
            GemmTransposeBlocksF32.block16(x, xi, ldx, dst, di, ldd);
        } else if (L == 8) {
            GemmTransposeBlocksF32.block8(x, xi, ldx, dst, di, ldd);
        } else if (L == 4) {
            GemmTransposeBlocksF32.block4(x, xi, ldx, dst, di, ldd);
        } else {
            // tail: other lane counts, element by element
            for (int c = 0; c < L; c++) {
                for (int p = 0; p < L; p++) {
                    dst[di + p * ldd + c] = x[xi + c * ldx + p];
                }
            }
        }
    }
}
