package org.adjoint.nn.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.adjoint.graph.DType;
import org.adjoint.graph.Tensor;

/**
 * A seeded split of a data set into train/dev(/test) parts by ratios, optionally stratified by
 * integer labels (each class split in the same ratios). Part sizes are {@code round(N·ratio)} for
 * all but the last part, which takes the rest.
 *
 * <pre>{@code
 * Split.Parts p = Split.ratios(0.8, 0.1, 0.1).seed(7).stratified().apply(data);
 * }</pre>
 */
public final class Split {

    private final double[] ratios;
    private long seed;
    private boolean stratified;

    private Split(double[] ratios) {
        if (ratios.length < 2 || ratios.length > 3) {
            throw new IllegalArgumentException("split: need 2 or 3 ratios (train, dev[, test]), got "
                    + Arrays.toString(ratios));
        }
        double sum = 0;
        for (int i = 0; i < ratios.length; i++) {
            if (!(ratios[i] > 0) || ratios[i] >= 1) {
                throw new IllegalArgumentException("split: the " + PART[i] + " ratio must be in (0, 1), got "
                        + ratios[i]);
            }
            sum += ratios[i];
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("split: ratios must sum to 1, got " + Arrays.toString(ratios) + " (sum "
                    + sum + ")");
        }
        this.ratios = ratios.clone();
    }

    private static final String[] PART = {"train", "dev", "test"};

    /** Parts by ratios: (train, dev) or (train, dev, test), each in (0, 1), summing to 1. */
    public static Split ratios(double... ratios) {
        return new Split(ratios);
    }

    public Split seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Splits each class (I32 labels) separately, so every part has the class proportions of the whole. */
    public Split stratified() {
        this.stratified = true;
        return this;
    }

    /** The parts; {@code test} is null for a two-way split. */
    public record Parts(Dataset train, Dataset dev, Dataset test) {
    }

    /**
     * @throws IllegalArgumentException if a part would be empty (naming it, its ratio and N), or
     *     stratifying needs I32 labels that are absent
     */
    public Parts apply(Dataset data) {
        int n = data.size();
        List<List<Integer>> parts = new ArrayList<>();
        for (int i = 0; i < ratios.length; i++) {
            parts.add(new ArrayList<>());
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        if (stratified) {
            if (!data.has(Dataset.LABELS) || data.labels().dtype() != DType.I32) {
                throw new IllegalArgumentException("split: stratified splitting needs i32 labels, got "
                        + (data.has(Dataset.LABELS) ? data.labels().type().toString() : "no labels"));
            }
            Tensor y = data.labels();
            TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
            int row = y.size() / n;
            for (int i = 0; i < n; i++) {
                byClass.computeIfAbsent(y.ints()[i * row], k -> new ArrayList<>()).add(i);
            }
            for (List<Integer> members : byClass.values()) {
                distribute(shuffled(members, rnd), parts);
            }
            for (List<Integer> p : parts) {
                int[] a = p.stream().mapToInt(Integer::intValue).toArray();
                shuffle(a, rnd);
                p.clear();
                for (int v : a) {
                    p.add(v);
                }
            }
        } else {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(i);
            }
            distribute(shuffled(all, rnd), parts);
        }
        Dataset[] out = new Dataset[3];
        for (int i = 0; i < ratios.length; i++) {
            if (parts.get(i).isEmpty()) {
                throw new IllegalArgumentException("split: the " + PART[i] + " part is empty (ratio " + ratios[i]
                        + " of " + n + " examples)");
            }
            out[i] = data.select(parts.get(i).stream().mapToInt(Integer::intValue).toArray());
        }
        return new Parts(out[0], out[1], out[2]);
    }

    private void distribute(int[] members, List<List<Integer>> parts) {
        int m = members.length;
        int start = 0;
        for (int i = 0; i < ratios.length; i++) {
            int count = i == ratios.length - 1 ? m - start : (int) Math.min(m - start, Math.round(m * ratios[i]));
            for (int j = start; j < start + count; j++) {
                parts.get(i).add(members[j]);
            }
            start += count;
        }
    }

    private static int[] shuffled(List<Integer> list, SplittableRandom rnd) {
        int[] a = list.stream().mapToInt(Integer::intValue).toArray();
        shuffle(a, rnd);
        return a;
    }

    private static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
