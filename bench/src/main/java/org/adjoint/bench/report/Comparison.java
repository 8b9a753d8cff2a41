package org.adjoint.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run against a saved baseline, point by point. The change of a point is the ratio
 * {@code baseline time / current time} (above 1: faster now). It is flagged only when the two
 * 99.9 % intervals (JMH's error, over every iteration of every round) do not overlap; a change
 * inside the intervals is noise. When the machine description differs in a compared key
 * (CPU, SIMD flags, cores, JDK, vector width, kernel provider, threads), nothing is flagged and
 * every row says so: figures from different machines are not regressions.
 */
final class Comparison {

    /** The outcome for one point. */
    enum Verdict {
        /** Intervals disjoint, current faster. */
        FASTER("faster"),
        /** Intervals disjoint, current slower. */
        SLOWER("SLOWER"),
        /** Intervals overlap. */
        WITHIN_NOISE("within noise"),
        /** One side has a single iteration: no interval to judge by. */
        NO_ERROR_BAR("no error bar (1 iteration)"),
        /** The machines differ: shown for information only. */
        DIFFERENT_MACHINE("different machine/JDK, not compared"),
        /** Only in the current run. */
        NEW("new"),
        /** Only in the baseline. */
        MISSING("not in this run");

        final String text;

        Verdict(String text) {
            this.text = text;
        }
    }

    /**
     * One point of the comparison.
     *
     * @param point the point
     * @param baseline baseline estimate (null when NEW)
     * @param current current estimate (null when MISSING)
     * @param ratio baseline mean / current mean (NaN when one is absent)
     * @param verdict the outcome
     */
    record Row(Point point, Estimate baseline, Estimate current, double ratio, Verdict verdict) {
    }

    final String baselineName;
    final List<String> machineDifferences;
    final List<Row> rows;

    private Comparison(String baselineName, List<String> machineDifferences, List<Row> rows) {
        this.baselineName = baselineName;
        this.machineDifferences = machineDifferences;
        this.rows = rows;
    }

    /** Compares every point of {@code current} with the same point of {@code baseline}. */
    static Comparison of(String baselineName, RunResults baseline, RunResults current) {
        List<String> diffs = Machine.differences(baseline.machine, current.machine);
        boolean sameMachine = diffs.isEmpty();
        Map<Point, Row> rows = new LinkedHashMap<>();
        for (RunResults.PointData cur : current.points) {
            if (!cur.hasOurs()) {
                continue;
            }
            RunResults.PointData base = baseline.find(cur.point());
            Estimate c = cur.ours();
            if (base == null || !base.hasOurs()) {
                rows.put(cur.point(), new Row(cur.point(), null, c, Double.NaN, Verdict.NEW));
                continue;
            }
            Estimate b = base.ours();
            rows.put(cur.point(), new Row(cur.point(), b, c, b.mean() / c.mean(), verdict(b, c, sameMachine)));
        }
        for (RunResults.PointData base : baseline.points) {
            if (base.hasOurs() && !rows.containsKey(base.point())) {
                rows.put(base.point(), new Row(base.point(), base.ours(), null, Double.NaN, Verdict.MISSING));
            }
        }
        List<Row> sorted = new ArrayList<>(rows.values());
        sorted.sort((x, y) -> x.point().compareTo(y.point()));
        return new Comparison(baselineName, diffs, sorted);
    }

    /** The verdict for two estimates of the same point (times: lower is faster). */
    static Verdict verdict(Estimate baseline, Estimate current, boolean sameMachine) {
        if (!sameMachine) {
            return Verdict.DIFFERENT_MACHINE;
        }
        if (!baseline.hasError() || !current.hasError()) {
            return Verdict.NO_ERROR_BAR;
        }
        if (baseline.overlaps(current)) {
            return Verdict.WITHIN_NOISE;
        }
        return current.mean() < baseline.mean() ? Verdict.FASTER : Verdict.SLOWER;
    }

    long count(Verdict v) {
        return rows.stream().filter(r -> r.verdict() == v).count();
    }

    /** A one-line summary, e.g. "2 slower, 1 faster, 30 within noise". */
    String summary() {
        if (!machineDifferences.isEmpty()) {
            return "different machine or JDK than baseline '" + baselineName + "' (" + String.join("; ",
                    machineDifferences) + "): ratios shown, nothing flagged";
        }
        List<String> parts = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            long n = count(v);
            if (n > 0) {
                parts.add(n + " " + v.text);
            }
        }
        return "against baseline '" + baselineName + "': " + (parts.isEmpty() ? "no common points" : String.join(", ",
                parts));
    }

    /** The comparison as Markdown: a machine check, a summary and one row per point. */
    String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("## Compared with baseline `").append(baselineName).append("`\n\n");
        if (!machineDifferences.isEmpty()) {
            sb.append("**Different machine or JDK** — the figures are not comparable, so no change is flagged:\n\n");
            for (String d : machineDifferences) {
                sb.append("- ").append(d).append('\n');
            }
            sb.append('\n');
        } else {
            sb.append("Same CPU, SIMD flags, cores, JDK, vector width, kernel provider and thread setting as the "
                    + "baseline. A change is flagged when the 99.9 % intervals do not overlap.\n\n");
        }
        sb.append(summary()).append(".\n\n");
        sb.append("| benchmark | params | baseline (us) | now (us) | baseline / now | verdict |\n");
        sb.append("|---|---|---:|---:|---:|---|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.point().shortName()).append(" | ").append(r.point().paramString()).append(" | ")
                    .append(r.baseline() == null ? "—" : Format.estimate(r.baseline())).append(" | ")
                    .append(r.current() == null ? "—" : Format.estimate(r.current())).append(" | ")
                    .append(Double.isNaN(r.ratio()) ? "—" : String.format(Locale.ROOT, "%.2f", r.ratio()))
                    .append(" | ").append(r.verdict() == Verdict.SLOWER || r.verdict() == Verdict.FASTER
                            ? "**" + r.verdict().text + "**" : r.verdict().text)
                    .append(" |\n");
        }
        return sb.toString();
    }

    /** The comparison for the console: flagged points first, then the summary. */
    String toConsole() {
        StringBuilder sb = new StringBuilder();
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "  %-60s %12s -> %12s  x%-5s %s%n", r.point().label(),
                    r.baseline() == null ? "-" : Format.estimate(r.baseline()),
                    r.current() == null ? "-" : Format.estimate(r.current()),
                    Double.isNaN(r.ratio()) ? "-" : String.format(Locale.ROOT, "%.2f", r.ratio()), r.verdict().text));
        }
        sb.append("  ").append(summary()).append('\n');
        return sb.toString();
    }
}
