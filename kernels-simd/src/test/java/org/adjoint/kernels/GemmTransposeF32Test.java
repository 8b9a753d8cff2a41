package org.adjoint.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link GemmTransposeF32#block} (the in-register transpose of one lanes x lanes block, at the
 * width this JVM runs: 512 bits, and 256 bits in the suite's 256-bit execution) against the
 * element-by-element transpose, at strides and offsets that are not multiples of the block, and
 * without touching anything outside the block.
 */
class GemmTransposeF32Test {

    @Test
    void blockIsTheTranspose() {
        int l = GemmTransposeF32.L;
        Random rnd = new Random(3);
        for (int[] strides : new int[][] {{l, l}, {l + 3, 2 * l + 1}, {7 * l, l}}) {
            int ldx = strides[0];
            int ldd = strides[1];
            int xi = 5;
            int di = 2;
            float[] x = new float[xi + l * ldx];
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextFloat() - 0.5f;
            }
            float[] dst = new float[di + l * ldd + 3];
            java.util.Arrays.fill(dst, -7f);
            GemmTransposeF32.block(x, xi, ldx, dst, di, ldd);
            for (int i = 0; i < dst.length; i++) {
                int at = i - di;
                int p = at / ldd;
                int c = at - p * ldd;
                boolean inside = at >= 0 && p < l && c < l;
                float expected = inside ? x[xi + c * ldx + p] : -7f;
                assertEquals(expected, dst[i], "dst[" + i + "] (ldx " + ldx + ", ldd " + ldd + ", lanes " + l + ")");
            }
        }
    }
}
