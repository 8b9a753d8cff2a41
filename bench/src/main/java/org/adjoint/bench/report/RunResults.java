package org.adjoint.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured, as stored in {@code results.json}: the machine description, run
 * settings, every point with our iterations and the peer's samples per round, and the state of
 * each peer (measured, skipped with the install command, failed with the reason). Reports,
 * charts, baselines and comparisons are all computed from this file.
 */
final class RunResults {

    /** Version of the results.json layout. */
    static final int FORMAT = 1;

    /**
     * One point's data.
     *
     * @param point benchmark and parameters
     * @param group manifest line id, or {@code null} for a benchmark without a peer line
     * @param peer peer name, or {@code null}
     * @param chart chart kind of the group ({@code -} when none)
     * @param compared whether the peer is compared with this point (the manifest's "ours" filter)
     * @param oursRounds our iterations per round, microseconds per op (a round may be empty)
     * @param peerRounds the peer's samples per round, microseconds per call (a round may be empty)
     */
    record PointData(Point point, String group, String peer, String chart, boolean compared,
            List<double[]> oursRounds, List<double[]> peerRounds) {

        /** Our estimate over all rounds' iterations pooled (like JMH over several forks). */
        Estimate ours() {
            return Estimate.of(pooled(oursRounds));
        }

        /** The peer's estimate over all rounds' samples, or {@code null} if it has none. */
        Estimate peerEstimate() {
            double[] all = pooled(peerRounds);
            return all.length == 0 || !compared ? null : Estimate.of(all);
        }

        /**
         * Speedup per round in which both were measured: peer mean time / our mean time
         * (above 1: we are faster).
         */
        double[] speedups() {
            if (!compared) {
                return new double[0];
            }
            List<Double> out = new ArrayList<>();
            for (int r = 0; r < Math.min(oursRounds.size(), peerRounds.size()); r++) {
                if (oursRounds.get(r).length > 0 && peerRounds.get(r).length > 0) {
                    out.add(mean(peerRounds.get(r)) / mean(oursRounds.get(r)));
                }
            }
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        }

        boolean hasOurs() {
            return pooled(oursRounds).length > 0;
        }
    }

    /**
     * State of one peer line in this run.
     *
     * @param id manifest line id
     * @param peer peer name
     * @param script script file
     * @param status {@code measured}, {@code skipped} or {@code failed}
     * @param note why skipped (with the install command) or failed; empty when measured
     * @param config the peer's description lines (versions, BLAS core)
     */
    record PeerStatus(String id, String peer, String script, String status, String note, List<String> config) {
    }

    final Map<String, String> machine;
    final Map<String, String> settings;
    final List<PointData> points;
    final List<PeerStatus> peers;
    final List<String> notes;

    RunResults(Map<String, String> machine, Map<String, String> settings, List<PointData> points,
            List<PeerStatus> peers, List<String> notes) {
        this.machine = machine;
        this.settings = settings;
        this.points = points;
        this.peers = peers;
        this.notes = notes;
    }

    static double[] pooled(List<double[]> rounds) {
        return rounds.stream().flatMapToDouble(Arrays::stream).toArray();
    }

    static double mean(double[] xs) {
        return Arrays.stream(xs).average().orElse(Double.NaN);
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** The point's data, or {@code null}. */
    PointData find(Point p) {
        for (PointData d : points) {
            if (d.point().equals(p)) {
                return d;
            }
        }
        return null;
    }

    void write(Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("machine", machine);
        root.put("settings", settings);
        List<Object> ps = new ArrayList<>();
        for (PointData d : points) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", d.point().benchmark());
            m.put("params", d.point().params());
            m.put("group", d.group());
            m.put("peer", d.peer());
            m.put("chart", d.chart());
            m.put("compared", d.compared());
            m.put("ours_us", new ArrayList<Object>(d.oursRounds()));
            m.put("peer_us", new ArrayList<Object>(d.peerRounds()));
            ps.add(m);
        }
        root.put("points", ps);
        List<Object> peerList = new ArrayList<>();
        for (PeerStatus s : peers) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("peer", s.peer());
            m.put("script", s.script());
            m.put("status", s.status());
            m.put("note", s.note());
            m.put("config", s.config());
            peerList.add(m);
        }
        root.put("peers", peerList);
        root.put("notes", notes);
        Files.writeString(file, Json.write(root));
    }

    static RunResults read(Path file) throws IOException {
        try {
            return parse(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the text of a results.json.
     *
     * @throws IllegalArgumentException for another format version or a missing field
     */
    static RunResults parse(String text) {
        Map<String, Object> root = Json.object(Json.parse(text), "results.json");
        double format = Json.number(root.get("format"), "results.json 'format'");
        if (format != FORMAT) {
            throw new IllegalArgumentException("results.json has format " + (long) format + ", this harness reads "
                    + FORMAT);
        }
        Map<String, String> machine = strings(root.get("machine"), "machine");
        Map<String, String> settings = strings(root.get("settings"), "settings");
        List<PointData> points = new ArrayList<>();
        for (Object o : Json.array(root.get("points"), "points")) {
            Map<String, Object> m = Json.object(o, "point");
            String bench = Json.string(m.get("benchmark"), "point 'benchmark'");
            Point p = Point.of(bench, strings(m.get("params"), bench + " 'params'"));
            points.add(new PointData(p, (String) m.get("group"), (String) m.get("peer"),
                    m.get("chart") == null ? "-" : (String) m.get("chart"),
                    Boolean.TRUE.equals(m.get("compared")), rounds(m.get("ours_us"), p.label()),
                    rounds(m.get("peer_us"), p.label())));
        }
        List<PeerStatus> peers = new ArrayList<>();
        if (root.get("peers") != null) {
            for (Object o : Json.array(root.get("peers"), "peers")) {
                Map<String, Object> m = Json.object(o, "peer");
                List<String> config = new ArrayList<>();
                if (m.get("config") != null) {
                    Json.array(m.get("config"), "peer 'config'").forEach(c -> config.add(String.valueOf(c)));
                }
                peers.add(new PeerStatus((String) m.get("id"), (String) m.get("peer"), (String) m.get("script"),
                        (String) m.get("status"), m.get("note") == null ? "" : (String) m.get("note"), config));
            }
        }
        List<String> notes = new ArrayList<>();
        if (root.get("notes") != null) {
            Json.array(root.get("notes"), "notes").forEach(n -> notes.add(String.valueOf(n)));
        }
        return new RunResults(machine, settings, points, peers, notes);
    }

    private static Map<String, String> strings(Object o, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o != null) {
            Json.object(o, what).forEach((k, v) -> out.put(k, v == null ? "" : String.valueOf(v)));
        }
        return out;
    }

    private static List<double[]> rounds(Object o, String what) {
        List<double[]> out = new ArrayList<>();
        if (o == null) {
            return out;
        }
        for (Object round : Json.array(o, what + " rounds")) {
            List<Object> xs = Json.array(round, what + " round");
            double[] r = new double[xs.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = Json.number(xs.get(i), what + " value");
            }
            out.add(r);
        }
        return out;
    }
}
