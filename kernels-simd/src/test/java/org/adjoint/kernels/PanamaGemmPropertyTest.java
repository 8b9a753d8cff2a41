package org.adjoint.kernels;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Random shapes, transposes, paddings, offsets and alpha/beta against the scalar oracle. */
class PanamaGemmPropertyTest {

    private static final PanamaGemm GEMM = new PanamaGemm(1);

    @Property(tries = 150)
    void matchesScalarOracle(@ForAll @IntRange(min = 0, max = 80) int m,
                             @ForAll @IntRange(min = 0, max = 80) int n,
                             @ForAll @IntRange(min = 0, max = 300) int k,
                             @ForAll boolean transA, @ForAll boolean transB,
                             @ForAll @IntRange(min = 0, max = 5) int padA,
                             @ForAll @IntRange(min = 0, max = 5) int padB,
                             @ForAll @IntRange(min = 0, max = 5) int padC,
                             @ForAll @IntRange(min = 0, max = 7) int off,
                             @ForAll @IntRange(min = 0, max = 4) int alphaBeta,
                             @ForAll long seed) {
        double[][] choices = {{1, 0}, {0.75, 0}, {1, 1}, {-2, 0.5}, {0, 3}};
        double[] ab = choices[alphaBeta];
        new GemmCase(transA, transB, m, n, k, padA, padB, padC, off, (off * 3) % 5, (off * 5) % 7,
                ab[0], ab[1], ab[1] == 0, seed).check(GEMM);
    }
}
