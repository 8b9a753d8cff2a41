package org.adjoint.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When a product gets a second thread: from the cold threshold always, from the hot one only while a worker spins. */
class GemmThreadPolicyTest {

    @Test
    void thresholdsAreOrdered() {
        assertTrue(0 < PanamaGemm.HOT_PARALLEL_FLOPS && PanamaGemm.HOT_PARALLEL_FLOPS < PanamaGemm.PARALLEL_FLOPS,
                PanamaGemm.HOT_PARALLEL_FLOPS + " vs " + PanamaGemm.PARALLEL_FLOPS);
    }

    @Test
    void smallProductsStayOnOneThreadHotOrCold() {
        long small = PanamaGemm.HOT_PARALLEL_FLOPS - 1;
        assertEquals(1, PanamaGemm.threadsFor(small, 2, true));
        assertEquals(1, PanamaGemm.threadsFor(small, 2, false));
    }

    @Test
    void midSizedProductsSplitOnlyWhileAWorkerSpins() {
        long mid = PanamaGemm.HOT_PARALLEL_FLOPS;
        assertEquals(2, PanamaGemm.threadsFor(mid, 2, true));
        assertEquals(1, PanamaGemm.threadsFor(mid, 2, false));
        assertEquals(4, PanamaGemm.threadsFor(PanamaGemm.PARALLEL_FLOPS - 1, 4, true));
        assertEquals(1, PanamaGemm.threadsFor(PanamaGemm.PARALLEL_FLOPS - 1, 4, false));
    }

    @Test
    void largeProductsAlwaysSplit() {
        assertEquals(2, PanamaGemm.threadsFor(PanamaGemm.PARALLEL_FLOPS, 2, false));
        assertEquals(2, PanamaGemm.threadsFor(PanamaGemm.PARALLEL_FLOPS, 2, true));
        assertEquals(1, PanamaGemm.threadsFor(PanamaGemm.PARALLEL_FLOPS, 1, true));
    }

    @Test
    void thresholdPropertiesAreParsedAndBadValuesNamed() {
        String key = "adjoint.gemm.test.flops";
        assertEquals(7L, PanamaGemm.flops(key, 7L));
        System.setProperty(key, " 1234 ");
        try {
            assertEquals(1234L, PanamaGemm.flops(key, 7L));
            for (String bad : new String[] {"-1", "lots", "1e6"}) {
                System.setProperty(key, bad);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PanamaGemm.flops(key, 7L));
                assertTrue(e.getMessage().contains("-D" + key + "=" + bad), e.getMessage());
            }
        } finally {
            System.clearProperty(key);
        }
    }
}
