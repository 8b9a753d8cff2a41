package org.adjoint.nn.data;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.adjoint.graph.Tensor;

/**
 * Mini-batches of a {@link Dataset}: any batch size; optionally shuffled with a seed, a new order
 * each epoch (the order of epoch e depends only on the seed and e); the last partial batch kept
 * (default) or dropped. Each batch is a new data set with copied rows.
 *
 * <pre>{@code
 * for (Dataset batch : train.batches(64).shuffle(seed).epoch(e)) { ... }
 * }</pre>
 */
public final class Batches {

    private final Dataset data;
    private final int batchSize;
    private boolean shuffle;
    private long seed;
    private boolean dropLast;

    Batches(Dataset data, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batches: batch size must be >= 1, got batchSize=" + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
    }

    /** Shuffles with {@code seed}, a different permutation each epoch. */
    public Batches shuffle(long seed) {
        this.shuffle = true;
        this.seed = seed;
        return this;
    }

    /** Drops the last batch if it is smaller than the batch size. */
    public Batches dropLast(boolean drop) {
        this.dropLast = drop;
        return this;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Batches per epoch. */
    public int count() {
        int full = data.size() / batchSize;
        return dropLast || data.size() % batchSize == 0 ? full : full + 1;
    }

    /** The example order of epoch {@code epoch} (0-based): a seeded Fisher-Yates permutation, or 0..N-1. */
    public int[] order(int epoch) {
        int n = data.size();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (shuffle) {
            SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int tmp = idx[i];
                idx[i] = idx[j];
                idx[j] = tmp;
            }
        }
        return idx;
    }

    /** The batches of epoch {@code epoch} (0-based). */
    public Iterable<Dataset> epoch(int epoch) {
        return () -> new Iterator<>() {
            private final int[] order = order(epoch);
            private final int batches = count();
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Dataset next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int from = next * batchSize;
                int to = Math.min(from + batchSize, order.length);
                next++;
                Map<String, Tensor> m = new LinkedHashMap<>();
                for (String name : data.names()) {
                    m.put(name, Dataset.gatherRows(data.column(name), order, from, to));
                }
                return Dataset.of(m);
            }
        };
    }
}
