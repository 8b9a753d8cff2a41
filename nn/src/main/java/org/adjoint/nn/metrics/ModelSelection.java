package org.adjoint.nn.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses among trained models with one <b>optimizing</b> metric and any number of
 * <b>satisficing</b> ones: maximize (or minimize) the optimizing metric over the candidates that
 * meet every threshold, e.g. the best accuracy among the models with a latency of at most 100 ms.
 * Ties keep the candidate given first.
 *
 * <pre>{@code
 * ModelSelection.Result r = ModelSelection.maximize("accuracy").atMost("latency_ms", 100)
 *         .choose(List.of(new ModelSelection.Candidate("A", Map.of("accuracy", 0.90, "latency_ms", 80.0)), ...));
 * r.chosen();          // Optional of the best feasible candidate
 * r.rejected();        // candidate name -> why it failed a threshold
 * }</pre>
 */
public final class ModelSelection {

    /** A trained model's name and its measured metrics. */
    public record Candidate(String name, Map<String, Double> metrics) {
        public Candidate {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("model selection: candidate name must be non-empty, got '" + name
                        + "'");
            }
            metrics = Map.copyOf(metrics);
        }

        double get(String metric) {
            Double v = metrics.get(metric);
            if (v == null) {
                throw new IllegalArgumentException("model selection: candidate '" + name + "' has no metric '" + metric
                        + "'; it has " + metrics.keySet());
            }
            return v;
        }
    }

    /** The outcome: the chosen candidate (if any met every threshold), the feasible ones ranked, and the rejections. */
    public record Result(Optional<Candidate> chosen, List<Candidate> feasibleRanked, Map<String, String> rejected) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append(chosen.map(c -> "chosen: " + c.name()).orElse("chosen: none (no candidate meets every threshold)"));
            for (Map.Entry<String, String> e : rejected.entrySet()) {
                sb.append("\nrejected ").append(e.getKey()).append(": ").append(e.getValue());
            }
            return sb.toString();
        }
    }

    private record Threshold(String metric, boolean atMost, double bound) {
        boolean holds(double v) {
            return atMost ? v <= bound : v >= bound;
        }

        @Override
        public String toString() {
            return metric + (atMost ? " <= " : " >= ") + fmt(bound);
        }
    }

    private final String optimizing;
    private final boolean maximize;
    private final List<Threshold> thresholds = new ArrayList<>();

    private ModelSelection(String optimizing, boolean maximize) {
        if (optimizing == null || optimizing.isEmpty()) {
            throw new IllegalArgumentException("model selection: the optimizing metric must be named, got '"
                    + optimizing + "'");
        }
        this.optimizing = optimizing;
        this.maximize = maximize;
    }

    /** Larger {@code metric} is better (accuracy, F1). */
    public static ModelSelection maximize(String metric) {
        return new ModelSelection(metric, true);
    }

    /** Smaller {@code metric} is better (error, loss). */
    public static ModelSelection minimize(String metric) {
        return new ModelSelection(metric, false);
    }

    /** Satisficing: {@code metric <= bound} (latency, memory, false-positive rate). */
    public ModelSelection atMost(String metric, double bound) {
        thresholds.add(new Threshold(checkName(metric), true, checkBound(metric, bound)));
        return this;
    }

    /** Satisficing: {@code metric >= bound} (recall of a critical class). */
    public ModelSelection atLeast(String metric, double bound) {
        thresholds.add(new Threshold(checkName(metric), false, checkBound(metric, bound)));
        return this;
    }

    private static String checkName(String metric) {
        if (metric == null || metric.isEmpty()) {
            throw new IllegalArgumentException("model selection: threshold metric must be named, got '" + metric + "'");
        }
        return metric;
    }

    private static double checkBound(String metric, double bound) {
        if (Double.isNaN(bound)) {
            throw new IllegalArgumentException("model selection: threshold on '" + metric + "' is NaN");
        }
        return bound;
    }

    /**
     * Applies the thresholds, then ranks the feasible candidates by the optimizing metric.
     *
     * @throws IllegalArgumentException for no candidates, duplicate names, or a candidate missing
     *     a metric the selection uses (naming it)
     */
    public Result choose(List<Candidate> candidates) {
        if (candidates == null || candidates.isEmpty()) {
            throw new IllegalArgumentException("model selection: no candidates");
        }
        List<Candidate> feasible = new ArrayList<>();
        Map<String, String> rejected = new LinkedHashMap<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Candidate c : candidates) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("model selection: duplicate candidate name '" + c.name() + "'");
            }
            double v = c.get(optimizing);
            List<String> failed = new ArrayList<>();
            for (Threshold t : thresholds) {
                double m = c.get(t.metric());
                if (!t.holds(m)) {
                    failed.add(t.metric() + " = " + fmt(m) + " fails " + t);
                }
            }
            if (Double.isNaN(v)) {
                failed.add(optimizing + " is NaN");
            }
            if (failed.isEmpty()) {
                feasible.add(c);
            } else {
                rejected.put(c.name(), String.join("; ", failed));
            }
        }
        Comparator<Candidate> byMetric = Comparator.comparingDouble(c -> c.get(optimizing));
        feasible.sort(maximize ? byMetric.reversed() : byMetric); // stable: ties keep the given order
        return new Result(feasible.isEmpty() ? Optional.empty() : Optional.of(feasible.get(0)), List.copyOf(feasible),
                java.util.Collections.unmodifiableMap(rejected));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    @Override
    public String toString() {
        return (maximize ? "maximize " : "minimize ") + optimizing + (thresholds.isEmpty() ? "" : " subject to "
                + thresholds);
    }
}
