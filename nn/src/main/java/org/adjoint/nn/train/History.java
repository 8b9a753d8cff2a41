package org.adjoint.nn.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a training run recorded, per epoch: {@code loss} and each metric on the training batches,
 * {@code dev_loss} and {@code dev_<metric>} on the dev set, {@code lr}, and anything callbacks add.
 * Epochs are numbered from 1 (continuing across {@code fit} calls of one trainer). The data
 * behind learning curves.
 */
public final class History {

    private final List<Integer> epochs = new ArrayList<>();
    private final List<Map<String, Double>> logs = new ArrayList<>();
    private String stopReason;

    /** Records the values of one epoch. */
    public void record(int epoch, Map<String, Double> values) {
        epochs.add(epoch);
        logs.add(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    /** The recorded epoch numbers. */
    public List<Integer> epochs() {
        return List.copyOf(epochs);
    }

    /** Number of recorded epochs. */
    public int size() {
        return epochs.size();
    }

    /** Every name recorded in some epoch, in first-seen order. */
    public Set<String> names() {
        Set<String> s = new LinkedHashSet<>();
        for (Map<String, Double> m : logs) {
            s.addAll(m.keySet());
        }
        return s;
    }

    /** The values of {@code name} per recorded epoch (NaN where an epoch has none). */
    public double[] series(String name) {
        if (!names().contains(name)) {
            throw new IllegalArgumentException("history has no '" + name + "'; it has " + names());
        }
        double[] out = new double[logs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = logs.get(i).getOrDefault(name, Double.NaN);
        }
        return out;
    }

    /** The values of the i-th recorded epoch (0-based index). */
    public Map<String, Double> epochLogs(int index) {
        return logs.get(index);
    }

    /** The last recorded value of {@code name}. */
    public double last(String name) {
        double[] s = series(name);
        return s[s.length - 1];
    }

    /** The epoch number with the best value of {@code name}. */
    public int bestEpoch(String name, boolean higherIsBetter) {
        double[] s = series(name);
        int best = -1;
        for (int i = 0; i < s.length; i++) {
            if (!Double.isNaN(s[i]) && (best < 0 || (higherIsBetter ? s[i] > s[best] : s[i] < s[best]))) {
                best = i;
            }
        }
        return best < 0 ? -1 : epochs.get(best);
    }

    /** Why training stopped before its last epoch (early stopping), or null. */
    public String stopReason() {
        return stopReason;
    }

    public void stopReason(String reason) {
        this.stopReason = reason;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < logs.size(); i++) {
            sb.append("epoch ").append(epochs.get(i)).append(": ").append(logs.get(i)).append('\n');
        }
        return sb.toString();
    }
}
