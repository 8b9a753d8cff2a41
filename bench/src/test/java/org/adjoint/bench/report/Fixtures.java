package org.adjoint.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Canned inputs shared by the report tests. */
final class Fixtures {

    private Fixtures() {
    }

    static String resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The machine of the canned runs. */
    static Map<String, String> machine() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("date", "2026-11-29T09:00:00Z");
        m.put("cpu", "AMD EPYC (AuthenticAMD family 25 model 17 stepping 1)");
        m.put("cpu.flags", "sse4_2 avx fma avx2 avx512f avx512dq avx512bw avx512vl");
        m.put("cores", "2, virtual machine (hypervisor flag)");
        m.put("jdk", "Debian 17.0.15+6-Debian-1deb12u1");
        m.put("vector", "FloatVector.SPECIES_PREFERRED = Species[float, 16, S_512_BIT]");
        m.put("kernels", "panama");
        m.put("threads", "2 (Parallel.threads(); -Dadjoint.threads=unset)");
        m.put("peak", "83.1 GFLOP/s per core (F32: 2 FMA units x 8 lanes x 2 FLOP x 2.60 GHz)");
        return m;
    }

    /** A run of one round per point, from canned JMH JSON, with no peers. */
    static RunResults fromJmh(String resource, Map<String, String> machine) {
        List<RunResults.PointData> points = new ArrayList<>();
        for (JmhJson.Measurement m : JmhJson.parse(resource(resource))) {
            points.add(new RunResults.PointData(m.point(), null, null, "-", false, List.of(m.iterationsUs()),
                    List.of()));
        }
        return new RunResults(machine, Map.of("preset", "quick"), points, List.of(), List.of());
    }

    static Point point(String shortName, String... kv) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            params.put(kv[i], kv[i + 1]);
        }
        return Point.of("org.adjoint.bench." + shortName, params);
    }
}
