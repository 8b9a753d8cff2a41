package org.adjoint.kernels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Data cache sizes of the CPU the kernels run on (per core for L1 and L2, per instance for L3),
 * read once from Linux's {@code /sys/devices/system/cpu/cpu0/cache/index<i>}; where that is not
 * available (other systems, containers hiding /sys) the defaults below, which are small enough
 * for any x86-64 or ARM server core of the last decade.
 */
final class CpuCaches {

    /** Defaults: 32 KiB L1d, 512 KiB L2, 8 MiB L3. */
    static final CpuCaches DEFAULT = new CpuCaches(32 << 10, 512 << 10, 8 << 20, "defaults");

    /** The running CPU's caches. */
    static final CpuCaches CURRENT = read(Path.of("/sys/devices/system/cpu/cpu0/cache"));

    final int l1d;
    final int l2;
    final int l3;
    /** Where the sizes came from: "sysfs" or "defaults". */
    final String source;

    CpuCaches(int l1d, int l2, int l3, String source) {
        this.l1d = l1d;
        this.l2 = l2;
        this.l3 = l3;
        this.source = source;
    }

    /**
     * Reads {@code level}, {@code type} and {@code size} of each {@code index<i>} under {@code dir}; any level
     * missing or unreadable keeps its default.
     */
    static CpuCaches read(Path dir) {
        int l1d = 0;
        int l2 = 0;
        int l3 = 0;
        for (int i = 0; i < 8; i++) {
            Path index = dir.resolve("index" + i);
            try {
                if (!Files.isDirectory(index)) {
                    continue;
                }
                String type = text(index.resolve("type"));
                if (type.equalsIgnoreCase("Instruction")) {
                    continue;
                }
                int level = Integer.parseInt(text(index.resolve("level")));
                int size = parseSize(text(index.resolve("size")));
                if (level == 1) {
                    l1d = size;
                } else if (level == 2) {
                    l2 = size;
                } else if (level == 3) {
                    l3 = size;
                }
            } catch (IOException | RuntimeException e) {
                // unreadable entry: keep the default for its level
            }
        }
        if (l1d == 0 && l2 == 0 && l3 == 0) {
            return DEFAULT;
        }
        return new CpuCaches(l1d > 0 ? l1d : DEFAULT.l1d, l2 > 0 ? l2 : DEFAULT.l2, l3 > 0 ? l3 : DEFAULT.l3,
                "sysfs");
    }

    /** "32K", "1024K", "32M" or a plain byte count. */
    static int parseSize(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT);
        int scale = 1;
        if (t.endsWith("K")) {
            scale = 1 << 10;
        } else if (t.endsWith("M")) {
            scale = 1 << 20;
        } else if (t.endsWith("G")) {
            scale = 1 << 30;
        }
        if (scale != 1) {
            t = t.substring(0, t.length() - 1);
        }
        long bytes = Long.parseLong(t) * scale;
        if (bytes <= 0 || bytes > Integer.MAX_VALUE) {
            throw new NumberFormatException("cache size out of range: " + s);
        }
        return (int) bytes;
    }

    private static String text(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.US_ASCII).trim();
    }

    @Override
    public String toString() {
        return "L1d " + (l1d >> 10) + " KiB, L2 " + (l2 >> 10) + " KiB, L3 " + (l3 >> 20) + " MiB (" + source + ")";
    }
}
