package org.adjoint.kernels;

/**
 * Cache blocking of the packed GEMM (Goto/BLIS): the micro-kernel sweeps the rows of an
 * {@code mc x kc} block of the broadcast operand held in L2 with one {@code kc x nr} packed
 * micro-panel; the {@code kc x nc} packed slice sits in L3.
 *
 * <ul>
 *   <li>{@code kc = L1d / (2 * vector bytes)}, within [128, 256]: 256 with a 32 KiB L1d
 *       (measured on Zen 4, 512-bit tiles: kc 256 and 384 within 2 %, 128 up to 15 % slower,
 *       since every k slice re-reads and re-writes C);</li>
 *   <li>{@code mc}: the A block fills half of L2, rounded down to a multiple of {@code mr},
 *       within [mr, 1024];</li>
 *   <li>{@code nc}: the B slice fills a quarter of L3, rounded down to a multiple of {@code nr},
 *       within [nr, 8192].</li>
 * </ul>
 * {@code -Dadjoint.gemm.kc/.mc/.nc} override the computed values (for benchmark sweeps).
 */
final class GemmBlocking {

    final int kc;
    final int mc;
    final int nc;

    GemmBlocking(int kc, int mc, int nc) {
        this.kc = kc;
        this.mc = mc;
        this.nc = nc;
    }

    /**
     * The blocking for elements of {@code elementBytes}, vectors of {@code vectorBytes} and an
     * {@code mr x nr} tile on {@code caches}.
     */
    static GemmBlocking of(CpuCaches caches, int elementBytes, int vectorBytes, int mr, int nr) {
        int kc = clamp(caches.l1d / (2 * vectorBytes) / 16 * 16, 128, 256);
        int mc = clamp(caches.l2 / 2 / (kc * elementBytes) / mr * mr, mr, 1024 / mr * mr);
        int nc = clamp(caches.l3 / 4 / (kc * elementBytes) / nr * nr, nr, 8192 / nr * nr);
        return new GemmBlocking(override("kc", kc, 1), override("mc", mc, mr), override("nc", nc, nr));
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
        return "KC " + kc + ", MC " + mc + ", NC " + nc;
    }
}
