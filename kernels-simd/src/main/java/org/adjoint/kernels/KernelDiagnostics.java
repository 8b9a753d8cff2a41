package org.adjoint.kernels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Lines shared by the {@link Kernels#describe()} reports: JDK, CPU, threads. */
final class KernelDiagnostics {

    private KernelDiagnostics() {
    }

    static String jdk() {
        return "JDK " + System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.vendor") + ", "
                + System.getProperty("java.vm.name") + ")";
    }

    /** "AMD EPYC (family 25, model 17), 2 cores" on Linux; just the core count elsewhere. */
    static String cpu() {
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8);
            String model = field(lines, "model name");
            String family = field(lines, "cpu family");
            String number = field(lines, "model");
            if (model != null) {
                return model + (family != null && number != null ? " (family " + family + ", model " + number + ")" : "")
                        + ", " + cores + " cores";
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable
        }
        return System.getProperty("os.arch") + ", " + cores + " cores";
    }

    static String threads() {
        return "threads " + Parallel.threads() + " (-D" + Parallel.PROPERTY + " or Parallel.setThreads)";
    }

    private static String field(List<String> lines, String name) {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
