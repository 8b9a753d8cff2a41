package org.adjoint.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bitwise equality between 1 and 2 threads, on problems large enough to be split. */
class GemmThreadsTest {

    private static final PanamaGemm ONE = new PanamaGemm(1);
    private static final PanamaGemm TWO = new PanamaGemm(2);

    /**
     * {m, n, k}: rows split, columns split (few rows), ragged edges, a partial row panel, several
     * k slices; with the transposes, both the computed and the swapped product (C^T).
     */
    /**
     * Shapes split both ways; {9, 1100, 820} spans two column blocks of F64, and {64, 2048, 2050}
     * three k slices of unequal depth (683, 683, 684 at KC 1024) split by micro-panels.
     */
    private static final int[][] SHAPES = {{300, 257, 129}, {517, 130, 300}, {9, 1100, 820}, {1100, 7, 1100},
        {64, 2048, 2050}};

    @Test
    void sgemmBitsDoNotDependOnThreadCount() {
        Random rnd = new Random(3);
        for (int[] s : SHAPES) {
            assertTrue(2L * s[0] * s[1] * s[2] >= PanamaGemm.PARALLEL_FLOPS, "shape must be split");
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                int m = s[0];
                int n = s[1];
                int k = s[2];
                float[] a = PanamaGemmTest.randomF(rnd, m * k);
                float[] b = PanamaGemmTest.randomF(rnd, k * n);
                float[] c1 = PanamaGemmTest.randomF(rnd, m * (n + 1));
                float[] c2 = c1.clone();
                ONE.sgemm(ta, tb, m, n, k, 0.7f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0.3f, c1, 0, n + 1);
                TWO.sgemm(ta, tb, m, n, k, 0.7f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0.3f, c2, 0, n + 1);
                assertArrayEquals(c1, c2, "sgemm " + m + "x" + n + "x" + k + " trans " + t);
            }
        }
    }

    @Test
    void dgemmBitsDoNotDependOnThreadCount() {
        Random rnd = new Random(4);
        for (int[] s : SHAPES) {
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                int m = s[0];
                int n = s[1];
                int k = s[2];
                double[] a = PanamaGemmTest.toD(PanamaGemmTest.randomF(rnd, m * k));
                double[] b = PanamaGemmTest.toD(PanamaGemmTest.randomF(rnd, k * n));
                double[] c1 = new double[m * n];
                double[] c2 = new double[m * n];
                ONE.dgemm(ta, tb, m, n, k, 1.0, a, 0, ta ? m : k, b, 0, tb ? k : n, 0.0, c1, 0, n);
                TWO.dgemm(ta, tb, m, n, k, 1.0, a, 0, ta ? m : k, b, 0, tb ? k : n, 0.0, c2, 0, n);
                assertArrayEquals(c1, c2, "dgemm " + m + "x" + n + "x" + k + " trans " + t);
            }
        }
    }

    @Test
    void batchedBitsDoNotDependOnThreadCount() {
        // entries too small to split, batch big enough to be spread over threads
        int batch = 64;
        int m = 32;
        int n = 33;
        int k = 130;
        assertTrue(2L * batch * m * n * k >= PanamaGemm.PARALLEL_FLOPS, "batch must be split");
        Random rnd = new Random(5);
        float[] a = PanamaGemmTest.randomF(rnd, batch * m * k);
        float[] b = PanamaGemmTest.randomF(rnd, k * n);
        float[] c1 = new float[batch * m * n];
        float[] c2 = new float[batch * m * n];
        ONE.sgemmBatched(false, true, batch, m, n, k, 1f, a, 0, k, m * k, b, 0, k, 0, 0f, c1, 0, n, m * n);
        TWO.sgemmBatched(false, true, batch, m, n, k, 1f, a, 0, k, m * k, b, 0, k, 0, 0f, c2, 0, n, m * n);
        assertArrayEquals(c1, c2);
        float[] ref = new float[batch * m * n];
        new ScalarGemm().sgemmBatched(false, true, batch, m, n, k, 1f, a, 0, k, m * k, b, 0, k, 0, 0f, ref, 0, n,
                m * n);
        double tol = 2 * (k + 2) * 1.01 * 0x1p-24 * k;   // GemmCase's bound with |a|, |b| < 1
        for (int i = 0; i < ref.length; i++) {
            assertTrue(Math.abs(ref[i] - c2[i]) <= tol, "element " + i);
        }
    }
}
