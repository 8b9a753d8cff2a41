package org.adjoint.spark;

import java.io.Serializable;
import java.util.Arrays;
import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;

/**
 * One partition's examples, stored column-wise (one feature array, one label array) and cached in
 * executor memory. Its examples have the global indices {@code offset .. offset + rows - 1}, where
 * the offset comes from the data set (partitions in order).
 */
final class Block implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What the label column holds. */
    enum Labels {
        /** No labels (data for prediction only). */
        NONE,
        /** Integer class indices. */
        CLASSES,
        /** Numbers, {@code labelWidth} per example. */
        TARGETS
    }

    final int rows;
    final int width;            // features per example (flattened)
    final Values features;      // [rows * width]
    final Labels labels;
    final int labelWidth;       // 1 for classes
    final int[] classes;        // CLASSES: [rows]
    final double[] targets;     // TARGETS: [rows * labelWidth]

    private transient volatile ShareIndex shares;

    Block(int rows, int width, Values features, Labels labels, int labelWidth, int[] classes, double[] targets) {
        this.rows = rows;
        this.width = width;
        this.features = features;
        this.labels = labels;
        this.labelWidth = labelWidth;
        this.classes = classes;
        this.targets = targets;
    }

    /** What the driver learns about a block before any training job. */
    Info info(int partition) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        boolean whole = true;
        if (labels == Labels.CLASSES) {
            for (int c : classes) {
                min = Math.min(min, c);
                max = Math.max(max, c);
            }
        } else if (labels == Labels.TARGETS) {
            for (double t : targets) {
                if (t != Math.rint(t) || Math.abs(t) > Integer.MAX_VALUE) {
                    whole = false;
                    break;
                }
            }
        }
        return new Info(partition, rows, width, features.dtype(), labels, labelWidth, min, max, whole);
    }

    /** A block's shape and label summary. */
    static final class Info implements Serializable {
        // NOTE: a class, not a record: Kryo (an application's spark.serializer) cannot set a record's fields.
        private static final long serialVersionUID = 1L;
        private final int partition;
        private final int rows;
        private final int width;
        private final DType dtype;
        private final Labels labels;
        private final int labelWidth;
        private final int minClass;
        private final int maxClass;
        private final boolean wholeTargets;

        Info(int partition, int rows, int width, DType dtype, Labels labels, int labelWidth, int minClass, int maxClass, boolean wholeTargets) {
            this.partition = partition;
            this.rows = rows;
            this.width = width;
            this.dtype = dtype;
            this.labels = labels;
            this.labelWidth = labelWidth;
            this.minClass = minClass;
            this.maxClass = maxClass;
            this.wholeTargets = wholeTargets;
        }

        int partition() {
            return partition;
        }

        int rows() {
            return rows;
        }

        int width() {
            return width;
        }

        DType dtype() {
            return dtype;
        }

        Labels labels() {
            return labels;
        }

        int labelWidth() {
            return labelWidth;
        }

        int minClass() {
            return minClass;
        }

        int maxClass() {
            return maxClass;
        }

        boolean wholeTargets() {
            return wholeTargets;
        }
    }

    // ---- shares of global mini-batches ------------------------------------------------------------

    /** This block's rows in the epoch's order, split by step (cached for the last epoch seen). */
    ShareIndex shares(EpochPlan plan, long offset) {
        ShareIndex s = shares;
        if (s == null || !s.key.equals(plan.key() + "/" + plan.batchSize + "/" + plan.dropLast)) {
            s = new ShareIndex(plan, (int) offset, rows);
            shares = s;
        }
        return s;
    }

    /** Local rows sorted by their position in an epoch, and where each step's share starts. */
    static final class ShareIndex {
        final String key;
        final int[] order;      // local rows, by position
        final int[] positions;  // their positions in the epoch
        final int[] starts;     // share of step k: order[starts[k] .. starts[k+1])

        ShareIndex(EpochPlan plan, int offset, int rows) {
            this.key = plan.key() + "/" + plan.batchSize + "/" + plan.dropLast;
            int[] pos = plan.positions();
            long[] keyed = new long[rows];
            for (int r = 0; r < rows; r++) {
                keyed[r] = ((long) pos[offset + r] << 32) | r;
            }
            Arrays.sort(keyed);
            order = new int[rows];
            positions = new int[rows];
            for (int i = 0; i < rows; i++) {
                order[i] = (int) keyed[i];
                positions[i] = (int) (keyed[i] >>> 32);
            }
            int steps = plan.steps();
            starts = new int[steps + 1];
            int i = 0;
            for (int k = 0; k <= steps; k++) {
                long first = (long) k * plan.batchSize;
                while (i < rows && positions[i] < first) {
                    i++;
                }
                starts[k] = i;
            }
        }
    }

    // ---- tensors for a run ---------------------------------------------------------------------------

    /** Rows {@code rowIds[from..to)} as the model input: [n, input dims...] (the input's dtype must be the data's). */
    Tensor features(int[] rowIds, int from, int to, Shape input) {
        int n = to - from;
        Tensor x = Tensor.zeros(features.dtype(), withBatch(input, n));
        if (features.f32 != null) {
            float[] dst = x.floats();
            for (int i = 0; i < n; i++) {
                System.arraycopy(features.f32, rowIds[from + i] * width, dst, i * width, width);
            }
        } else {
            double[] dst = x.doubles();
            for (int i = 0; i < n; i++) {
                System.arraycopy(features.f64, rowIds[from + i] * width, dst, i * width, width);
            }
        }
        return x;
    }

    /** Rows {@code from..to)} in index order as the model input. */
    Tensor features(int from, int to, Shape input) {
        return features(identity(), from, to, input);
    }

    /** The labels of rows {@code rowIds[from..to)} as a tensor of the labels placeholder's type. */
    Tensor labels(int[] rowIds, int from, int to, TensorType type) {
        int n = to - from;
        Tensor y = Tensor.zeros(type.dtype(), withBatch(type.shape(), n));
        if (type.dtype() == DType.I32) {
            int[] dst = y.ints();
            for (int i = 0; i < n; i++) {
                int r = rowIds[from + i];
                dst[i] = labels == Labels.CLASSES ? classes[r] : (int) targets[r];
            }
        } else if (labels == Labels.CLASSES) {
            for (int i = 0; i < n; i++) {
                y.setDouble(i, classes[rowIds[from + i]]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                int r = rowIds[from + i];
                for (int j = 0; j < labelWidth; j++) {
                    y.setDouble(i * labelWidth + j, targets[r * labelWidth + j]);
                }
            }
        }
        return y;
    }

    Tensor labels(int from, int to, TensorType type) {
        return labels(identity(), from, to, type);
    }

    private int[] identity() {
        int[] ids = new int[rows];
        for (int i = 0; i < rows; i++) {
            ids[i] = i;
        }
        return ids;
    }

    /** {@code [n, shape[1..]]}. */
    static Shape withBatch(Shape perBatch, int n) {
        int[] dims = perBatch.dims();
        if (dims.length == 0) {
            throw new IllegalArgumentException("expected a batched shape, got " + perBatch);
        }
        dims[0] = n;
        return Shape.of(dims);
    }
}
