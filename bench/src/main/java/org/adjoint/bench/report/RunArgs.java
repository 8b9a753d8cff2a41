package org.adjoint.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The command line of {@code bench/run-all.sh}, parsed and checked. */
final class RunArgs {

    static final String USAGE = String.join("\n",
            "Usage: bench/run-all.sh [--quick | --full] [options]",
            "Builds once, runs every JMH benchmark of the bench jar and each one's peer (bench/peers.txt) in",
            "alternating rounds, and writes bench/results/<time>/report.md with PNG charts.",
            "",
            "  --quick                 a first look: 2 short rounds, ~12 min on 2 cores (error bars are wide)",
            "  --full                  figures to quote: 5 rounds of 5 x 1 s iterations (~1.5 h on 2 cores)",
            "                          (neither: the default preset, 3 rounds, ~30 min)",
            "  --filter REGEX          only benchmarks whose JMH name contains a match, e.g. 'Gemm|ToyStep'",
            "  --param NAME=V1,V2      JMH @Param override, e.g. --param shape=sq256,sq1024 (repeatable)",
            "  --rounds N              override the preset's round count",
            "  --no-peers              measure ours only (peers reported as skipped)",
            "  --save-baseline NAME    store this run as bench/baselines/NAME (git-ignored)",
            "  --compare NAME|DIR      compare with bench/baselines/NAME, or any run folder holding",
            "                          results.json (e.g. bench/reports/latest); flags changes beyond the",
            "                          99.9 % intervals; a different CPU/JDK is labelled, not compared",
            "  --publish               copy the report to bench/reports/latest and add a line to",
            "                          bench/reports/history.md (to commit)",
            "  --report-only DIR       no measuring: rebuild DIR's report from its results.json",
            "                          (combine with --compare, --save-baseline, --publish)",
            "  --list                  list the benchmarks and their peers, then exit",
            "  --python PATH           the peers' interpreter (default /usr/bin/python3)",
            "  --peak-gflops X         F32 peak of one core for the GEMM charts (default: estimated from",
            "                          the SIMD flags and the cpuinfo clock, which boost clocks exceed)",
            "Environment: JAVA_HOME selects the JDK; SKIP_BUILD=1 reuses bench/target;",
            "BENCH_LOCK=FILE takes FILE shared for the build and exclusive for the measurement.");

    Preset preset = Preset.DEFAULT;
    Integer rounds;
    Pattern filter;
    final Map<String, String[]> params = new LinkedHashMap<>();
    boolean noPeers;
    String saveBaseline;
    String compare;
    boolean publish;
    String reportOnly;
    boolean list;
    boolean help;
    String python = "/usr/bin/python3";
    Double peakGflops;
    final List<String> raw = new ArrayList<>();

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    static RunArgs parse(String... args) {
        RunArgs a = new RunArgs();
        boolean presetSet = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            a.raw.add(arg);
            switch (arg) {
                case "--quick":
                case "--full":
                case "--default":
                    if (presetSet) {
                        throw new IllegalArgumentException("choose one preset: " + arg + " after another preset");
                    }
                    presetSet = true;
                    a.preset = arg.equals("--quick") ? Preset.QUICK : arg.equals("--full") ? Preset.FULL : Preset.DEFAULT;
                    break;
                case "--filter":
                    String re = value(args, ++i, arg, a);
                    try {
                        a.filter = Pattern.compile(re);
                    } catch (PatternSyntaxException e) {
                        throw new IllegalArgumentException("--filter: bad regex '" + re + "': " + e.getDescription(), e);
                    }
                    break;
                case "--param":
                    String p = value(args, ++i, arg, a);
                    int eq = p.indexOf('=');
                    if (eq <= 0 || eq == p.length() - 1) {
                        throw new IllegalArgumentException("--param expects NAME=V1,V2, got '" + p + "'");
                    }
                    a.params.put(p.substring(0, eq), p.substring(eq + 1).split(","));
                    break;
                case "--rounds":
                    String n = value(args, ++i, arg, a);
                    try {
                        a.rounds = Integer.parseInt(n);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--rounds expects a whole number, got '" + n + "'");
                    }
                    if (a.rounds < 1) {
                        throw new IllegalArgumentException("--rounds must be at least 1, got " + a.rounds);
                    }
                    break;
                case "--no-peers":
                    a.noPeers = true;
                    break;
                case "--save-baseline":
                    a.saveBaseline = value(args, ++i, arg, a);
                    if (!a.saveBaseline.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                        throw new IllegalArgumentException("--save-baseline: a name of letters, digits, '.', '_' and '-'"
                                + " is expected, got '" + a.saveBaseline + "'");
                    }
                    break;
                case "--compare":
                    a.compare = value(args, ++i, arg, a);
                    break;
                case "--publish":
                    a.publish = true;
                    break;
                case "--report-only":
                    a.reportOnly = value(args, ++i, arg, a);
                    break;
                case "--list":
                    a.list = true;
                    break;
                case "--python":
                    a.python = value(args, ++i, arg, a);
                    break;
                case "--peak-gflops":
                    String g = value(args, ++i, arg, a);
                    try {
                        a.peakGflops = Double.parseDouble(g);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--peak-gflops expects a number, got '" + g + "'");
                    }
                    if (!(a.peakGflops > 0) || a.peakGflops.isInfinite()) {
                        throw new IllegalArgumentException("--peak-gflops must be positive, got " + g);
                    }
                    break;
                case "-h":
                case "--help":
                    a.help = true;
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument '" + arg + "' (--help lists the options)");
            }
        }
        if (a.rounds != null) {
            a.preset = a.preset.withRounds(a.rounds);
        }
        return a;
    }

    private static String value(String[] args, int i, String option, RunArgs a) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        a.raw.add(args[i]);
        return args[i];
    }

    /** Whether the benchmark is selected by {@code --filter} (all are without one). */
    boolean selects(String benchmark) {
        return filter == null || filter.matcher(benchmark).find();
    }

    /** The command line as typed (for the report), quoting arguments with special characters. */
    String commandLine() {
        List<String> out = new ArrayList<>();
        for (String r : raw) {
            out.add(r.matches("[A-Za-z0-9._/=,:-]+") ? r : "'" + r.replace("'", "'\\''") + "'");
        }
        return String.join(" ", out);
    }
}
