package org.adjoint.ops.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DropoutMaskTest {

    /** The mask's generator reproduces SplittableRandom's stream without allocating one. */
    @Test
    void drawsTheSameDoublesAsSplittableRandom() {
        for (long seed : new long[] {0, 1, -7, 0x9E3779B97F4A7C15L, Long.MAX_VALUE}) {
            long state = DropoutMask.mix(seed, 3);
            SplittableRandom reference = new SplittableRandom(state);
            for (int i = 0; i < 1000; i++) {
                assertEquals(Double.doubleToRawLongBits(reference.nextDouble()),
                        Double.doubleToRawLongBits(DropoutMask.uniform(state, i)), "seed " + seed + ", draw " + i);
            }
        }
    }
}
