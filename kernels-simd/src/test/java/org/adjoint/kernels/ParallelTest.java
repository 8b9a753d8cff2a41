package org.adjoint.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void parsesThreadCount() {
        assertEquals(3, Parallel.parseThreads("3"));
        assertEquals(Runtime.getRuntime().availableProcessors(), Parallel.parseThreads(null));
        assertEquals(Runtime.getRuntime().availableProcessors(), Parallel.parseThreads(" "));
    }

    @Test
    void invalidThreadCountNamesPropertyAndValue() {
        for (String bad : new String[] {"0", "-2", "two"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.parseThreads(bad));
            assertTrue(e.getMessage().contains("adjoint.threads") && e.getMessage().contains(bad), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
    }

    @Test
    void runsEveryPartOnce() {
        AtomicIntegerArray hits = new AtomicIntegerArray(17);
        Parallel.forEach(17, 2, hits::incrementAndGet);
        for (int i = 0; i < 17; i++) {
            assertEquals(1, hits.get(i), "part " + i);
        }
    }

    @Test
    void hotRightAfterAParallelCallAndColdOnceTheWorkersHaveParked() throws InterruptedException {
        // a few tries: the test thread may be descheduled between the call and the question
        boolean hot = false;
        for (int i = 0; i < 20 && !hot; i++) {
            Parallel.forEach(2, 2, part -> { });
            hot = Parallel.hot();
        }
        assertTrue(hot, "hot right after a parallel call");
        Parallel.team(2, (member, size, barrier) -> barrier.await());
        Thread.sleep(2 * Parallel.HOT_NANOS / 1_000_000 + 1);
        assertFalse(Parallel.hot(), "not hot " + 2 * Parallel.HOT_NANOS / 1000 + " us after the last call");
    }

    @Test
    void rethrowsAFailingPart() {
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forEach(4, 2, i -> {
            if (i == 3) {
                throw boom;
            }
        }));
        assertSame(boom, e);
    }
}
