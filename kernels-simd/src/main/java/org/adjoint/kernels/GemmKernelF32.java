package org.adjoint.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * An F32 register-tiled GEMM micro-kernel: an {@code mr x nr} tile of C, held in vector
 * accumulators ({@code nr} is a whole number of vectors), is updated by one rank-1 product per
 * step of k: {@code mr} broadcasts from A, read in place with any strides (element (row, p) at
 * {@code ai + row*rs + p*ps}), times {@code nr} contiguous values of a B micro-panel (element
 * (p, col) at {@code bi + p*bs + col}: packed with {@code bs = nr}, or B itself with
 * {@code bs = ldb}).
 *
 * <p>Subclasses hold one tile shape each ({@code GemmKernel<rows>x<vectors>F32}), written out
 * with one local per accumulator so that C2 keeps them all in registers; {@link GemmShapes} picks
 * the shape for the vector width and the CPU's register count.
 *
 * <p>NOTE: the k loops count down to 0 and step the A and B offsets by addition. With AVX2's 12
 * accumulators C2 has about 13 general registers for the loop (arrays, lengths, offsets,
 * strides, counter): {@code p * ps} recomputed each step cost two {@code imul}s with stack
 * operands, and an upward count kept its limit in a register that then spilled something else.
 * Measured with {@code -XX:UseAVX=2} on Zen 4 at 1024^3, JDK 17: 80-86 GFLOP/s, then 71-91
 * (bimodal from one JVM to the next), now 87-93; JDK 25 82, then 95-97, now 98-99.
 *
 * <p>For the tile: {@code C = alpha * (Apanel * Bpanel) + beta * C}, each sum accumulated in
 * index order with fused multiply-adds; the store is {@code fma(beta, C, alpha * acc)} for full
 * and edge tiles alike, so the bits of an element do not depend on where tile borders fall (and
 * so not on the thread split). When {@code beta == 0} C is not read.
 */
abstract class GemmKernelF32 {

    static final VectorSpecies<Float> S = VectorWidth.F32;
    static final int L = S.length();

    /**
     * Whether a full tile with {@code alpha == 1, beta == 0} is stored straight into C by
     * {@link #multiply} (default true; {@code -Dadjoint.gemm.directStore=false} sends every tile
     * through the scratch tile, for comparisons).
     *
     * <p>NOTE: an earlier design stored into C from a second method per tile that also multiplied
     * by alpha. On JDK 17 that method's IR reached C2's node limit ({@code MaxNodeLimit}, 80,000):
     * the last vector stores then failed to intrinsify ("VectorSupport::store failed to inline
     * (intrinsic)" in {@code -XX:+PrintInlining}) and ran the Vector API's Java fallback: 1.4 MB
     * allocated per LSTM training step in every run, intermittently in the test JVM;
     * {@code -XX:MaxNodeLimit=240000} made it disappear. One method for both targets, without
     * the 16-28 multiplies, has the node count of the tile path, which did not fall back.
     */
    static final boolean DIRECT_STORE = Boolean.parseBoolean(System.getProperty("adjoint.gemm.directStore", "true"));

    /** Rows of the tile. */
    final int mr;
    /** Columns of the tile: a multiple of the vector length. */
    final int nr;

    GemmKernelF32(int mr, int vectors) {
        this.mr = mr;
        this.nr = vectors * L;
    }

    /**
     * The tile's products {@code sum_p A(r, p) * B(p, j)} for {@code p < kc}, A(r, p) at
     * {@code a[ai + r*rs + p*ps]}, B(p, j) at {@code bp[bi + p*bs + j]}, into
     * {@code out[oi + r*ldo + j]}: the scratch tile ({@code oi = 0, ldo = nr}) or, for a full
     * tile with alpha = 1 and beta = 0, C itself. Modifies {@code out}.
     *
     * <p>NOTE: the accumulators leave through an array, never as vectors across a call; one
     * method serves both targets (see {@link #DIRECT_STORE}). Measured on Zen 4 (512-bit, 4x4
     * tile): the tile round trip (16 stores, 16 loads) cost 10-20 % at the LSTM shapes' k =
     * 32..128 (128x512x32 A^T B 82 -> 95-101 GFLOP/s), nothing measurable at k = 1024.
     */
    abstract void multiply(int kc, float[] a, int ai, int rs, int ps, float[] bp, int bi, int bs,
                           float[] out, int oi, int ldo);

    /**
     * {@code C = alpha * (A B) + beta * C} for the {@code rows x cols} tile of C whose element
     * (r, j) is {@code c[ci + r*crs + j*ccs]} ({@code rows <= mr}, {@code cols <= nr});
     * {@code tile} ({@code mr*nr} floats) is scratch. Modifies {@code c}, {@code tile}.
     */
    final void run(int kc, float[] a, int ai, int rs, int ps, float[] bp, int bi, int bs,
                   float[] c, int ci, int crs, int ccs, float alpha, float beta, int rows, int cols, float[] tile) {
        assert tile.length >= mr * nr;
        if (DIRECT_STORE && rows == mr && cols == nr && ccs == 1 && alpha == 1f && beta == 0f) {
            // alpha * acc with alpha = 1 is acc: the bits of the tile path's store
            multiply(kc, a, ai, rs, ps, bp, bi, bs, c, ci, crs);
            return;
        }
        multiply(kc, a, ai, rs, ps, bp, bi, bs, tile, 0, nr);
        if (rows == mr && cols == nr && ccs == 1) {
            store(tile, c, ci, crs, alpha, beta);
        } else {
            storeStrided(tile, c, ci, crs, ccs, alpha, beta, rows, cols);
        }
    }

    /** {@code C[row] = fma(beta, C[row], alpha * tile[row])} for a full tile; C not read when beta == 0. */
    private void store(float[] tile, float[] c, int ci, int ldc, float alpha, float beta) {
        FloatVector alphaV = FloatVector.broadcast(S, alpha);
        if (beta == 0f) {
            for (int r = 0; r < mr; r++) {
                int row = ci + r * ldc;
                // vector loop: nr is a whole number of vectors
                for (int j = 0; j < nr; j += L) {
                    FloatVector.fromArray(S, tile, r * nr + j).mul(alphaV).intoArray(c, row + j);
                }
            }
        } else {
            FloatVector betaV = FloatVector.broadcast(S, beta);
            for (int r = 0; r < mr; r++) {
                int row = ci + r * ldc;
                // vector loop
                for (int j = 0; j < nr; j += L) {
                    FloatVector v = FloatVector.fromArray(S, tile, r * nr + j).mul(alphaV);
                    FloatVector.fromArray(S, c, row + j).fma(betaV, v).intoArray(c, row + j);
                }
            }
        }
    }

    /**
     * tail: the scalar twin of {@link #store} for a partial tile or a transposed C (same
     * rounding).
     */
    private void storeStrided(float[] tile, float[] c, int ci, int crs, int ccs, float alpha, float beta,
                              int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int row = ci + r * crs;
            for (int j = 0; j < cols; j++) {
                int at = row + j * ccs;
                float v = alpha * tile[r * nr + j];
                c[at] = beta == 0f ? v : Math.fma(beta, c[at], v);
            }
        }
    }

    @Override
    public String toString() {
        return mr + "x" + nr;
    }
}
