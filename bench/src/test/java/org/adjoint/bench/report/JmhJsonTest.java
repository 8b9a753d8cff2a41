package org.adjoint.bench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading JMH's JSON, and estimates that reproduce JMH's own score and 99.9 % error. */
class JmhJsonTest {

    @Test
    void readsRealJmhOutputAndReproducesItsScoreAndError() {
        // written by JMH 1.37 (ReductionBench, quick preset): JMH's score and scoreError are in the file
        String text = Fixtures.resource("jmh-real-avgt.json");
        List<JmhJson.Measurement> ms = JmhJson.parse(text);
        assertEquals(2, ms.size());
        JmhJson.Measurement panama = ms.get(0);
        assertEquals("org.adjoint.bench.ReductionBench.softmax128x1000", panama.point().benchmark());
        assertEquals(Map.of("impl", "panama"), panama.point().params());
        assertEquals("avgt", panama.mode());
        assertArrayEquals(new double[] {83.2071155592241, 102.02842648539779, 100.8638621031746},
                panama.iterationsUs(), 0);
        List<Object> raw = Json.array(Json.parse(text), "file");
        for (int i = 0; i < 2; i++) {
            Map<String, Object> metric = Json.object(Json.object(raw.get(i), "entry").get("primaryMetric"), "metric");
            Estimate e = Estimate.of(ms.get(i).iterationsUs());
            assertEquals(Json.number(metric.get("score"), "score"), e.mean(), 1e-9);
            assertEquals(Json.number(metric.get("scoreError"), "scoreError"), e.error(), 1e-9,
                    "the interval is JMH's Error (99.9%)");
            assertEquals(3, e.n());
        }
    }

    @Test
    void estimateMatchesStudentTAtTheTableValue() {
        // t(0.9995, df = 4) = 8.610 (statistical tables); sd of {1,2,3,4,5} = sqrt(2.5)
        Estimate e = Estimate.of(new double[] {1, 2, 3, 4, 5});
        assertEquals(3.0, e.mean(), 0);
        assertEquals(8.6103 * Math.sqrt(2.5) / Math.sqrt(5), e.error(), 1e-3);
        assertEquals(3 - e.error(), e.lower(), 0);
        Estimate one = Estimate.of(new double[] {7});
        assertTrue(Double.isNaN(one.error()) && !one.hasError());
        assertEquals(7, one.lower(), 0);
        assertEquals(7, one.upper(), 0);
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> Estimate.of(new double[0]));
        assertEquals("no samples", empty.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Estimate.of(new double[] {1, Double.NaN}));
        assertEquals("non-finite sample NaN in [1.0, NaN]", nan.getMessage());
    }

    @Test
    void convertsEveryTimeAndThroughputUnitToMicrosecondsPerOp() {
        assertEquals(2.5, JmhJson.toMicrosPerOp(2500, "ns/op", "b"), 1e-12);
        assertEquals(2.5, JmhJson.toMicrosPerOp(2.5, "us/op", "b"), 0);
        assertEquals(2500, JmhJson.toMicrosPerOp(2.5, "ms/op", "b"), 1e-9);
        assertEquals(2.5e6, JmhJson.toMicrosPerOp(2.5, "s/op", "b"), 1e-3);
        assertEquals(250, JmhJson.toMicrosPerOp(4000, "ops/s", "b"), 1e-9);
        assertEquals(0.25, JmhJson.toMicrosPerOp(4, "ops/us", "b"), 1e-12);
        assertEquals(2.5e-4, JmhJson.toMicrosPerOp(4, "ops/ns", "b"), 1e-15, "4 per ns: 0.25 ns each");
        assertEquals(250, JmhJson.toMicrosPerOp(4, "ops/ms", "b"), 1e-9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JmhJson.toMicrosPerOp(1, "B/op", "org.x.Alloc.bytes"));
        assertEquals("org.x.Alloc.bytes: unsupported score unit 'B/op'", e.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> JmhJson.toMicrosPerOp(1, "furlongs", "org.x.Y.z"));
        assertTrue(f.getMessage().startsWith("org.x.Y.z: unsupported score unit 'furlongs' (expected a time per op"),
                f.getMessage());
    }

    @Test
    void sampleModeHistogramsBecomeOneMeanPerIteration() {
        String json = "[{\"benchmark\": \"org.x.S.m\", \"mode\": \"sample\", \"primaryMetric\": {\"score\": 2.0,"
                + " \"scoreUnit\": \"ms/op\", \"rawDataHistogram\": [[ [[1.0, 3], [3.0, 1]], [[2.0, 2]] ]]}}]";
        JmhJson.Measurement m = JmhJson.parse(json).get(0);
        assertArrayEquals(new double[] {1500, 2000}, m.iterationsUs(), 1e-9, "(1*3 + 3*1)/4 ms, then 2 ms");
        assertEquals(Map.of(), m.point().params());
        assertEquals("S.m", m.point().label());
    }

    @Test
    void malformedFilesNameTheBenchmarkAndField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JmhJson.parse(
                "[{\"benchmark\": \"org.x.A.b\", \"mode\": \"avgt\", \"primaryMetric\": {\"scoreUnit\": \"us/op\","
                        + " \"rawData\": [[1.0, \"oops\"]]}}]"));
        assertEquals("org.x.A.b 'rawData' value: expected a number, got oops (String)", e.getMessage());
        IllegalArgumentException notArray = assertThrows(IllegalArgumentException.class, () -> JmhJson.parse("{}"));
        assertEquals("JMH result file: expected a JSON array, got {} (LinkedHashMap)", notArray.getMessage());
        IllegalArgumentException noMetric = assertThrows(IllegalArgumentException.class,
                () -> JmhJson.parse("[{\"benchmark\": \"org.x.A.b\", \"mode\": \"avgt\"}]"));
        assertEquals("org.x.A.b 'primaryMetric': expected a JSON object, got null", noMetric.getMessage());
    }
}
