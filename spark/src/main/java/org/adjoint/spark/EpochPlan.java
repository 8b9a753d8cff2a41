package org.adjoint.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.data.Batches;
import org.adjoint.nn.data.Dataset;

/**
 * The global mini-batches of one epoch: the example order is the permutation that
 * {@code Trainer.fit} uses for the same seed and epoch ({@link Batches#order}, computed by nn
 * itself, so the two cannot drift apart), and step {@code k} trains on the examples at positions
 * {@code [k·B, min((k+1)·B, N))} of that order — the same examples, the same mean, as the k-th
 * batch of a single-machine fit over the data in index order.
 *
 * <p>Each executor JVM computes the permutation once per epoch (O(N) ints) and each partition
 * then sorts its own examples by position, so a step's share of a partition is a contiguous run.
 */
final class EpochPlan implements Serializable {

    private static final long serialVersionUID = 1L;

    final String dataId;
    final int size;
    final int batchSize;
    final long seed;
    final boolean shuffle;
    final boolean dropLast;
    final int epoch;

    EpochPlan(String dataId, int size, int batchSize, long seed, boolean shuffle, boolean dropLast, int epoch) {
        this.dataId = dataId;
        this.size = size;
        this.batchSize = batchSize;
        this.seed = seed;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
        this.epoch = epoch;
    }

    /** Steps (global mini-batches) in the epoch. */
    int steps() {
        int full = size / batchSize;
        return dropLast || size % batchSize == 0 ? full : full + 1;
    }

    /** The number of examples of step {@code k}. */
    int stepSize(int k) {
        return Math.min(batchSize, size - k * batchSize);
    }

    String key() {
        return dataId + "/" + size + "/" + seed + "/" + shuffle + "/" + epoch;
    }

    /** {@code positions()[i]}: where example {@code i} (global index) comes in this epoch's order. */
    int[] positions() {
        return Positions.get(this);
    }

    /** The epoch's example order, by nn's own code: what {@code Trainer.fit} iterates. */
    int[] order() {
        Batches b = Dataset.ofFeatures(Tensor.zeros(DType.I32, Shape.of(size))).batches(1);
        if (shuffle) {
            b.shuffle(seed);
        }
        return b.order(epoch);
    }

    /** A small per-JVM cache of inverse permutations (the last few epochs of any data set). */
    private static final class Positions {
        private static final int KEEP = 3;
        private static final Map<String, int[]> CACHE = new LinkedHashMap<>(8, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
                return size() > KEEP;
            }
        };

        // NOTE: one lock for the whole computation: the task threads of one executor would
        // otherwise each compute the same O(N) permutation at the start of an epoch.
        static synchronized int[] get(EpochPlan plan) {
            int[] pos = CACHE.get(plan.key());
            if (pos == null) {
                int[] order = plan.order();
                pos = new int[order.length];
                for (int i = 0; i < order.length; i++) {
                    pos[order[i]] = i;
                }
                CACHE.put(plan.key(), pos);
            }
            return pos;
        }
    }
}
