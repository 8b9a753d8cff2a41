package org.adjoint.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Node;
import org.adjoint.graph.Outputs;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Evaluation-mode work on one partition, in batches over its examples in index order: the loss
 * sum and the predictions (evaluate), the model output (predict), or a check of the labels
 * against the loss (before training).
 */
final class EvalTask implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String trainerId;
    private final TrainerFactory factory;
    private final ModelSpec spec;
    private final Broadcast<Weights> weights;
    private final int batchSize;
    private final boolean withPredictions;

    EvalTask(String trainerId, TrainerFactory factory, ModelSpec spec, Broadcast<Weights> weights, int batchSize,
            boolean withPredictions) {
        this.trainerId = trainerId;
        this.factory = factory;
        this.spec = spec;
        this.weights = weights;
        this.batchSize = batchSize;
        this.withPredictions = withPredictions;
    }

    /** One partition's evaluation: loss sum, examples and (for metrics) predictions and labels. */
    static final class Part implements Serializable {
        // NOTE: a class, not a record: Kryo (an application's spark.serializer) cannot set a record's fields.
        private static final long serialVersionUID = 1L;
        private final int partition;
        private final long examples;
        private final double lossSum;
        private final Values predictions;
        private final int[] classes;
        private final Values targets;

        Part(int partition, long examples, double lossSum, Values predictions, int[] classes, Values targets) {
            this.partition = partition;
            this.examples = examples;
            this.lossSum = lossSum;
            this.predictions = predictions;
            this.classes = classes;
            this.targets = targets;
        }

        int partition() {
            return partition;
        }

        long examples() {
            return examples;
        }

        double lossSum() {
            return lossSum;
        }

        Values predictions() {
            return predictions;
        }

        int[] classes() {
            return classes;
        }

        Values targets() {
            return targets;
        }
    }

    /** One partition's model outputs, [rows * width] in index order. */
    static final class Output implements Serializable {
        // NOTE: a class, not a record: Kryo (an application's spark.serializer) cannot set a record's fields.
        private static final long serialVersionUID = 1L;
        private final int partition;
        private final int rows;
        private final Values values;

        Output(int partition, int rows, Values values) {
            this.partition = partition;
            this.rows = rows;
            this.values = values;
        }

        int partition() {
            return partition;
        }

        int rows() {
            return rows;
        }

        Values values() {
            return values;
        }
    }

    private Replica borrow() {
        Replica r = ReplicaPool.borrow(trainerId, factory, spec);
        if (weights != null) {
            r.load(weights.value());
        }
        return r;
    }

    Iterator<Part> evaluate(int partition, Iterator<Block> blocks) {
        Block block = blocks.next();
        Replica r = borrow();
        boolean ok = false;
        try {
            TensorType labelsType = r.labels.type();
            Tensor y = block.rows == 0 ? null : block.labels(0, block.rows, labelsType);
            double lossSum = 0;
            Values predictions = null;
            List<Node> fetch = withPredictions ? List.of(r.dataLoss, r.predictions) : List.of(r.dataLoss);
            int width = -1;
            for (int from = 0; from < block.rows; from += batchSize) {
                int to = Math.min(block.rows, from + batchSize);
                Tensor x = block.features(from, to, r.input.shape());
                Tensor yb = block.labels(from, to, labelsType);
                Outputs out = r.session.run(RunOptions.EVAL, Feeds.of(r.input, x, r.labels, yb), fetch);
                lossSum += out.get(0).getDouble(0) * (to - from);
                if (withPredictions) {
                    Tensor p = out.get(1);
                    if (predictions == null) {
                        width = p.size() / (to - from);
                        predictions = Values.zeros(p.dtype(), block.rows * width);
                    }
                    Values pv = Values.wrap(p);
                    for (int i = 0; i < p.size(); i++) {
                        predictions.set(from * width + i, pv.get(i));
                    }
                }
            }
            Part part = y == null ? new Part(partition, 0, 0, null, null, null)
                    : y.dtype().isFloating() ? new Part(partition, block.rows, lossSum, predictions, null, Values.wrap(y))
                    : new Part(partition, block.rows, lossSum, predictions, y.ints(), null);
            ok = true;
            return List.of(part).iterator();
        } finally {
            if (ok) {
                ReplicaPool.giveBack(trainerId, r);
            }
        }
    }

    Iterator<Output> predict(int partition, Iterator<Block> blocks) {
        Block block = blocks.next();
        Replica r = borrow();
        boolean ok = false;
        try {
            Node output = r.model.output();
            Values values = null;
            int width = 0;
            for (int from = 0; from < block.rows; from += batchSize) {
                int to = Math.min(block.rows, from + batchSize);
                Tensor x = block.features(from, to, r.input.shape());
                Tensor out = r.session.eval(RunOptions.EVAL, Feeds.of(r.input, x), output);
                if (values == null) {
                    width = out.size() / (to - from);
                    values = Values.zeros(out.dtype(), block.rows * width);
                }
                Values ov = Values.wrap(out);
                for (int i = 0; i < out.size(); i++) {
                    values.set(from * width + i, ov.get(i));
                }
            }
            ok = true;
            return List.of(new Output(partition, block.rows, values)).iterator();
        } finally {
            if (ok) {
                ReplicaPool.giveBack(trainerId, r);
            }
        }
    }

    /** The model outputs of one partition as (global index, row) pairs. */
    static Iterator<Tuple2<Long, double[]>> rows(Output o, long offset) {
        List<Tuple2<Long, double[]>> out = new ArrayList<>(o.rows());
        if (o.values() == null) {
            return out.iterator();
        }
        int width = o.values().length() / o.rows();
        for (int r = 0; r < o.rows(); r++) {
            double[] row = new double[width];
            for (int j = 0; j < width; j++) {
                row[j] = o.values().get(r * width + j);
            }
            out.add(new Tuple2<>(offset + r, row));
        }
        return out.iterator();
    }

    /** The labels of one partition checked by the loss; the error message, or none. */
    Iterator<String> checkLabels(int partition, long offset, Iterator<Block> blocks) {
        Block block = blocks.next();
        if (block.rows == 0) {
            return List.<String>of().iterator();
        }
        Replica r = borrow();
        try {
            Tensor y = block.labels(0, block.rows, r.labels.type());
            r.trainer.lossFunction().checkLabels(y, r.model.output().type());
            return List.<String>of().iterator();
        } catch (IllegalArgumentException e) {
            return List.of("examples " + offset + ".." + (offset + block.rows - 1) + " (partition " + partition
                    + "; rows counted from the partition's first example): " + e.getMessage()).iterator();
        } finally {
            ReplicaPool.giveBack(trainerId, r);
        }
    }
}
