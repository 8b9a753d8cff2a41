package org.adjoint.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void broadcastingFollowsNumpyRules() {
        assertEquals(Shape.of(2, 3), Shape.broadcast(Shape.of(2, 3), Shape.of(3)));
        assertEquals(Shape.of(2, 3), Shape.broadcast(Shape.of(2, 1), Shape.of(1, 3)));
        assertEquals(Shape.of(4, 2, 3), Shape.broadcast(Shape.of(4, 1, 3), Shape.of(2, 1)));
        assertEquals(Shape.of(2, 3), Shape.broadcast(Shape.scalar(), Shape.of(2, 3)));
        assertEquals(Shape.of(0, 3), Shape.broadcast(Shape.of(0, 1), Shape.of(3)));
        assertNull(Shape.broadcast(Shape.of(2, 3), Shape.of(4)));
        assertNull(Shape.broadcast(Shape.of(2, 3), Shape.of(3, 3)));
    }

    @Test
    void unknownDimensionsBroadcastOptimistically() {
        assertEquals(Shape.of(-1, 3), Shape.broadcast(Shape.of(-1, 3), Shape.of(3)));
        assertEquals(Shape.of(5, 3), Shape.broadcast(Shape.of(-1, 3), Shape.of(5, 1)));
        assertEquals(Shape.of(-1, 3), Shape.broadcast(Shape.of(-1, 1), Shape.of(1, 3)));
        assertEquals("[?, 3]", Shape.of(-1, 3).toString());
        assertEquals(-1, Shape.of(-1, 3).size());
        assertFalse(Shape.of(-1, 3).isKnown());
    }

    @Test
    void compatibilityAndBroadcastsTo() {
        assertTrue(Shape.of(-1, 3).isCompatibleWith(Shape.of(7, 3)));
        assertFalse(Shape.of(-1, 3).isCompatibleWith(Shape.of(7, 4)));
        assertFalse(Shape.of(3).isCompatibleWith(Shape.of(1, 3)));
        assertTrue(Shape.of(3).broadcastsTo(Shape.of(2, 3)));
        assertTrue(Shape.of(1, 3).broadcastsTo(Shape.of(2, 3)));
        assertFalse(Shape.of(2, 3).broadcastsTo(Shape.of(3)));
        assertFalse(Shape.of(4).broadcastsTo(Shape.of(2, 3)));
    }

    @Test
    void stridesAreRowMajor() {
        assertEquals(12, Shape.of(2, 3, 4).strides()[0]);
        assertEquals(4, Shape.of(2, 3, 4).strides()[1]);
        assertEquals(1, Shape.of(2, 3, 4).strides()[2]);
        assertEquals(2, Shape.of(5, 3, 2).dim(-1));
        assertEquals(5, Shape.of(5, 3, 2).dim(-3));
    }

    @Test
    void rejectsNegativeDimensions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shape.of(2, -3));
        assertEquals("shape [2, -3]: dimension 1 is -3 (must be >= 0, or -1 for unknown)", e.getMessage());
    }
}
