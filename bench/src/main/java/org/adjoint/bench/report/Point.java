package org.adjoint.bench.report;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One measured point: a JMH benchmark method (its full name, e.g.
 * {@code org.adjoint.bench.GemmBench.sgemm}) with one combination of its {@code @Param} values.
 *
 * @param benchmark full JMH benchmark name
 * @param params parameter values by name (sorted by name)
 */
record Point(String benchmark, SortedMap<String, String> params) implements Comparable<Point> {

    Point {
        params = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }

    static Point of(String benchmark, Map<String, String> params) {
        return new Point(benchmark, new TreeMap<>(params));
    }

    /** {@code Class.method}: the name peers use, e.g. {@code GemmBench.sgemm}. */
    String shortName() {
        return shortName(benchmark);
    }

    /** {@code Class.method} of a full JMH benchmark name. */
    static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int cls = method <= 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(cls + 1);
    }

    /** {@code shape=sq64 threads=1}, or empty. */
    String paramString() {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    /** {@code GemmBench.sgemm shape=sq64 threads=1}: the key used in files and peer case lists. */
    String label() {
        return params.isEmpty() ? shortName() : shortName() + " " + paramString();
    }

    /** Whether every entry of {@code subset} is one of this point's parameter values. */
    boolean hasParams(Map<String, String> subset) {
        for (Map.Entry<String, String> e : subset.entrySet()) {
            if (!e.getValue().equals(params.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(Point o) {
        int c = benchmark.compareTo(o.benchmark);
        return c != 0 ? c : ParamOrder.compare(params, o.params);
    }
}
