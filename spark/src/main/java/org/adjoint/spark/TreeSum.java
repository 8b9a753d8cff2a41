package org.adjoint.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Combines the partitions' {@link Contribution}s in a fixed binary tree over partition indices,
 * whatever order Spark's {@code treeAggregate} merges them in, so a step's result is the same bits
 * on every run, retry and cluster size with the same partitions.
 *
 * <p>Spark merges in the order tasks finish: within each group of its intermediate level (the
 * partitions {@code i} with the same {@code i mod m}), and then on the driver. Floating-point
 * addition is commutative but not associative, so the order would change the sums. Here every
 * value is a complete subtree of one fixed tree, and two values are added only when they are the
 * two halves of a node: the node's value is then {@code left + right}, which does not depend on
 * which arrived first. The tree is laid out over "slots" so that each of Spark's groups is one
 * aligned subtree (slot of partition i: {@code (i mod m)·G + i / m}, with G the group size rounded
 * up to a power of two), so the intermediate level of {@code treeAggregate} really reduces: each
 * group leaves as one value.
 */
final class TreeSum implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Layout layout;
    private final TreeMap<Long, Contribution> pieces = new TreeMap<>();

    private TreeSum(Layout layout) {
        this.layout = layout;
    }

    /** The zero value of {@code treeAggregate}. */
    static TreeSum empty(Layout layout) {
        return new TreeSum(layout);
    }

    /** {@code treeAggregate}'s seqOp: adds one partition's contribution. */
    TreeSum add(Leaf leaf) {
        absorb(0, layout.slot(leaf.partition()), leaf.contribution());
        return this;
    }

    /** {@code treeAggregate}'s combOp. */
    TreeSum merge(TreeSum other) {
        for (Map.Entry<Long, Contribution> e : other.pieces.entrySet()) {
            long key = e.getKey();
            absorb((int) (key >>> 40), key & ((1L << 40) - 1), e.getValue());
        }
        return this;
    }

    /** The root: every partition's contribution, summed in the tree's order. */
    Contribution result() {
        Contribution root = pieces.get(key(layout.top, 0));
        if (root == null || pieces.size() != 1) {
            throw new IllegalStateException("tree sum: incomplete, holding subtrees " + pieces.keySet() + " of "
                    + layout.partitions + " partitions");
        }
        return root;
    }

    private static long key(int level, long index) {
        return ((long) level << 40) | index;
    }

    private void absorb(int level, long index, Contribution value) {
        while (level < layout.top) {
            long sibling = index ^ 1;
            if (layout.occupied(level, sibling)) {
                Contribution other = pieces.remove(key(level, sibling));
                if (other == null) {
                    if (pieces.put(key(level, index), value) != null) {
                        throw new IllegalStateException("tree sum: a partition was counted twice");
                    }
                    return;
                }
                value = (index & 1) == 0 ? value.plus(other) : other.plus(value);
            }
            index >>= 1;
            level++;
        }
        if (pieces.put(key(level, index), value) != null) {
            throw new IllegalStateException("tree sum: a partition was counted twice");
        }
    }

    /** One partition's result, the element that {@code treeAggregate} folds. */
    static final class Leaf implements Serializable {
        // NOTE: a class, not a record: Kryo (an application's spark.serializer) cannot set a record's fields.
        private static final long serialVersionUID = 1L;
        private final int partition;
        private final Contribution contribution;

        Leaf(int partition, Contribution contribution) {
            this.partition = partition;
            this.contribution = contribution;
        }

        int partition() {
            return partition;
        }

        Contribution contribution() {
            return contribution;
        }
    }

    /** Where each partition sits in the tree; mirrors Spark's {@code treeAggregate} grouping. */
    static final class Layout implements Serializable {
        private static final long serialVersionUID = 1L;
        final int partitions;
        final int groups;           // Spark's intermediate level (partitions i with equal i mod groups)
        final int groupSlots;       // slots per group: a power of two
        final int top;              // the root's level
        private final int[] prefix; // occupied slots before each slot

        /**
         * The layout for {@code treeAggregate(..., depth)} over {@code partitions}: the same
         * computation as Spark's RDD.treeAggregate, which adds one intermediate level at depth 2
         * when it pays off. If a Spark version groups differently the result is still exact and
         * deterministic; only fewer merges happen before the driver.
         */
        static Layout of(int partitions, int depth) {
            int groups = partitions;
            int scale = Math.max((int) Math.ceil(Math.pow(partitions, 1.0 / depth)), 2);
            int n = partitions;
            if (n > scale + Math.ceil((double) n / scale)) {
                n /= scale;
                groups = n;
            }
            return new Layout(partitions, groups);
        }

        Layout(int partitions, int groups) {
            if (partitions < 1 || groups < 1 || groups > partitions) {
                throw new IllegalArgumentException("tree layout: " + partitions + " partitions in " + groups + " groups");
            }
            this.partitions = partitions;
            this.groups = groups;
            int perGroup = (partitions + groups - 1) / groups;
            this.groupSlots = Integer.highestOneBit(perGroup) == perGroup ? perGroup : Integer.highestOneBit(perGroup) << 1;
            int slots = groups * groupSlots;
            int size = Integer.highestOneBit(slots) == slots ? slots : Integer.highestOneBit(slots) << 1;
            this.top = Integer.numberOfTrailingZeros(size);
            boolean[] used = new boolean[size];
            for (int i = 0; i < partitions; i++) {
                used[slot(i)] = true;
            }
            prefix = new int[size + 1];
            for (int s = 0; s < size; s++) {
                prefix[s + 1] = prefix[s] + (used[s] ? 1 : 0);
            }
        }

        int slot(int partition) {
            return (partition % groups) * groupSlots + partition / groups;
        }

        /** Whether node (level, index) covers at least one partition's slot. */
        boolean occupied(int level, long index) {
            long from = index << level;
            long to = (index + 1) << level;
            if (from >= prefix.length - 1) {
                return false;
            }
            return prefix[(int) Math.min(to, prefix.length - 1)] - prefix[(int) from] > 0;
        }
    }
}
