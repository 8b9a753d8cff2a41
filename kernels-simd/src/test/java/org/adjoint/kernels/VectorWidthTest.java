package org.adjoint.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jdk.incubator.vector.VectorShape;
import org.junit.jupiter.api.Test;

/** Width selection: the CPU's preferred width unless forced, and clear errors for bad values. */
class VectorWidthTest {

    @Test
    void unsetMeansTheCpusWidth() {
        assertEquals(512, VectorWidth.select(null, 512));
        assertEquals(256, VectorWidth.select(" ", 256));
    }

    @Test
    void aForcedWidthIsUsedUpToTheCpusWidth() {
        assertEquals(256, VectorWidth.select("256", 512));
        assertEquals(128, VectorWidth.select(" 128 ", 256));
        assertEquals(512, VectorWidth.select("512", 512));
    }

    @Test
    void badValuesNameThePropertyAndTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VectorWidth.select("384", 512));
        assertEquals("-Dadjoint.vectorBits=384: expected 128, 256 or 512", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VectorWidth.select("wide", 512));
        assertEquals("-Dadjoint.vectorBits=wide: expected 128, 256 or 512", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VectorWidth.select("512", 256));
        assertEquals("-Dadjoint.vectorBits=512: this CPU's vectors are at most 256 bits wide", e.getMessage());
    }

    /** Each surefire execution runs one width: the forced one, or the CPU's preferred one. */
    @Test
    void theSelectedSpeciesHaveTheSelectedWidth() {
        String forced = System.getProperty(VectorWidth.PROPERTY);
        int expected = forced == null ? VectorShape.preferredShape().vectorBitSize() : Integer.parseInt(forced);
        assertEquals(expected, VectorWidth.BITS);
        assertEquals(expected, VectorWidth.F32.vectorBitSize());
        assertEquals(expected, VectorWidth.F64.vectorBitSize());
        assertEquals(expected / 32, VectorWidth.F32.length());
    }
}
