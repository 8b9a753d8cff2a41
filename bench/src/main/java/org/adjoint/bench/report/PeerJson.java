package org.adjoint.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the uniform output of a peer script run with {@code --json} (see
 * {@code bench/peer/peerjson.py}): one JSON object per line,
 * {@code {"bench": "GemmBench.sgemm", "params": {"shape": "sq64", "threads": "1"}, "samples_us": [...]}}
 * for a measured case and {@code {"config": "..."}} for a line describing the peer (library
 * versions, BLAS core). Every other line (the script's human-readable output) is ignored.
 */
final class PeerJson {

    /**
     * One measured case of the peer.
     *
     * @param bench {@code Class.method} of the JMH benchmark it is compared with
     * @param params the parameters it matches (a subset of the JMH point's)
     * @param samplesUs the peer's samples, microseconds per call
     */
    record Case(String bench, Map<String, String> params, double[] samplesUs) {

        /** Whether this case is the peer of {@code point}: same method, and its params are the point's. */
        boolean matches(Point point) {
            return point.shortName().equals(bench) && point.hasParams(params);
        }
    }

    /**
     * Everything one run of a peer script printed.
     *
     * @param cases measured cases in output order
     * @param config description lines in output order
     */
    record Output(List<Case> cases, List<String> config) {
    }

    private PeerJson() {
    }

    /**
     * Parses the peer's standard output.
     *
     * @throws IllegalArgumentException naming the line for a JSON line that is not a valid case
     */
    static Output parse(String stdout) {
        List<Case> cases = new ArrayList<>();
        List<String> config = new ArrayList<>();
        String[] lines = stdout.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("{")) {
                continue;
            }
            Object parsed;
            try {
                parsed = Json.parse(line);
            } catch (IllegalArgumentException e) {
                continue;   // a human-readable line that happens to start with a brace
            }
            Map<String, Object> obj = Json.object(parsed, "peer output line " + (i + 1));
            if (obj.containsKey("config")) {
                config.add(String.valueOf(obj.get("config")));
                continue;
            }
            if (!obj.containsKey("bench")) {
                continue;   // the script's own JSON (e.g. gemm_peer.py's {"shape": ...} lines)
            }
            String where = "peer output line " + (i + 1);
            String bench = Json.string(obj.get("bench"), where + " 'bench'");
            Map<String, String> params = new LinkedHashMap<>();
            if (obj.get("params") != null) {
                Json.object(obj.get("params"), where + " 'params'").forEach((k, v) -> params.put(k, paramText(v)));
            }
            List<Object> samples = Json.array(obj.get("samples_us"), where + " 'samples_us'");
            if (samples.isEmpty()) {
                throw new IllegalArgumentException(where + ": 'samples_us' is empty for " + bench);
            }
            double[] us = new double[samples.size()];
            for (int j = 0; j < us.length; j++) {
                us[j] = Json.number(samples.get(j), where + " 'samples_us'");
                if (!(us[j] > 0) || !Double.isFinite(us[j])) {
                    throw new IllegalArgumentException(where + ": sample " + us[j] + " of " + bench
                            + " is not a positive time");
                }
            }
            cases.add(new Case(bench, params, us));
        }
        return new Output(cases, config);
    }

    /** JMH params are strings; a peer may write 1 or "1" (a JSON number 1 reads back as 1.0). */
    private static String paramText(Object v) {
        if (v instanceof Double && (Double) v == Math.rint((Double) v)) {
            return Long.toString(((Double) v).longValue());
        }
        return String.valueOf(v);
    }
}
