package org.adjoint.bench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The one command behind {@code bench/run-all.sh}: discovers every JMH benchmark in the bench
 * jar, groups them by the peer lines of {@code bench/peers.txt}, and runs rounds of {every
 * group's JMH points, then that group's peer}, so that a change in machine load hits both sides
 * of a ratio. Writes a run folder {@code bench/results/<time>/} with JMH's JSON, the peers'
 * output, {@code results.json}, {@code report.md} and PNG charts; optionally saves it as a
 * baseline, compares it with one, or publishes it to {@code bench/reports/latest}.
 *
 * <p>Run from the repository root with the bench runtime classpath and
 * {@code --add-modules=jdk.incubator.vector} (the script does this).
 */
public final class RunAll {

    static final Path MANIFEST = Path.of("bench", "peers.txt");
    static final Path RESULTS = Path.of("bench", "results");
    static final Path BASELINES = Path.of("bench", "baselines");
    static final Path REPORTS = Path.of("bench", "reports");
    /** Longest a single peer run may take before it is stopped and reported as failed. */
    static final long PEER_TIMEOUT_MINUTES = 30;

    private final RunArgs args;
    private final PrintStream out;

    RunAll(RunArgs args, PrintStream out) {
        this.args = args;
        this.out = out;
    }

    public static void main(String[] argv) {
        System.setProperty("java.awt.headless", "true");
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        RunArgs args;
        try {
            args = RunArgs.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println("run-all: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            System.exit(new RunAll(args, out).run());
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            System.err.println("run-all: " + e.getMessage());
            System.exit(1);
        }
    }

    int run() throws IOException {
        if (args.help) {
            out.println(RunArgs.USAGE);
            return 0;
        }
        if (!Files.isRegularFile(MANIFEST)) {
            throw new IllegalStateException(MANIFEST + " not found: run from the repository root (bench/run-all.sh does)");
        }
        PeerManifest manifest = PeerManifest.read(MANIFEST);
        if (args.reportOnly != null) {
            Path dir = Path.of(args.reportOnly);
            finish(RunResults.read(dir.resolve("results.json")), dir);
            return 0;
        }
        Map<String, BenchmarkListEntry> benchmarks = discover();
        if (benchmarks.isEmpty()) {
            throw new IllegalArgumentException("no JMH benchmark matches --filter '" + args.filter + "'; run with --list");
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();   // group id (null: no peer) -> benchmarks
        Map<String, PeerManifest.Entry> entries = new LinkedHashMap<>();
        for (PeerManifest.Entry e : manifest.entries()) {
            entries.put(e.id(), e);
            groups.put(e.id(), new ArrayList<>());
        }
        groups.put(null, new ArrayList<>());
        for (String name : benchmarks.keySet()) {
            Optional<PeerManifest.Entry> e = manifest.entryFor(name);
            groups.get(e.map(PeerManifest.Entry::id).orElse(null)).add(name);
        }
        groups.values().removeIf(List::isEmpty);
        if (args.list) {
            list(groups, entries, benchmarks);
            return 0;
        }
        return measure(groups, entries, benchmarks);
    }

    /** Benchmarks of the jar's JMH list selected by the filter, by full name, sorted. */
    private Map<String, BenchmarkListEntry> discover() {
        Map<String, BenchmarkListEntry> out = new TreeMap<>();
        OutputFormat silent = OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT);
        for (BenchmarkListEntry e : BenchmarkList.defaultList().find(silent, List.of(".*"), List.of())) {
            if (args.selects(e.getUsername())) {
                out.putIfAbsent(e.getUsername(), e);
            }
        }
        return out;
    }

    /** Points of one benchmark per round: the product of its @Param value counts (after --param). */
    private int pointCount(BenchmarkListEntry e) {
        int n = 1;
        if (e.getParams().hasValue()) {
            for (Map.Entry<String, String[]> p : e.getParams().get().entrySet()) {
                String[] override = args.params.get(p.getKey());
                n *= override != null ? override.length : p.getValue().length;
            }
        }
        return n;
    }

    private void list(Map<String, List<String>> groups, Map<String, PeerManifest.Entry> entries,
            Map<String, BenchmarkListEntry> benchmarks) {
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            PeerManifest.Entry e = g.getKey() == null ? null : entries.get(g.getKey());
            out.println(e == null ? "no peer (add a line to bench/peers.txt):" : "peer " + e.peer() + " (bench/peer/"
                    + e.script() + ", bench/peers.txt line " + e.line() + "):");
            for (String b : g.getValue()) {
                out.printf(Locale.ROOT, "  %-55s %3d point%s%n", b, pointCount(benchmarks.get(b)),
                        pointCount(benchmarks.get(b)) == 1 ? "" : "s");
            }
        }
    }

    private int measure(Map<String, List<String>> groups, Map<String, PeerManifest.Entry> entries,
            Map<String, BenchmarkListEntry> benchmarks) throws IOException {
        long started = System.nanoTime();
        Preset preset = args.preset;
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = RESULTS.resolve(stamp);
        Files.createDirectories(dir.resolve("jmh"));
        Files.createDirectories(dir.resolve("peer"));
        out.println("run-all: preset " + preset.name() + " (" + preset.describe() + ")");
        out.println("run-all: results in " + dir);

        Map<String, String> machine = Machine.gather();
        machine.put("load.before", Machine.loadAverage());
        Map<String, String> skip = new LinkedHashMap<>();
        for (String id : groups.keySet()) {
            if (id != null) {
                skip.put(id, peerSkipReason(entries.get(id)));
            }
        }
        machine.putAll(describePeers(dir));
        for (String k : ReportWriter.MACHINE_LABELS.keySet()) {
            if (machine.containsKey(k) && !k.startsWith("load") && !k.equals("jdk.home")) {
                out.printf(Locale.ROOT, "  %-12s %s%n", k, machine.get(k));
            }
        }

        int perRound = benchmarks.values().stream().mapToInt(this::pointCount).sum();
        Map<Point, Acc> acc = new TreeMap<>();
        Map<String, List<String>> peerConfig = new LinkedHashMap<>();
        Map<String, List<String>> peerFailures = new LinkedHashMap<>();
        Map<String, Integer> peerCases = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (int r = 0; r < preset.rounds(); r++) {
            int[] counter = {0};
            String prefix = "round " + (r + 1) + "/" + preset.rounds();
            for (Map.Entry<String, List<String>> g : groups.entrySet()) {
                String id = g.getKey();
                PeerManifest.Entry entry = id == null ? null : entries.get(id);
                String fileId = id == null ? "no-peer" : id;
                Path json = dir.resolve("jmh/round-" + (r + 1) + "-" + fileId + ".json");
                runJmh(g.getValue(), json, dir.resolve("jmh/round-" + (r + 1) + "-" + fileId + ".log"), prefix,
                        perRound, counter);
                List<Point> measured = new ArrayList<>();
                if (Files.isRegularFile(json)) {
                    for (JmhJson.Measurement m : JmhJson.read(json)) {
                        Acc a = acc.computeIfAbsent(m.point(), p -> new Acc(entry, p, preset.rounds()));
                        a.ours.set(r, m.iterationsUs());
                        measured.add(m.point());
                    }
                }
                if (entry == null || skip.get(id) != null) {
                    continue;
                }
                List<Point> compared = measured.stream().filter(p -> p.hasParams(entry.ours())).toList();
                if (compared.isEmpty()) {
                    continue;
                }
                PeerRun pr = runPeer(entry, compared, dir.resolve("peer/round-" + (r + 1) + "-" + id), preset);
                peerConfig.computeIfAbsent(id, k -> new ArrayList<>()).addAll(pr.config);
                if (pr.failure != null) {
                    peerFailures.computeIfAbsent(id, k -> new ArrayList<>()).add("round " + (r + 1) + ": " + pr.failure);
                    out.println("  [" + prefix + "] peer " + entry.peer() + " (" + entry.script() + ") FAILED: "
                            + pr.failure);
                }
                int matched = 0;
                for (PeerJson.Case c : pr.cases) {
                    boolean used = false;
                    for (Point p : compared) {
                        if (c.matches(p)) {
                            acc.get(p).peer.set(r, c.samplesUs());
                            used = true;
                        }
                    }
                    if (used) {
                        matched++;
                    } else {
                        notes.add("peer " + entry.script() + " printed case " + c.bench() + " " + c.params()
                                + " that matches none of our measured points (round " + (r + 1) + ")");
                    }
                }
                peerCases.merge(id, matched, Integer::sum);
                out.printf(Locale.ROOT, "  [%s] peer %s (%s): %d case%s%n", prefix, entry.peer(), entry.script(),
                        pr.cases.size(), pr.cases.size() == 1 ? "" : "s");
            }
        }
        machine.put("load.after", Machine.loadAverage());

        List<RunResults.PointData> points = new ArrayList<>();
        for (Acc a : acc.values()) {
            points.add(a.data());
            if (a.compared && skip.get(a.group) == null && !args.noPeers
                    && a.peer.stream().allMatch(x -> x.length == 0) && !peerFailures.containsKey(a.group)) {
                notes.add("peer " + a.entry.script() + " printed no case for " + a.point.label()
                        + " (is the case missing from the script's --json output?)");
            }
        }
        Set<String> withResults = points.stream().map(d -> d.point().benchmark()).collect(Collectors.toSet());
        for (String b : benchmarks.keySet()) {
            if (!withResults.contains(b)) {
                notes.add("no result for " + b + " in any round (failed: see " + dir.resolve("jmh") + "/*.log)");
            }
        }
        List<RunResults.PeerStatus> peers = new ArrayList<>();
        for (String id : groups.keySet()) {
            if (id == null) {
                continue;
            }
            PeerManifest.Entry e = entries.get(id);
            String status;
            String note;
            if (skip.get(id) != null) {
                status = "skipped";
                note = skip.get(id);
            } else if (peerFailures.containsKey(id) && peerCases.getOrDefault(id, 0) == 0) {
                status = "failed";
                note = String.join("; ", peerFailures.get(id));
            } else {
                status = "measured";
                note = peerFailures.containsKey(id) ? "failed in " + String.join("; ", peerFailures.get(id)) : "";
            }
            peers.add(new RunResults.PeerStatus(id, e.peer(), e.script(), status, note,
                    List.copyOf(new LinkedHashSet<>(peerConfig.getOrDefault(id, List.of())))));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("preset", preset.name());
        settings.put("jmh", preset.describe());
        settings.put("filter", args.filter == null ? ".*" : args.filter.pattern());
        if (!args.params.isEmpty()) {
            settings.put("params", args.params.entrySet().stream().map(e -> e.getKey() + "=" + String.join(",",
                    e.getValue())).collect(Collectors.joining(" ")));
        }
        settings.put("args", args.commandLine());
        settings.put("commit", commit());
        settings.put("run", dir.toString());
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        settings.put("wall", String.format(Locale.ROOT, "%d min %02d s", wall.toMinutes(), wall.toSecondsPart()));
        RunResults results = new RunResults(machine, settings, points, peers, notes);
        results.write(dir.resolve("results.json"));
        finish(results, dir);
        return 0;
    }

    /** Per-point accumulation over rounds. */
    private static final class Acc {
        final PeerManifest.Entry entry;
        final String group;
        final Point point;
        final boolean compared;
        final List<double[]> ours = new ArrayList<>();
        final List<double[]> peer = new ArrayList<>();

        Acc(PeerManifest.Entry entry, Point point, int rounds) {
            this.entry = entry;
            this.group = entry == null ? null : entry.id();
            this.point = point;
            this.compared = entry != null && point.hasParams(entry.ours());
            for (int i = 0; i < rounds; i++) {
                ours.add(new double[0]);
                peer.add(new double[0]);
            }
        }

        RunResults.PointData data() {
            return new RunResults.PointData(point, group, entry == null ? null : entry.peer(),
                    entry == null ? "-" : entry.chart(), compared, ours, peer);
        }
    }

    private void runJmh(List<String> names, Path json, Path log, String prefix, int total, int[] counter)
            throws IOException {
        Preset p = args.preset;
        ChainedOptionsBuilder b = new OptionsBuilder()
                .forks(1)
                .warmupIterations(p.warmupIterations())
                .warmupTime(TimeValue.milliseconds(p.warmupMs()))
                .measurementIterations(p.iterations())
                .measurementTime(TimeValue.milliseconds(p.iterationMs()))
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .shouldFailOnError(false);
        for (String n : names) {
            b.include("^" + Pattern.quote(n) + "$");
        }
        for (Map.Entry<String, String[]> e : args.params.entrySet()) {
            b.param(e.getKey(), e.getValue());
        }
        try (PrintStream logStream = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            OutputFormat format = new ProgressFormat(OutputFormatFactory.createFormatInstance(logStream,
                    VerboseMode.NORMAL), out, prefix, total, counter);
            new Runner(b.build(), format).run();
        } catch (RunnerException e) {
            out.println("  JMH failed: " + e.getMessage() + " (see " + log + ")");
        }
    }

    /** What one peer run produced. */
    private static final class PeerRun {
        List<PeerJson.Case> cases = List.of();
        List<String> config = List.of();
        String failure;
    }

    /** The peer's command, with OpenBLAS tuning variables unset for it alone. */
    private List<String> peerCommand(String script) {
        return List.of("env", "-u", "OPENBLAS_CORETYPE", "-u", "OPENBLAS_L2_SIZE", args.python,
                Path.of("bench", "peer", script).toString(), "--json");
    }

    private PeerRun runPeer(PeerManifest.Entry entry, List<Point> points, Path base, Preset preset) throws IOException {
        PeerRun pr = new PeerRun();
        Path stdout = Path.of(base + ".out");
        Path stderr = Path.of(base + ".err");
        ProcessBuilder pb = new ProcessBuilder(peerCommand(entry.script()));
        pb.environment().put("ADJOINT_PEER_CASES", points.stream().map(Point::label).collect(Collectors.joining("\n")));
        pb.environment().put("ADJOINT_PEER_SCALE", Double.toString(preset.peerScale()));
        pb.redirectOutput(stdout.toFile());
        pb.redirectError(stderr.toFile());
        Process proc = pb.start();
        try {
            if (!proc.waitFor(PEER_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                proc.destroyForcibly();
                pr.failure = "timed out after " + PEER_TIMEOUT_MINUTES + " min";
            } else if (proc.exitValue() != 0) {
                pr.failure = "exit code " + proc.exitValue() + ": " + lastLine(stderr) + " (see " + stderr + ")";
            }
        } catch (InterruptedException e) {
            proc.destroyForcibly();
            Thread.currentThread().interrupt();
            pr.failure = "interrupted";
        }
        try {
            PeerJson.Output parsed = PeerJson.parse(Files.readString(stdout));
            pr.cases = parsed.cases();
            pr.config = parsed.config();
        } catch (IllegalArgumentException e) {
            pr.failure = (pr.failure == null ? "" : pr.failure + "; ") + "unreadable output: " + e.getMessage();
        }
        return pr;
    }

    private static String lastLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "(no output on stderr)" : lines.get(lines.size() - 1).strip();
        } catch (IOException e) {
            return "(stderr unreadable)";
        }
    }

    /**
     * Why a peer cannot run here (null if it can): no interpreter, a missing script or a missing
     * module, with the command that installs what is missing.
     */
    private String peerSkipReason(PeerManifest.Entry e) {
        if (args.noPeers) {
            return "not run (--no-peers)";
        }
        if (!Files.isExecutable(Path.of(args.python))) {
            return args.python + " not found; install: apt-get install -y python3 "
                    + PeerManifest.installCommand(e.modules()).substring("apt-get install -y ".length());
        }
        if (!Files.isRegularFile(Path.of("bench", "peer", e.script()))) {
            return "bench/peer/" + e.script() + " not found";
        }
        List<String> missing = new ArrayList<>();
        for (String m : e.modules()) {
            if (!canImport(m)) {
                missing.add(m);
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        return args.python + " cannot import " + String.join(", ", missing) + "; install: "
                + PeerManifest.installCommand(e.modules());
    }

    private final Map<String, Boolean> importable = new LinkedHashMap<>();

    private boolean canImport(String module) {
        return importable.computeIfAbsent(module, m -> {
            try {
                Process p = new ProcessBuilder("env", "-u", "OPENBLAS_CORETYPE", "-u", "OPENBLAS_L2_SIZE", args.python,
                        "-c", "import " + m).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                return p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** Runs bench/peer/describe_peer.py; its JSON keys become machine entries (peer.*). */
    private Map<String, String> describePeers(Path dir) {
        Map<String, String> out = new LinkedHashMap<>();
        if (args.noPeers || !Files.isExecutable(Path.of(args.python))) {
            out.put("peer.python", args.noPeers ? "not run (--no-peers)" : args.python + " not found");
            return out;
        }
        try {
            Path log = dir.resolve("peer/describe.out");
            Process p = new ProcessBuilder(peerCommand("describe_peer.py").subList(0, 7)).redirectOutput(log.toFile())
                    .redirectError(dir.resolve("peer/describe.err").toFile()).start();
            if (p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0) {
                Json.object(Json.parse(Files.readString(log).strip()), "describe_peer.py output")
                        .forEach((k, v) -> out.put(k, String.valueOf(v)));
            } else {
                out.put("peer.python", "describe_peer.py failed (see " + dir.resolve("peer/describe.err") + ")");
            }
        } catch (IOException | IllegalArgumentException e) {
            out.put("peer.python", "describe_peer.py failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private static String commit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(true).start();
            String head = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0) {
                return "unknown (not a git checkout)";
            }
            Process s = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
                    .redirectErrorStream(true).start();
            String dirty = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            s.waitFor();
            return dirty.isEmpty() ? head : head + " + uncommitted changes";
        } catch (IOException e) {
            return "unknown (git not found)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Report, comparison, baseline and publishing: everything computed from results.json. */
    private void finish(RunResults results, Path dir) throws IOException {
        if (args.peakGflops != null) {
            results.machine.put("peak", String.format(Locale.ROOT, "%s GFLOP/s per core (given with --peak-gflops)",
                    args.peakGflops));
            results.write(dir.resolve("results.json"));
        }
        Comparison comparison = null;
        if (args.compare != null) {
            Path base = baselineDir(args.compare);
            comparison = Comparison.of(args.compare, RunResults.read(base.resolve("results.json")), results);
            Files.writeString(dir.resolve("compare.md"), comparison.toMarkdown());
        }
        new ReportWriter(results, dir).write(comparison);
        out.println();
        out.println("Summary (speedup = peer time / our time, median over rounds; > 1: Adjoint faster):");
        for (Map.Entry<String, String> h : headline(results).entrySet()) {
            out.printf(Locale.ROOT, "  %-55s %s%n", h.getKey(), h.getValue());
        }
        for (RunResults.PeerStatus p : results.peers) {
            if (!p.status().equals("measured")) {
                out.println("  peer " + p.peer() + " (" + p.script() + ") " + p.status() + ": " + p.note());
            }
        }
        for (String n : results.notes) {
            out.println("  note: " + n);
        }
        if (comparison != null) {
            out.println();
            out.println("Compared with " + args.compare + " (baseline time / time now; flagged when the 99.9 % "
                    + "intervals do not overlap):");
            out.print(comparison.toConsole());
        }
        if (args.saveBaseline != null) {
            Path target = BASELINES.resolve(args.saveBaseline);
            copyReport(dir, target);
            out.println("baseline saved: " + target + " (compare later with --compare " + args.saveBaseline + ")");
        }
        if (args.publish) {
            String partial = partial(results);
            if (partial != null) {
                throw new IllegalArgumentException("--publish replaces the committed report, so it takes a run of every "
                        + "benchmark with its peers; this run " + partial + " (the run's report is in " + dir + ")");
            }
            Path latest = REPORTS.resolve("latest");
            copyReport(dir, latest);
            addHistory(results);
            out.println("published: " + latest + "/report.md and " + REPORTS.resolve("history.md") + " (commit them)");
        }
        out.println("report: " + dir.resolve("report.md"));
    }

    /** Why a run is not a complete picture (a filter, a param override, peers not run), or null. */
    static String partial(RunResults results) {
        String filter = results.settings.getOrDefault("filter", ".*");
        if (!filter.equals(".*")) {
            return "has --filter " + filter;
        }
        if (results.settings.containsKey("params")) {
            return "has --param " + results.settings.get("params");
        }
        if (results.peers.stream().anyMatch(p -> p.note().contains("--no-peers"))) {
            return "has --no-peers";
        }
        return null;
    }

    /** A baseline name under bench/baselines, or a folder holding results.json. */
    static Path baselineDir(String nameOrDir) {
        Path asDir = Path.of(nameOrDir);
        if (Files.isRegularFile(asDir.resolve("results.json"))) {
            return asDir;
        }
        Path named = BASELINES.resolve(nameOrDir);
        if (Files.isRegularFile(named.resolve("results.json"))) {
            return named;
        }
        String known;
        try (Stream<Path> s = Files.isDirectory(BASELINES) ? Files.list(BASELINES) : Stream.empty()) {
            known = s.filter(d -> Files.isRegularFile(d.resolve("results.json"))).map(d -> d.getFileName().toString())
                    .sorted().collect(Collectors.joining(", "));
        } catch (IOException e) {
            known = "";
        }
        throw new IllegalArgumentException("--compare " + nameOrDir + ": no results.json in " + named + " or " + asDir
                + (known.isEmpty() ? "; no baseline saved yet (--save-baseline NAME)" : "; saved baselines: " + known));
    }

    /** Copies report.md, results.json, compare.md and the PNGs (not the raw logs) into target. */
    private static void copyReport(Path from, Path target) throws IOException {
        if (from.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
            return;
        }
        Files.createDirectories(target);
        try (Stream<Path> old = Files.list(target)) {
            for (Path f : old.toList()) {
                if (Files.isRegularFile(f) && f.getFileName().toString().matches(".*\\.(md|png|json)")) {
                    Files.delete(f);
                }
            }
        }
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f) && f.getFileName().toString().matches(".*\\.(md|png|json)")) {
                    Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** "GemmBench.sgemm vs numpy" -> "0.85 (geometric mean of 18 medians)". */
    static Map<String, String> headline(RunResults results) {
        Map<String, List<Double>> byGroup = new LinkedHashMap<>();
        Map<String, Set<String>> names = new LinkedHashMap<>();
        for (RunResults.PointData d : results.points) {
            double[] s = d.speedups();
            if (d.group() == null || s.length == 0) {
                continue;
            }
            byGroup.computeIfAbsent(d.group(), k -> new ArrayList<>()).add(RunResults.median(s));
            names.computeIfAbsent(d.group(), k -> new java.util.TreeSet<>()).add(d.point().shortName() + " vs "
                    + d.peer());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> g : byGroup.entrySet()) {
            double geo = Math.exp(g.getValue().stream().mapToDouble(Math::log).average().orElse(Double.NaN));
            out.put(String.join(", ", names.get(g.getKey())), Format.ratio(geo) + " (geometric mean of "
                    + g.getValue().size() + " point" + (g.getValue().size() == 1 ? "" : "s") + ")");
        }
        return out;
    }

    /** The widest vector extension among the flags: avx512f, avx2, sve, asimd, or the flags as given. */
    static String widestSimd(String flags) {
        List<String> f = List.of(flags.split(" "));
        for (String w : List.of("avx512f", "avx2", "sve2", "sve", "asimd")) {
            if (f.contains(w)) {
                return w;
            }
        }
        return flags.isBlank() ? "?" : flags;
    }

    private static final Pattern SHORT_JDK = Pattern.compile("(\\S+) (\\d+[^+\\s-]*)");

    /** Prepends a row for this run to bench/reports/history.md (newest first). */
    private static void addHistory(RunResults results) throws IOException {
        Path file = REPORTS.resolve("history.md");
        String header = "# Benchmark history\n\nOne line per report published with `bench/run-all.sh --publish`, "
                + "newest first; the full report of each is in git history under `bench/reports/latest/`. Speedup = "
                + "peer time / our time (geometric mean over the group's points of the median over rounds; > 1: "
                + "Adjoint faster). Compare lines only when CPU, flags and JDK match.\n\n"
                + "| date (UTC) | preset | commit | CPU | SIMD | JDK | speedups |\n|---|---|---|---|---|---|---|\n";
        List<String> rows = new ArrayList<>();
        Map<String, String> m = results.machine;
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file)) {
                // a run published again (e.g. with --report-only) replaces its own line
                if ((line.startsWith("| 2") || line.startsWith("| 1"))
                        && !line.startsWith("| " + m.getOrDefault("date", "?") + " |")) {
                    rows.add(line);
                }
            }
        }
        String cpu = m.getOrDefault("cpu", "?");
        int paren = cpu.indexOf(" (");
        Matcher jdk = SHORT_JDK.matcher(m.getOrDefault("jdk", "?"));
        String speedups = headline(results).entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()
                .replaceFirst(" \\(.*", "")).collect(Collectors.joining("; "));
        String row = "| " + m.getOrDefault("date", "?") + " | " + results.settings.getOrDefault("preset", "?") + " | `"
                + results.settings.getOrDefault("commit", "?") + "` | " + ReportWriter.cell(paren > 0 ? cpu.substring(0,
                paren) : cpu) + ", " + m.getOrDefault("cores", "?").split(",")[0] + " cores | " + widestSimd(m.getOrDefault(
                "cpu.flags", "")) + " | " + (jdk.find()
                ? jdk.group(1) + " " + jdk.group(2) : m.getOrDefault("jdk", "?")) + " | " + ReportWriter.cell(speedups)
                + " |";
        rows.add(0, row);
        Files.createDirectories(REPORTS);
        Files.writeString(file, header + String.join("\n", rows) + "\n");
    }
}
