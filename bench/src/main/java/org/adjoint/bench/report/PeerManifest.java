package org.adjoint.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code bench/peers.txt}: which peer measures which JMH benchmarks. One line per group,
 * columns separated by spaces or tabs, {@code #} starts a comment:
 *
 * <pre>
 * # benchmarks (regex, found in the JMH name)  peer     script (bench/peer/)   python modules       chart  ours
 * GemmBench\.sgemm                              numpy    gemm_peer.py           numpy,threadpoolctl  gemm   -
 * </pre>
 *
 * <ul>
 *   <li><b>benchmarks</b>: a regular expression searched in the full JMH benchmark name; the
 *       benchmarks it matches form one group, measured in rounds alternating with the peer.
 *   <li><b>peer</b>: the name shown in the report (numpy, PyTorch, ...).
 *   <li><b>script</b>: a file in {@code bench/peer/}, run as
 *       {@code env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/peer/SCRIPT --json}.
 *   <li><b>python modules</b>: comma-separated modules the script imports; if one is missing the
 *       peer is reported as skipped with the {@code apt-get install} command.
 *   <li><b>chart</b>: {@code gemm} (GFLOP/s against size), {@code step} (time per network) or
 *       {@code -} (only the overview chart and the tables).
 *   <li><b>ours</b>: {@code key=value[,key=value]} restricts which of our points are compared with
 *       the peer (e.g. {@code impl=panama}: the scalar twins get no peer column), or {@code -}.
 * </ul>
 */
final class PeerManifest {

    /** Chart kinds a manifest line may name. */
    static final Set<String> CHARTS = Set.of("gemm", "step", "-");

    /**
     * One line of the manifest.
     *
     * @param benchmarks regex searched in the full JMH name
     * @param peer display name
     * @param script file name in bench/peer
     * @param modules python modules the script needs
     * @param chart chart kind
     * @param ours parameters our compared points must have (empty: all)
     * @param line line number in the file (for messages)
     */
    record Entry(Pattern benchmarks, String peer, String script, List<String> modules, String chart,
            Map<String, String> ours, int line) {

        boolean covers(String benchmark) {
            return benchmarks.matcher(benchmark).find();
        }

        /** A short name for files: the script without {@code .py} plus the line number. */
        String id() {
            return script.replaceFirst("\\.py$", "") + "-L" + line;
        }
    }

    private final List<Entry> entries;

    private PeerManifest(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static PeerManifest read(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    /**
     * Parses manifest text.
     *
     * @throws IllegalArgumentException naming the source, the line number and the problem
     */
    static PeerManifest parse(String text, String source) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = source + " line " + (i + 1);
            String[] cols = line.split("\\s+");
            if (cols.length != 6) {
                throw new IllegalArgumentException(where + ": expected 6 columns (benchmarks peer script modules chart"
                        + " ours), got " + cols.length + ": '" + line + "'");
            }
            Pattern pattern;
            try {
                pattern = Pattern.compile(cols[0]);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(where + ": bad benchmark regex '" + cols[0] + "': "
                        + e.getDescription(), e);
            }
            if (!cols[2].matches("[A-Za-z0-9_.-]+\\.py")) {
                throw new IllegalArgumentException(where + ": script must be a .py file name in bench/peer/, got '"
                        + cols[2] + "'");
            }
            if (!CHARTS.contains(cols[4])) {
                throw new IllegalArgumentException(where + ": unknown chart '" + cols[4] + "' (expected one of "
                        + "gemm, step, -)");
            }
            List<String> modules = cols[3].equals("-") ? List.of() : Arrays.asList(cols[3].split(","));
            for (String m : modules) {
                if (!m.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
                    throw new IllegalArgumentException(where + ": bad python module name '" + m + "'");
                }
            }
            Map<String, String> ours = new LinkedHashMap<>();
            if (!cols[5].equals("-")) {
                for (String kv : cols[5].split(",")) {
                    int eq = kv.indexOf('=');
                    if (eq <= 0 || eq == kv.length() - 1) {
                        throw new IllegalArgumentException(where + ": 'ours' must be key=value[,key=value] or -, got '"
                                + cols[5] + "'");
                    }
                    ours.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
            entries.add(new Entry(pattern, cols[1], cols[2], List.copyOf(modules), cols[4], Map.copyOf(ours), i + 1));
        }
        return new PeerManifest(entries);
    }

    List<Entry> entries() {
        return entries;
    }

    /**
     * The line whose regex matches {@code benchmark}, if any.
     *
     * @throws IllegalArgumentException if two lines claim the benchmark (each would run the
     *     benchmark in its own rounds)
     */
    Optional<Entry> entryFor(String benchmark) {
        Entry found = null;
        for (Entry e : entries) {
            if (e.covers(benchmark)) {
                if (found != null) {
                    throw new IllegalArgumentException("benchmark " + benchmark + " is matched by two peer lines: "
                            + found.line() + " ('" + found.benchmarks() + "') and " + e.line() + " ('"
                            + e.benchmarks() + "'); make the regexes disjoint");
                }
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Debian packages that provide {@code modules}, plus OpenBLAS's threaded build for numpy. */
    static String installCommand(List<String> modules) {
        StringBuilder sb = new StringBuilder("apt-get install -y");
        for (String m : modules) {
            sb.append(" python3-").append(m.toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        if (modules.contains("numpy") || modules.contains("torch")) {
            sb.append(" libopenblas0-pthread");
        }
        return sb.toString();
    }
}
