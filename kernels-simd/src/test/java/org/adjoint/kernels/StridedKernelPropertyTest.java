package org.adjoint.kernels;

import static org.adjoint.kernels.KernelTesting.assertUlps;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Generated shapes, strides and offsets: the Vector API kernels agree with the scalar twins on
 * every layout the strided entry points accept, including ones no hand-written case lists.
 */
class StridedKernelPropertyTest {

    private final ElementwiseKernels panama = new PanamaElementwise();
    private final ElementwiseKernels twin = new ScalarElementwise();
    private final ReductionKernels panamaR = new PanamaReductions();
    private final ReductionKernels twinR = new ScalarReductions();

    /**
     * Column strides 0, 1 or 2 (2 takes the scalar fallback), row strides 0 (broadcast) or at
     * least the row's extent (padding allowed), any offsets: bit-identical for every op but POW.
     */
    @Property(tries = 300)
    void binaryMatchesTwinOnAnyLayout(@ForAll @IntRange(min = 0, max = 9) int rows,
                                      @ForAll @IntRange(min = 0, max = 70) int cols,
                                      @ForAll @IntRange(min = 0, max = 2) int aCs,
                                      @ForAll @IntRange(min = 0, max = 2) int bCs,
                                      @ForAll boolean aRowBroadcast, @ForAll boolean bRowBroadcast,
                                      @ForAll @IntRange(min = 0, max = 5) int aPad,
                                      @ForAll @IntRange(min = 0, max = 5) int bPad,
                                      @ForAll @IntRange(min = 0, max = 6) int aOff,
                                      @ForAll @IntRange(min = 0, max = 6) int outOff,
                                      @ForAll @LongRange long seed) {
        int aRs = aRowBroadcast ? 0 : Math.max(1, cols * aCs) + aPad;
        int bRs = bRowBroadcast ? 0 : Math.max(1, cols * bCs) + bPad;
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = KernelTesting.padded(rnd, aOff, ElementwiseParityTest.extent(rows, cols, aRs, aCs), -4, 4);
        float[] b = KernelTesting.padded(rnd, 0, ElementwiseParityTest.extent(rows, cols, bRs, bCs), -4, 4);
        for (BinaryOp op : BinaryOp.values()) {
            if (op == BinaryOp.POW) {
                continue; // transcendental: covered with an ulp bound in ElementwiseParityTest
            }
            float[] expected = KernelTesting.guarded(outOff + rows * cols + 2);
            float[] actual = KernelTesting.guarded(outOff + rows * cols + 2);
            twin.binary(op, a, aOff, aRs, aCs, b, 0, bRs, bCs, expected, outOff, rows, cols);
            panama.binary(op, a, aOff, aRs, aCs, b, 0, bRs, bCs, actual, outOff, rows, cols);
            assertUlps(expected, actual, 0, op + " " + rows + "x" + cols + " a(" + aRs + "," + aCs + ") b(" + bRs
                    + "," + bCs + ")");
        }
    }

    /** Any (outer, n, inner) view at any offset: MAX, MIN and column sums exact, row sums within n eps sum|x|. */
    @Property(tries = 300)
    void reduceMatchesTwinOnAnyShape(@ForAll @IntRange(min = 1, max = 4) int outer,
                                     @ForAll @IntRange(min = 0, max = 90) int n,
                                     @ForAll @IntRange(min = 1, max = 40) int inner,
                                     @ForAll @IntRange(min = 0, max = 9) int off,
                                     @ForAll @LongRange long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = KernelTesting.paddedD(rnd, off, outer * n * inner, -10, 10);
        for (ReduceOp op : ReduceOp.values()) {
            double[] expected = KernelTesting.guardedD(outer * inner + 1);
            double[] actual = KernelTesting.guardedD(outer * inner + 1);
            twinR.reduce(op, x, off, outer, n, inner, expected, 1);
            panamaR.reduce(op, x, off, outer, n, inner, actual, 1);
            String what = op + " (" + outer + ", " + n + ", " + inner + ") off " + off;
            if (op != ReduceOp.SUM || inner > 1) {
                assertUlps(expected, actual, 0, what);
                continue;
            }
            for (int o = 0; o < outer; o++) {
                double abs = 0;
                for (int k = 0; k < n; k++) {
                    abs += Math.abs(x[off + o * n + k]);
                }
                double diff = Math.abs(expected[1 + o] - actual[1 + o]);
                assertTrue(diff <= n * Math.ulp(1.0) * abs, what + " row " + o + " differs by " + diff);
            }
        }
    }
}
