package org.adjoint.kernels;

/**
 * Cache blocking of the packed GEMM (Goto/BLIS): the micro-kernel sweeps the rows of an
 * {@code mc x kc} block of the broadcast operand with one {@code kc x nr} packed micro-panel
 * (in L2); the {@code kc x nc} packed slice sits in L3.
 *
 * <ul>
 *   <li>{@code kc}: the {@code kc x nr} micro-panel fills a quarter of L2, rounded down to a
 *       multiple of 16, within [256, 1024]: 1024 with a 1 MiB L2 and 4x64-float tiles. NOTE: a
 *       512-bit tile's micro-panel (256 bytes per step of k) does not fit L1 at any useful kc, so
 *       it streams from L2 anyway; what a deeper slice saves is C's round trips (every slice
 *       after the first re-reads and re-writes each tile of C, which at n &gt;= 1024 comes from
 *       L3). Measured on Zen 4 (1 thread, JDK 17 and 25): sq1024/sq2048 93/91 GFLOP/s at kc 256,
 *       97-101 at 512, 103-105 at 1024, no better at 2048; DGEMM 47 / 50 at kc 256 / 1024; the
 *       same gain at 256 bits and with the 6x2 tile;</li>
 *   <li>{@code mc}: the A block fills L2, rounded down to a multiple of {@code mr}, within
 *       [mr, 1024] (measured on Zen 4 at kc 1024: mc 128-512 within noise; it is read once per
 *       micro-panel of B, and a block that spills to L3 still streams fast enough);</li>
 *   <li>{@code nc}: the B slice fills a quarter of L3, rounded down to a multiple of {@code nr},
 *       within [nr, 8192];</li>
 *   <li>{@code inPlaceBytes}: the largest vector operand read in place instead of packed (when
 *       one k slice covers it, see {@link GemmDriverF32}): the size of L2.</li>
 * </ul>
 * {@code -Dadjoint.gemm.kc/.mc/.nc/.inPlaceBytes} override the computed values (for benchmark
 * sweeps).
 */
final class GemmBlocking {

    final int kc;
    final int mc;
    final int nc;
    final int inPlaceBytes;

    GemmBlocking(int kc, int mc, int nc, int inPlaceBytes) {
        this.kc = kc;
        this.mc = mc;
        this.nc = nc;
        this.inPlaceBytes = inPlaceBytes;
    }

    /**
     * The blocking for elements of {@code elementBytes} and an {@code mr x nr} tile on
     * {@code caches}.
     */
    static GemmBlocking of(CpuCaches caches, int elementBytes, int mr, int nr) {
        int kc = clamp(caches.l2 / 4 / (nr * elementBytes) / 16 * 16, 256, 1024);
        int mc = clamp(caches.l2 / (kc * elementBytes) / mr * mr, mr, 1024 / mr * mr);
        int nc = clamp(caches.l3 / 4 / (kc * elementBytes) / nr * nr, nr, 8192 / nr * nr);
        return new GemmBlocking(override("kc", kc, 1), override("mc", mc, mr), override("nc", nc, nr),
                override("inPlaceBytes", caches.l2, 1));
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /**
     * {@code -Dadjoint.gemm.<name>} if set: a positive multiple of {@code multiple}.
     *
     * @throws IllegalArgumentException naming the property and the value otherwise
     */
    static int override(String name, int computed, int multiple) {
        String key = "adjoint.gemm." + name;
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            return computed;
        }
        int v;
        try {
            v = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            v = -1;
        }
        if (v <= 0 || v % multiple != 0) {
            throw new IllegalArgumentException("-D" + key + "=" + value + ": expected a positive multiple of " + multiple);
        }
        return v;
    }

    @Override
    public String toString() {
        return "KC " + kc + ", MC " + mc + ", NC " + nc + ", B in place up to " + (inPlaceBytes >> 10) + " KiB";
    }
}
