package org.adjoint.bench.report;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.kernels.Kernels;
import org.adjoint.kernels.Parallel;

/**
 * The machine description printed in every report, gathered from {@code /proc/cpuinfo}, the
 * JVM and the kernel provider of the harness JVM (which runs with the same JDK and the same
 * {@code --add-modules} flag as the benchmark forks). Keys are stable: baselines compare them.
 */
final class Machine {

    /**
     * Keys that must be equal for two runs' figures to be compared: the CPU and its SIMD flags,
     * the core count, the JDK, the vector width and kernel provider, the thread setting.
     */
    static final List<String> COMPARED = List.of("cpu", "cpu.flags", "cores", "jdk", "vector", "kernels", "threads");

    /** SIMD-related CPU flags worth naming (in this order). */
    static final List<String> SIMD_FLAGS = List.of("sse4_2", "avx", "fma", "avx2", "avx512f", "avx512dq", "avx512bw",
            "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_fp16", "amx_tile", "asimd", "sve", "sve2");

    private Machine() {
    }

    /** Describes this machine and JVM; peer entries are added by the caller. */
    static Map<String, String> gather() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        Map<String, String> cpu = cpuinfo();
        String model = cpu.getOrDefault("model name", System.getProperty("os.arch"));
        String vendor = cpu.getOrDefault("vendor_id", "");
        String ident = cpu.containsKey("cpu family") ? " (" + vendor + " family " + cpu.get("cpu family") + " model "
                + cpu.get("model") + " stepping " + cpu.getOrDefault("stepping", "?") + ")" : "";
        m.put("cpu", model + ident);
        Set<String> flags = Set.of(cpu.getOrDefault("flags", cpu.getOrDefault("Features", "")).split("\\s+"));
        List<String> simd = new ArrayList<>();
        for (String f : SIMD_FLAGS) {
            if (flags.contains(f)) {
                simd.add(f);
            }
        }
        m.put("cpu.flags", simd.isEmpty() ? "(none of " + SIMD_FLAGS + ")" : String.join(" ", simd));
        String hyper = flags.contains("hypervisor") ? ", virtual machine (hypervisor flag)" : "";
        m.put("cores", Runtime.getRuntime().availableProcessors() + hyper);
        m.put("cpu.mhz", cpu.getOrDefault("cpu MHz", "unknown"));
        m.put("caches", caches());
        m.put("memory", memory());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        m.put("jdk.home", System.getProperty("java.home"));
        boolean vector = KernelProvider.vectorApiAvailable();
        m.put("vector", vector ? VectorProbe.describe() : "jdk.incubator.vector not readable (scalar kernels)");
        m.put("kernels", kernels());
        m.put("threads", Parallel.threads() + " (Parallel.threads(); -D" + Parallel.PROPERTY + "="
                + System.getProperty(Parallel.PROPERTY, "unset") + ")");
        double mhz = parseOr(cpu.get("cpu MHz"), Double.NaN);
        int family = (int) parseOr(cpu.get("cpu family"), 0);
        m.put("peak", peakDescription(flags, vendor, family, mhz));
        return m;
    }

    /** The provider's name, and its own description if this build has one ({@code describe()}). */
    static String kernels() {
        try {
            Kernels k = KernelProvider.get();
            String text = k.name();
            for (Object target : new Object[] {k, null}) {
                Class<?> cls = target == null ? KernelProvider.class : target.getClass();
                try {
                    Method describe = cls.getMethod("describe");
                    describe.setAccessible(true);
                    Object d = describe.invoke(target);
                    if (d != null) {
                        return text + ": " + String.valueOf(d).strip().replace('\n', ';');
                    }
                } catch (NoSuchMethodException | NullPointerException e) {
                    // NOTE: describe() is being added by the kernels engineer; older builds lack it
                }
            }
            return text;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "unavailable: " + e.getMessage();
        }
    }

    /**
     * Single-precision peak of one core in GFLOP/s, from the CPU's SIMD flags and clock:
     * {@code 2 FMA units x 2 FLOP x lanes x GHz}, with 8 lanes for AVX2, and for AVX-512 16 lanes
     * on Intel and on AMD from Zen 5 (family 26) but 8 on Zen 4 (family 25, which executes 512-bit
     * FMAs as two 256-bit halves). NaN when the clock is unknown. An estimate: turbo clocks and
     * single-FMA parts differ.
     */
    static double peakGflopsPerCore(Set<String> flags, String vendor, int family, double mhz) {
        if (!(mhz > 0)) {
            return Double.NaN;
        }
        int flopPerLane = flags.contains("fma") ? 2 : 1;
        return 2.0 * flopPerLane * lanes(flags, vendor, family) * mhz / 1000.0;
    }

    /** F32 lanes one FMA unit processes per cycle (see {@link #peakGflopsPerCore}). */
    static int lanes(Set<String> flags, String vendor, int family) {
        if (flags.contains("avx512f")) {
            return vendor.contains("AMD") && family < 26 ? 8 : 16;
        }
        return flags.contains("avx2") ? 8 : 4;
    }

    private static String peakDescription(Set<String> flags, String vendor, int family, double mhz) {
        double peak = peakGflopsPerCore(flags, vendor, family, mhz);
        if (Double.isNaN(peak)) {
            return "unknown (no clock in /proc/cpuinfo)";
        }
        int lanes = lanes(flags, vendor, family);
        return String.format(Locale.ROOT, "%.1f GFLOP/s per core (F32, nominal: 2 FMA units x %d lanes x 2 FLOP x "
                + "%.2f GHz, the cpuinfo clock; boost clocks exceed it; --peak-gflops sets it)", peak, lanes, mhz / 1000);
    }

    /** Reads the peak back from the machine description (GFLOP/s per core), NaN if absent. */
    static double peakFrom(Map<String, String> machine) {
        String p = machine.getOrDefault("peak", "");
        int sp = p.indexOf(' ');
        return sp > 0 ? parseOr(p.substring(0, sp), Double.NaN) : Double.NaN;
    }

    /** {@code "1.20 0.80 0.50"} from /proc/loadavg, or "unknown". */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2] + " (1, 5, 15 min)";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Fields of the first processor in /proc/cpuinfo (empty off Linux). */
    static Map<String, String> cpuinfo() {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.isBlank()) {
                    if (!out.isEmpty()) {
                        break;
                    }
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    out.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the description falls back to os.arch
        }
        return out;
    }

    private static String caches() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache/index" + i);
            try {
                String level = Files.readString(dir.resolve("level")).trim();
                String type = Files.readString(dir.resolve("type")).trim();
                String size = Files.readString(dir.resolve("size")).trim();
                if (!type.equals("Instruction")) {
                    parts.add("L" + level + (type.equals("Data") ? "d" : "") + " " + size);
                }
            } catch (IOException | RuntimeException e) {
                break;
            }
        }
        return parts.isEmpty() ? "unknown" : String.join(", ", parts) + " (per cpu0)";
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return "unknown";
    }

    private static double parseOr(String s, double fallback) {
        try {
            return s == null ? fallback : Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * The keys of {@link #COMPARED} whose values differ, as {@code "jdk: A -> B"} lines (a key
     * missing on one side counts as different).
     */
    static List<String> differences(Map<String, String> baseline, Map<String, String> current) {
        List<String> out = new ArrayList<>();
        for (String key : COMPARED) {
            String a = baseline.get(key);
            String b = current.get(key);
            if (a == null || !a.equals(b)) {
                out.add(key + ": " + (a == null ? "(not recorded)" : a) + " -> " + (b == null ? "(not recorded)" : b));
            }
        }
        return out;
    }
}
