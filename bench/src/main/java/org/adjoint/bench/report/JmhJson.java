package org.adjoint.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JMH's JSON result file ({@code -rf json}) into per-iteration times in microseconds per
 * operation, whatever the benchmark mode: average-time and single-shot scores are converted by
 * unit, throughput scores (ops per time) inverted, sample-time histograms reduced to one mean
 * per iteration.
 */
final class JmhJson {

    /**
     * One benchmark point of one JMH run.
     *
     * @param point benchmark and parameters
     * @param mode JMH's mode tag ({@code avgt}, {@code thrpt}, {@code sample}, {@code ss})
     * @param iterationsUs every measured iteration of every fork, microseconds per operation
     */
    record Measurement(Point point, String mode, double[] iterationsUs) {
    }

    private JmhJson() {
    }

    static List<Measurement> read(Path file) throws IOException {
        try {
            return parse(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the text of a JMH JSON result file.
     *
     * @throws IllegalArgumentException naming the benchmark and field for anything it cannot read
     */
    static List<Measurement> parse(String json) {
        List<Measurement> out = new ArrayList<>();
        for (Object entry : Json.array(Json.parse(json), "JMH result file")) {
            Map<String, Object> r = Json.object(entry, "JMH result");
            String name = Json.string(r.get("benchmark"), "JMH result 'benchmark'");
            String mode = Json.string(r.get("mode"), name + " 'mode'");
            Map<String, String> params = new LinkedHashMap<>();
            if (r.get("params") != null) {
                Json.object(r.get("params"), name + " 'params'").forEach((k, v) -> params.put(k, String.valueOf(v)));
            }
            Map<String, Object> metric = Json.object(r.get("primaryMetric"), name + " 'primaryMetric'");
            String unit = Json.string(metric.get("scoreUnit"), name + " 'scoreUnit'");
            List<Double> raw = new ArrayList<>();
            if (metric.get("rawData") != null) {
                for (Object fork : Json.array(metric.get("rawData"), name + " 'rawData'")) {
                    for (Object it : Json.array(fork, name + " 'rawData' fork")) {
                        raw.add(Json.number(it, name + " 'rawData' value"));
                    }
                }
            } else if (metric.get("rawDataHistogram") != null) {
                for (Object fork : Json.array(metric.get("rawDataHistogram"), name + " 'rawDataHistogram'")) {
                    for (Object it : Json.array(fork, name + " 'rawDataHistogram' fork")) {
                        raw.add(histogramMean(Json.array(it, name + " 'rawDataHistogram' iteration"), name));
                    }
                }
            } else {
                raw.add(Json.number(metric.get("score"), name + " 'score'"));
            }
            double[] us = new double[raw.size()];
            for (int i = 0; i < us.length; i++) {
                us[i] = toMicrosPerOp(raw.get(i), unit, name);
            }
            out.add(new Measurement(Point.of(name, params), mode, us));
        }
        return out;
    }

    private static double histogramMean(List<Object> bins, String name) {
        double sum = 0;
        double count = 0;
        for (Object bin : bins) {
            List<Object> pair = Json.array(bin, name + " histogram bin");
            double value = Json.number(pair.get(0), name + " histogram value");
            double n = Json.number(pair.get(1), name + " histogram count");
            sum += value * n;
            count += n;
        }
        return sum / count;
    }

    /**
     * Converts a score in {@code unit} to microseconds per operation.
     *
     * @throws IllegalArgumentException for a unit JMH does not produce
     */
    static double toMicrosPerOp(double value, String unit, String benchmark) {
        String[] parts = unit.split("/");
        if (parts.length == 2 && parts[1].equals("op")) {
            return value * micros(parts[0], unit, benchmark);
        }
        if (parts.length == 2 && parts[0].equals("ops")) {
            return micros(parts[1], unit, benchmark) / value;
        }
        throw new IllegalArgumentException(benchmark + ": unsupported score unit '" + unit
                + "' (expected a time per op, like us/op, or ops per time, like ops/s)");
    }

    private static double micros(String timeUnit, String unit, String benchmark) {
        switch (timeUnit) {
            case "ns":
                return 1e-3;
            case "us":
                return 1;
            case "ms":
                return 1e3;
            case "s":
                return 1e6;
            case "min":
                return 60e6;
            default:
                throw new IllegalArgumentException(benchmark + ": unsupported score unit '" + unit + "'");
        }
    }
}
