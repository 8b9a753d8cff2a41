package org.adjoint.nn.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.junit.jupiter.api.Test;

class InitializerTest {

    private static double variance(Tensor t) {
        double s = 0;
        double s2 = 0;
        for (int i = 0; i < t.size(); i++) {
            s += t.getDouble(i);
            s2 += t.getDouble(i) * t.getDouble(i);
        }
        double m = s / t.size();
        return s2 / t.size() - m * m;
    }

    @Test
    void varianceScalingMatchesTheFormulas() {
        Shape shape = Shape.of(200, 100);
        Fans fans = new Fans(200, 100);
        // 20000 samples: the sample variance is within ~2% of the true one
        assertEquals(1.0 / 200, variance(Initializer.xavier().create(DType.F64, shape, fans, 1)), 0.05 / 200);
        assertEquals(2.0 / 300, variance(Initializer.glorot().create(DType.F64, shape, fans, 2)), 0.1 / 300);
        assertEquals(2.0 / 300, variance(Initializer.glorotUniform().create(DType.F64, shape, fans, 3)), 0.1 / 300);
        assertEquals(2.0 / 200, variance(Initializer.he().create(DType.F64, shape, fans, 4)), 0.1 / 200);
        assertEquals(1e-4, variance(Initializer.smallRandom().create(DType.F64, shape, fans, 5)), 5e-6);
    }

    @Test
    void constantsAndSeeds() {
        Shape s = Shape.of(3, 2);
        Fans f = Fans.of(s);
        assertTrue(Tensor.zeros(DType.F32, s).bitwiseEquals(Initializer.zeros().create(DType.F32, s, f, 1)));
        assertEquals(0.25, Initializer.constant(0.25).create(DType.F64, s, f, 1).getDouble(5), 0);
        Tensor a = Initializer.he().create(DType.F32, s, f, 7);
        assertTrue(a.bitwiseEquals(Initializer.he().create(DType.F32, s, f, 7)));
        assertFalse(a.bitwiseEquals(Initializer.he().create(DType.F32, s, f, 8)));
        assertTrue(a.bitwiseEquals(Initializer.he().seeded(7).create(DType.F32, s, f, 99)));
    }

    @Test
    void orthogonalHasOrthonormalColumnsOrRows() {
        for (int[] dims : new int[][] {{6, 4}, {4, 6}, {5, 5}}) {
            Tensor q = Initializer.orthogonal(2.0).create(DType.F64, Shape.of(dims), Fans.of(Shape.of(dims)), 3);
            int r = dims[0];
            int c = dims[1];
            boolean cols = r >= c;
            int k = cols ? c : r;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    double dot = 0;
                    for (int t = 0; t < (cols ? r : c); t++) {
                        dot += cols ? q.get(t, i) * q.get(t, j) : q.get(i, t) * q.get(j, t);
                    }
                    assertEquals(i == j ? 4.0 : 0.0, dot, 1e-12, java.util.Arrays.toString(dims) + " " + i + "," + j);
                }
            }
        }
        assertEquals("Initializer.orthogonal: needs a shape of rank >= 2, got [3]", assertThrows(
                IllegalArgumentException.class,
                () -> Initializer.orthogonal().create(DType.F64, Shape.of(3), new Fans(3, 3), 1)).getMessage());
    }

    @Test
    void fansOfConvolutionFilters() {
        assertEquals(new Fans(3 * 5 * 5, 8 * 5 * 5), Fans.of(Shape.of(8, 3, 5, 5)));
        assertEquals(new Fans(4, 7), Fans.of(Shape.of(4, 7)));
    }
}
