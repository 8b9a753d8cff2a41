package org.adjoint.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** PanamaGemm against the ScalarGemm oracle; see {@link GemmCase} for the error bound. */
class PanamaGemmTest {

    private static final PanamaGemm GEMM = new PanamaGemm(1);

    private static final int[] SIZES = {0, 1, 7, 8, 9, 13, 207};

    /** Shapes: every size on the diagonal, mixed sizes, and a few big enough for several blocks. */
    static Stream<int[]> shapes() {
        List<int[]> out = new ArrayList<>();
        for (int s : SIZES) {
            out.add(new int[] {s, s, s});
        }
        out.add(new int[] {1, 207, 13});
        out.add(new int[] {207, 1, 9});
        out.add(new int[] {13, 7, 207});
        out.add(new int[] {9, 8, 7});
        out.add(new int[] {7, 9, 0});
        out.add(new int[] {17, 33, 65});
        out.add(new int[] {300, 257, 129});
        out.add(new int[] {150, 40, 1100});      // k > KC (at most 1024): several k slices, beta applied once
        out.add(new int[] {37, 2100, 20});       // n > NC (F32 2048, F64 1024): several column blocks
        out.add(new int[] {13, 7, 300});         // NT: dot-product path (k >= 2 max(m, n)), ragged 4x4 blocks
        out.add(new int[] {9, 33, 257});         // NT: dot-product path, k not a multiple of any width
        out.add(new int[] {150, 20, 60});        // few columns: the narrow tile
        return out.stream();
    }

    /**
     * Every micro-kernel tile, on shapes with several row and column blocks, ragged edges, a
     * partial row panel, k slices, and both the computed and the swapped product (C^T) for
     * transposed B; with and without the dot-product path.
     */
    @Test
    void everyTileMatchesScalar() {
        int[][] shapes = {{67, 45, 1100}, {45, 67, 31}, {8, 130, 9}, {130, 5, 40}};
        double[][] alphaBeta = {{1, 0}, {-1.5, 0.25}};
        for (String tile : GemmShapes.TILES) {
            PanamaGemm gemm = new PanamaGemm(1, tile, tile.equals("4x4"));
            for (int[] s : shapes) {
                for (int t = 0; t < 4; t++) {
                    double[] ab = alphaBeta[t % 2];
                    new GemmCase((t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], 2, 1, 3, 1, 2, 3,
                            ab[0], ab[1], ab[1] == 0, 31L * t + s[0]).check(gemm);
                }
            }
        }
    }

    /**
     * Computing C or C^T (written transposed) gives the same bits, for every tile and every
     * transpose of A and B: each element is the same chain of fused products. That covers the
     * direct store of full tiles into C (alpha 1, beta 0) against the scratch-tile path of the
     * transposed writes, and the in-register transposes that pack a transposed operand against
     * the plain copies. k = 75 leaves a tail of k past the last whole block of lanes, n = 300 a
     * partial micro-panel, m = 41 a partial row tile.
     */
    @Test
    void transposedCGivesTheBitsOfC() {
        assertTrue(GemmKernelF32.DIRECT_STORE, "run without -Dadjoint.gemm.directStore=false");
        int m = 41;
        int n = 300;
        int k = 75;
        Random rnd = new Random(5);
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                float[] a = new float[m * k];
                float[] b = new float[k * n];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) rnd.nextGaussian();
                }
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) rnd.nextGaussian();
                }
                int lda = transA ? m : k;
                int ldb = transB ? k : n;
                for (String tile : GemmShapes.TILES) {
                    GemmDriverF32 driver = GemmF32.driver(tile);
                    float[] c = new float[m * n];
                    float[] ct = new float[m * n];
                    driver.gemm(1, false, transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
                    driver.gemm(1, true, transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, ct, 0, n);
                    assertArrayEquals(c, ct, "tile " + tile + ", transA " + transA + ", transB " + transB);
                    float[] expected = new float[m * n];
                    new ScalarGemm().sgemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, expected, 0, n);
                    for (int i = 0; i < expected.length; i++) {
                        assertEquals(expected[i], c[i], 1e-4f * k, "element " + i + ", tile " + tile);
                    }
                }
            }
        }
    }

    /**
     * The packed path computes C^T where that is cheaper (GemmDriverF32.cost): for a narrow C
     * (10 columns, the MLP's output layer) whose transpose pads 10 rows to 12 instead of 10
     * columns to a whole micro-panel; never for a square product that would need a transposed
     * store for nothing.
     */
    @Test
    void transposesCWhereItPadsLess() {
        assertTrue(GemmF32.transposesC(GemmF32.WIDE, GemmF32.NARROW, true, false, 256, 10, 128), "A^T B, 256x10x128");
        assertTrue(!GemmF32.transposesC(GemmF32.WIDE, GemmF32.NARROW, false, false, 256, 256, 256), "A B, 256^3");
        assertTrue(!GemmF32.transposesC(GemmF32.WIDE, GemmF32.NARROW, false, true, 128, 256, 10), "A B^T, 128x256x10");
    }

    static Stream<GemmCase> cases() {
        Random rnd = new Random(42);
        double[][] alphaBeta = {{1, 0}, {0.5, 0}, {1, 1}, {-1.5, 0.25}, {0, 2}};
        List<GemmCase> out = new ArrayList<>();
        shapes().forEach(s -> {
            for (int t = 0; t < 4; t++) {
                double[] ab = alphaBeta[out.size() % alphaBeta.length];
                boolean nan = ab[1] == 0;
                int pad = rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(5);
                out.add(new GemmCase((t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2],
                        pad, rnd.nextInt(4), rnd.nextInt(4), rnd.nextInt(5), rnd.nextInt(5), rnd.nextInt(5),
                        ab[0], ab[1], nan, rnd.nextLong()));
            }
        });
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesScalar(GemmCase c) {
        c.check(GEMM);
    }

    @Test
    void everyTransposeAndAlphaBetaOnAMultiBlockShape() {
        double[][] alphaBeta = {{1, 0}, {0.5, 0}, {1, 1}, {-1.5, 0.25}, {0, 2}, {2, -1}};
        for (int t = 0; t < 4; t++) {
            for (double[] ab : alphaBeta) {
                new GemmCase((t & 1) != 0, (t & 2) != 0, 71, 45, 1100, 3, 1, 2, 1, 2, 3,
                        ab[0], ab[1], ab[1] == 0, t * 31L + (long) (ab[0] * 10)).check(GEMM);
            }
        }
    }

    @Test
    void betaZeroIgnoresNaNInC() {
        for (int t = 0; t < 4; t++) {
            // small path and packed path
            new GemmCase((t & 1) != 0, (t & 2) != 0, 5, 11, 3, 0, 0, 2, 0, 0, 1, 1, 0, true, t).check(GEMM);
            new GemmCase((t & 1) != 0, (t & 2) != 0, 50, 70, 40, 0, 0, 2, 0, 0, 1, 1, 0, true, t).check(GEMM);
        }
    }

    @Test
    void batchedWithStrideZeroReusesOneMatrix() {
        int batch = 5;
        int m = 19;
        int n = 23;
        int k = 31;
        Random rnd = new Random(7);
        for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0;
            boolean tb = (t & 2) != 0;
            float[] a = randomF(rnd, batch * m * k);
            float[] b = randomF(rnd, k * n);                 // one B for every entry
            float[] exp = randomF(rnd, batch * m * n);
            float[] got = exp.clone();
            int lda = ta ? m : k;
            int ldb = tb ? k : n;
            new ScalarGemm().sgemmBatched(ta, tb, batch, m, n, k, 1.5f, a, 0, lda, m * k, b, 0, ldb, 0,
                    0.5f, exp, 0, n, m * n);
            GEMM.sgemmBatched(ta, tb, batch, m, n, k, 1.5f, a, 0, lda, m * k, b, 0, ldb, 0,
                    0.5f, got, 0, n, m * n);
            assertClose(exp, got, k);

            double[] ad = toD(a);
            double[] bd = toD(b);
            double[] expD = toD(randomF(rnd, batch * m * n));
            double[] gotD = expD.clone();
            // A reused (stride 0), B varies
            double[] bs = toD(randomF(rnd, batch * k * n));
            new ScalarGemm().dgemmBatched(ta, tb, batch, m, n, k, 1, ad, 0, lda, 0, bs, 0, ldb, k * n,
                    0, expD, 0, n, m * n);
            GEMM.dgemmBatched(ta, tb, batch, m, n, k, 1, ad, 0, lda, 0, bs, 0, ldb, k * n,
                    0, gotD, 0, n, m * n);
            for (int i = 0; i < expD.length; i++) {
                assertEquals(expD[i], gotD[i], 1e-12 * k, "dgemmBatched element " + i);
            }
            assertTrue(bd.length == k * n);
        }
    }

    @Test
    void zeroSizesLeaveCUntouchedOrScaled() {
        float[] c = {1, 2, 3, 4};
        GEMM.sgemm(false, false, 0, 2, 3, 1f, new float[0], 0, 3, new float[6], 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[] {1, 2, 3, 4}, c);
        GEMM.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 2f, c, 0, 2);
        assertArrayEquals(new float[] {2, 4, 6, 8}, c);
        c[1] = Float.NaN;
        GEMM.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[] {0, 0, 0, 0}, c);
    }

    @Test
    void providerUsesPanamaGemmWhenPanamaIsSelected() {
        Kernels kernels = KernelProvider.get();
        if (kernels.name().equals("panama")) {
            assertTrue(kernels.gemm() instanceof PanamaGemm, kernels.gemm().getClass().getName());
        }
    }

    static float[] randomF(Random rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = 2 * rnd.nextFloat() - 1;
        }
        return x;
    }

    static double[] toD(float[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i];
        }
        return y;
    }

    /** Inputs in [-1, 1): sum |a||b| <= k, so the bound of GemmCase is at most 2(k+2)u*k*|alpha|+... */
    private static void assertClose(float[] exp, float[] got, int k) {
        double tol = 2 * (k + 2) * 1.01 * 0x1p-24 * (1.5 * k + 0.5) + Float.MIN_NORMAL;
        for (int i = 0; i < exp.length; i++) {
            assertTrue(Math.abs(exp[i] - got[i]) <= tol, "element " + i + ": " + exp[i] + " vs " + got[i]);
        }
    }
}
