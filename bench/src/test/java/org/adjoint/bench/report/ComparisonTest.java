package org.adjoint.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The baseline comparison on canned JMH JSON (jmh-baseline.json, jmh-current.json): a point that
 * got faster, one that got slower, one within the noise, a single-iteration point, a new and a
 * missing point, and the same data from a different machine or JDK.
 */
class ComparisonTest {

    private static Comparison.Row row(Comparison c, Point p) {
        return c.rows.stream().filter(r -> r.point().equals(p)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + p.label() + " in " + c.rows));
    }

    private static Comparison sameMachine() {
        return Comparison.of("main", Fixtures.fromJmh("jmh-baseline.json", Fixtures.machine()),
                Fixtures.fromJmh("jmh-current.json", Fixtures.machine()));
    }

    @Test
    void improvementBeyondTheIntervalsIsFlaggedFaster() {
        Comparison.Row r = row(sameMachine(), Fixtures.point("GemmBench.sgemm", "shape", "sq256", "threads", "1"));
        assertEquals(Comparison.Verdict.FASTER, r.verdict());
        assertEquals(500.0, r.baseline().mean(), 1e-9);
        assertEquals(400.0, r.current().mean(), 1e-9);
        assertEquals(1.25, r.ratio(), 1e-9, "baseline time / current time");
        assertTrue(r.baseline().upper() < 510 && r.current().upper() < r.baseline().lower(),
                "the intervals are disjoint: " + r.baseline() + " vs " + r.current());
    }

    @Test
    void regressionIsFlaggedSlowerEvenWhenTheUnitsDiffer() {
        // the current file reports this point as throughput in ops/ms: 1/5.2 ops/ms = 5200 us/op
        Comparison.Row r = row(sameMachine(), Fixtures.point("GemmBench.sgemm", "shape", "sq512", "threads", "1"));
        assertEquals(Comparison.Verdict.SLOWER, r.verdict());
        assertEquals(4000.0, r.baseline().mean(), 1e-9);
        assertEquals(5200.0, r.current().mean(), 0.01);
        assertEquals(4000.0 / 5200.0, r.ratio(), 1e-5);
    }

    @Test
    void changeInsideTheIntervalsIsNoise() {
        Comparison.Row r = row(sameMachine(), Fixtures.point("ToyStepBench.trainStep"));
        assertEquals(Comparison.Verdict.WITHIN_NOISE, r.verdict());
        assertEquals(5.0 / 5.5, r.ratio(), 1e-9, "a 10 % slowdown is still reported as a ratio");
        assertTrue(r.baseline().overlaps(r.current()));
    }

    @Test
    void singleIterationHasNoErrorBarToJudgeBy() {
        // baseline 3.0 ms/op single shot, now 2000 us/op: faster, but with one iteration there is no interval
        Comparison.Row r = row(sameMachine(), Fixtures.point("MlpStepBench.trainStep", "threads", "1"));
        assertEquals(Comparison.Verdict.NO_ERROR_BAR, r.verdict());
        assertEquals(1.5, r.ratio(), 1e-9);
        assertTrue(Double.isNaN(r.current().error()));
    }

    @Test
    void pointsOnOneSideOnlyAreNewOrMissing() {
        Comparison c = sameMachine();
        Comparison.Row added = row(c, Fixtures.point("ElementwiseBench.add", "impl", "panama", "n", "1048576"));
        assertEquals(Comparison.Verdict.NEW, added.verdict());
        assertNull(added.baseline());
        assertNotNull(added.current());
        Comparison.Row gone = row(c, Fixtures.point("ReductionBench.sum", "impl", "panama", "n", "1048576"));
        assertEquals(Comparison.Verdict.MISSING, gone.verdict());
        assertNull(gone.current());
        assertEquals(6, c.rows.size());
        assertEquals("against baseline 'main': 1 faster, 1 SLOWER, 1 within noise, 1 no error bar (1 iteration), "
                + "1 new, 1 not in this run", c.summary());
    }

    @Test
    void differentJdkIsLabelledAndNothingIsFlagged() {
        Map<String, String> other = new LinkedHashMap<>(Fixtures.machine());
        other.put("jdk", "Eclipse Adoptium 25.0.3+9-LTS");
        Comparison c = Comparison.of("main", Fixtures.fromJmh("jmh-baseline.json", Fixtures.machine()),
                Fixtures.fromJmh("jmh-current.json", other));
        assertEquals(List.of("jdk: Debian 17.0.15+6-Debian-1deb12u1 -> Eclipse Adoptium 25.0.3+9-LTS"),
                c.machineDifferences);
        Comparison.Row r = row(c, Fixtures.point("GemmBench.sgemm", "shape", "sq512", "threads", "1"));
        assertEquals(Comparison.Verdict.DIFFERENT_MACHINE, r.verdict(), "a slower figure on another JDK is no regression");
        assertEquals(4000.0 / 5200.0, r.ratio(), 1e-5, "the ratio is still shown");
        assertEquals(0, c.count(Comparison.Verdict.SLOWER) + c.count(Comparison.Verdict.FASTER));
        String md = c.toMarkdown();
        assertTrue(md.contains("**Different machine or JDK**"), md);
        assertTrue(md.contains("- jdk: Debian 17.0.15+6-Debian-1deb12u1 -> Eclipse Adoptium 25.0.3+9-LTS"), md);
        assertTrue(c.summary().startsWith("different machine or JDK than baseline 'main'"), c.summary());
    }

    @Test
    void differentCpuFlagsAndMissingKeysAreDifferences() {
        Map<String, String> avx2 = new LinkedHashMap<>(Fixtures.machine());
        avx2.put("cpu.flags", "sse4_2 avx fma avx2");
        avx2.remove("kernels");
        List<String> diffs = Machine.differences(Fixtures.machine(), avx2);
        assertEquals(List.of("cpu.flags: sse4_2 avx fma avx2 avx512f avx512dq avx512bw avx512vl -> sse4_2 avx fma avx2",
                "kernels: panama -> (not recorded)"), diffs);
        // keys outside the compared set (date, load, peak) never make machines different
        Map<String, String> later = new LinkedHashMap<>(Fixtures.machine());
        later.put("date", "2027-01-01T00:00:00Z");
        later.put("load.before", "7.5 7.0 6.0");
        assertEquals(List.of(), Machine.differences(Fixtures.machine(), later));
    }

    @Test
    void markdownAndConsoleNameEveryPointAndVerdict() {
        Comparison c = sameMachine();
        String md = c.toMarkdown();
        assertTrue(md.contains("| GemmBench.sgemm | shape=sq256 threads=1 | 500 ± 6.09 | 400 ± 6.09 | 1.25 | **faster** |"),
                md);
        assertTrue(md.contains("| GemmBench.sgemm | shape=sq512 threads=1 |"), md);
        assertTrue(md.contains("| 0.77 | **SLOWER** |"), md);
        assertTrue(md.contains("| ToyStepBench.trainStep |  | 5.00 ± 3.04 | 5.50 ± 3.04 | 0.91 | within noise |"), md);
        String console = c.toConsole();
        assertTrue(console.contains("GemmBench.sgemm shape=sq512 threads=1"), console);
        assertTrue(console.contains("SLOWER"), console);
        assertTrue(console.strip().endsWith("1 new, 1 not in this run"), console);
    }

    @Test
    void verdictRuleOnEstimates() {
        Estimate base = new Estimate(100, 5, 5);
        assertEquals(Comparison.Verdict.WITHIN_NOISE, Comparison.verdict(base, new Estimate(109, 5, 5), true),
                "95..105 and 104..114 overlap");
        assertEquals(Comparison.Verdict.WITHIN_NOISE, Comparison.verdict(base, new Estimate(110, 5, 5), true),
                "touching ends count as overlap");
        assertEquals(Comparison.Verdict.SLOWER, Comparison.verdict(base, new Estimate(110.1, 5, 5), true));
        assertEquals(Comparison.Verdict.FASTER, Comparison.verdict(base, new Estimate(89.9, 5, 5), true));
        assertEquals(Comparison.Verdict.DIFFERENT_MACHINE, Comparison.verdict(base, new Estimate(50, 1, 5), false));
    }
}
