package org.adjoint.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void indexingIsRowMajor() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(6.0, t.get(1, 2));
        assertEquals(2.0, t.get(0, 1));
        assertEquals(4.0, t.get(1, 0));
    }

    @Test
    void rejectsWrongElementCountAndBadIndices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new float[5], 2, 3));
        assertEquals("tensor of shape [2, 3] needs 6 elements, got 5", e.getMessage());
        Tensor t = Tensor.zeros(DType.F64, Shape.of(2, 2));
        IndexOutOfBoundsException oob = assertThrows(IndexOutOfBoundsException.class, () -> t.get(2, 0));
        assertEquals("index [2, 0] out of bounds for shape [2, 2]", oob.getMessage());
        IllegalStateException wrong = assertThrows(IllegalStateException.class, t::floats);
        assertEquals("tensor is f64[2, 2], not f32", wrong.getMessage());
    }

    @Test
    void castRoundsAndCopies() {
        Tensor d = Tensor.of(new double[] {0.1, 1e40, -2.5}, 3);
        Tensor f = d.cast(DType.F32);
        assertEquals(DType.F32, f.dtype());
        assertEquals((float) 0.1, f.floats()[0]);
        assertEquals(Float.POSITIVE_INFINITY, f.floats()[1]);
        Tensor i = d.cast(DType.I32);
        assertEquals(-2, i.ints()[2]);
        Tensor c = d.copy();
        c.setDouble(0, 9);
        assertEquals(0.1, d.getDouble(0));
        assertTrue(d.bitwiseEquals(Tensor.of(new double[] {0.1, 1e40, -2.5}, 3)));
    }

    @Test
    void i64TensorsHoldLongsExactlyAndNarrowOnlyWhenTheyFit() {
        Tensor l = Tensor.of(new long[] {3, -5000000000L, 7}, 3);
        assertEquals(DType.I64, l.dtype());
        assertEquals(-5000000000L, l.getLong(1));
        assertEquals("i64[3] {3, -5000000000, 7}", l.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.cast(DType.I32));
        assertEquals("cannot cast i64[3] to i32: element 1 is -5000000000", e.getMessage());
        Tensor small = Tensor.of(new long[] {3, -5, 7}, 3);
        assertTrue(small.cast(DType.I32).bitwiseEquals(Tensor.of(new int[] {3, -5, 7}, 3)));
        assertTrue(Tensor.of(new int[] {1, 2}, 2).cast(DType.I64).bitwiseEquals(Tensor.of(new long[] {1, 2}, 2)));
        assertEquals(-5.0e9, l.cast(DType.F64).getDouble(1));
        assertTrue(DType.I64.isInteger() && !DType.I64.isFloating() && DType.F32.isFloating());
    }
}
