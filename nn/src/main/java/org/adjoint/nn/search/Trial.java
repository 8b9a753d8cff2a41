package org.adjoint.nn.search;

import java.util.Map;

/**
 * One finished trial: its index (0-based, in sampling order), the seed it was given, its
 * parameters, the metrics the objective returned (empty if it failed), the failure message
 * (null if it succeeded) and its wall time in seconds.
 */
public record Trial(int index, long seed, Params params, Map<String, Double> metrics, String error, double seconds) {

    public Trial {
        metrics = Map.copyOf(metrics);
    }

    public boolean failed() {
        return error != null;
    }

    /** The metric's value, NaN if the trial failed or did not report it. */
    public double metric(String name) {
        Double v = metrics.get(name);
        return v == null ? Double.NaN : v;
    }
}
