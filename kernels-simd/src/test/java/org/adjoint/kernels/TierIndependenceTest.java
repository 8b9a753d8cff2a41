package org.adjoint.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * "Same seed, same bits" across JIT tiers: the transcendental kernels give identical bits when
 * C2-compiled and when interpreted.
 *
 * <p>The bug this guards against: {@code lanewise(VectorOperators.EXP)} and friends run Intel
 * SVML stubs once C2 has compiled the caller, but the Vector API's Java fallback (Math per lane)
 * in the interpreter and C1; their last bits differ, so results changed with warm-up.
 *
 * <p>Proof: {@link TierProbe}'s workload runs here until every task allocates nothing per call,
 * which only C2-compiled, intrinsified Vector API code does (the interpreter, C1 and the Java
 * fallback box every vector); then its bits are compared, element by element, with a child JVM
 * started with {@code -Xint} (pure interpreter: the Java fallback of every vector operation) on
 * the same class path, vector width and inputs.
 */
class TierIndependenceTest {

    private static final long WARMUP_NANOS = 60_000_000_000L;
    private static final long CHILD_SECONDS = 120;

    @Test
    void compiledAndInterpretedRunsGiveIdenticalBits() throws Exception {
        TierProbe probe = new TierProbe();
        warmUpUntilCompiled(probe);
        for (TierProbe.Task t : probe.tasks) {
            t.run().run();
        }
        Map<String, long[]> compiled = probe.bits();
        Map<String, long[]> interpreted = runInterpretedChild();

        assertEquals(compiled.keySet(), interpreted.keySet(), "tasks of the -Xint child");
        List<String> mismatches = new ArrayList<>();
        for (TierProbe.Task t : probe.tasks) {
            long[] c = compiled.get(t.name());
            long[] i = interpreted.get(t.name());
            int differing = 0;
            String first = null;
            for (int k = 0; k < c.length; k++) {
                if (c[k] != i[k]) {
                    differing++;
                    if (first == null) {
                        first = "element " + k + " (input " + input(t, k) + "): C2 " + value(t, c[k]) + ", -Xint "
                                + value(t, i[k]);
                    }
                }
            }
            if (differing > 0) {
                mismatches.add(t.name() + ": " + differing + " of " + c.length + " differ, first " + first);
            }
        }
        if (!mismatches.isEmpty()) {
            fail("bits differ between the C2-compiled and the interpreted run (width " + VectorWidth.describe()
                    + ", JDK " + Runtime.version() + "):\n  " + String.join("\n  ", mismatches));
        }
        System.out.printf("%d tasks, %d values each: identical bits in C2 and -Xint (width %s)%n",
                probe.tasks.size(), TierProbe.N, VectorWidth.describe());
    }

    /** Runs every task until a batch of calls allocates nothing: C2 has compiled it with intrinsics. */
    private static void warmUpUntilCompiled(TierProbe probe) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "this JVM does not count allocated bytes per thread");
        List<TierProbe.Task> pending = new ArrayList<>(probe.tasks);
        long deadline = System.nanoTime() + WARMUP_NANOS;
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (var it = pending.iterator(); it.hasNext(); ) {
                Runnable r = it.next().run();
                long before = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 10; i++) {
                    r.run();
                }
                if (mx.getCurrentThreadAllocatedBytes() - before <= 160) {
                    it.remove();
                }
            }
        }
        if (!pending.isEmpty()) {
            List<String> names = new ArrayList<>();
            pending.forEach(t -> names.add(t.name()));
            fail("not compiled to vector instructions after " + WARMUP_NANOS / 1_000_000_000 + " s (still allocating): "
                    + names);
        }
    }

    private static Map<String, long[]> runInterpretedChild() throws IOException, InterruptedException {
        Path out = Files.createTempFile("tier-probe", ".bin");
        Path log = Files.createTempFile("tier-probe", ".log");
        try {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Xint");
            cmd.add("--add-modules=jdk.incubator.vector");
            String bits = System.getProperty(VectorWidth.PROPERTY);
            if (bits != null) {
                cmd.add("-D" + VectorWidth.PROPERTY + "=" + bits);
            }
            // the same CPU features (e.g. -XX:UseAVX=2, which narrows the widest vectors and the
            // register file, and with them the GEMM's tiles and paths) and kernel selection
            for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (arg.startsWith("-XX:UseAVX") || arg.startsWith("-XX:UseSSE") || arg.startsWith("-Dadjoint.")
                        && !arg.startsWith("-D" + VectorWidth.PROPERTY + "=")) {
                    cmd.add(arg);
                }
            }
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(TierProbe.class.getName());
            cmd.add(out.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(CHILD_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("the -Xint child did not finish in " + CHILD_SECONDS + " s");
            }
            assertEquals(0, p.exitValue(), "-Xint child " + cmd + " failed:\n" + Files.readString(log));
            return TierProbe.read(out);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(log);
        }
    }

    private static String input(TierProbe.Task t, int k) {
        return t.in() instanceof float[] f ? Float.toString(f[k]) : Double.toString(((double[]) t.in())[k]);
    }

    private static String value(TierProbe.Task t, long bits) {
        if (t.out() instanceof float[]) {
            float f = Float.intBitsToFloat((int) bits);
            return f + String.format(" [0x%08x]", (int) bits);
        }
        return Double.longBitsToDouble(bits) + String.format(" [0x%016x]", bits);
    }
}
