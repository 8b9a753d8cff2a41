package org.adjoint.nn.rnn;

import java.util.Arrays;
import org.adjoint.graph.DType;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.nn.losses.Loss;
import org.adjoint.ops.Ops;

/**
 * Losses over every step of a sequence, averaged over the real steps only: with a mask m
 * [batch, time] (1 = step, 0 = padding), {@code loss = Σ m·ℓ / max(Σ m, 1)}, so padded steps
 * change neither the loss nor the gradient. The mask is a model input (a placeholder); a
 * {@code Trainer} feeds it from the data set column of the same name.
 *
 * <pre>{@code
 * Node mask = g.placeholder("mask", DType.F32, Shape.of(-1, T));
 * Node logits = new Dense(tags).call(new Bidirectional(...).call(embedded, mask));   // [batch, T, tags]
 * Trainer t = Trainer.builder(Model.of(List.of(tokens, mask), List.of(logits)))
 *         .loss(SequenceLosses.softmaxCrossEntropy(mask)).optimizer(new Adam(1e-2)).build();
 * }</pre>
 */
public final class SequenceLosses {

    private SequenceLosses() {
    }

    /**
     * Softmax cross-entropy of logits [batch, time, C] against I32 labels [batch, time], averaged
     * over the steps where {@code mask} is 1 ({@code mask} null: every step). Labels at padded steps
     * must still be valid class indices (use 0).
     */
    public static Loss softmaxCrossEntropy(Node mask) {
        return new SparseSequence(mask);
    }

    /**
     * Binary cross-entropy of logits [batch, time] against targets [batch, time] in [0, 1], stable,
     * averaged over the steps where {@code mask} is 1 (null: every step).
     */
    public static Loss binaryCrossEntropyWithLogits(Node mask) {
        return new BinarySequence(mask);
    }

    /** {@code Σ m·ℓ / max(Σ m, 1)} over flattened per-step losses ℓ. */
    private static Node maskedMean(Ops o, Node perStep, Node mask) {
        if (mask == null) {
            return o.named("loss").mean(perStep);
        }
        Node m = o.reshape(mask, -1);
        return o.named("loss").div(o.sum(o.mul(perStep, m)), o.maximum(o.sum(m), 1.0));
    }

    private static void checkMask(String loss, Node mask, Node output, int rank) {
        if (mask == null) {
            return;
        }
        Shape os = output.shape();
        Shape expected = Shape.of(os.dim(0), os.dim(1));
        if (os.rank() != rank || mask.shape().rank() != 2 || !mask.shape().isCompatibleWith(expected)
                || mask.dtype() != output.dtype()) {
            throw new IllegalArgumentException(loss + ": mask '" + mask.name() + "' must be " + output.dtype()
                    + expected + " for output '" + output.name() + "' " + output.type() + ", got " + mask.type());
        }
    }

    private static final class SparseSequence implements Loss {
        private final Node mask;

        SparseSequence(Node mask) {
            this.mask = mask;
        }

        @Override
        public String name() {
            return "sequence_softmax_cross_entropy";
        }

        @Override
        public TensorType labelType(Node output) {
            requireRank3(output);
            int[] dims = output.shape().dims();
            return new TensorType(DType.I32, Shape.of(Arrays.copyOf(dims, dims.length - 1)));
        }

        private void requireRank3(Node output) {
            if (output.shape().rank() != 3 || output.shape().dim(2) == Shape.UNKNOWN) {
                throw new IllegalArgumentException(name() + ": output '" + output.name()
                        + "' must be logits [batch, time, classes] with known classes, got " + output.type());
            }
        }

        @Override
        public Node build(Ops o, Node output, Node labels) {
            requireRank3(output);
            checkMask(name(), mask, output, 3);
            int classes = output.shape().dim(2);
            Node ce = o.sparseSoftmaxCrossEntropy(o.reshape(output, -1, classes), o.reshape(labels, -1));
            return maskedMean(o, ce, mask);
        }

        @Override
        public Node predictions(Ops o, Node output) {
            return o.softmax(output);
        }

        @Override
        public void checkLabels(Tensor labels, TensorType outputType) {
            if (labels.dtype() != DType.I32) {
                throw new IllegalArgumentException(name() + ": labels must be i32 class indices [batch, time], got "
                        + labels.type());
            }
            int classes = outputType.shape().dim(-1);
            int[] y = labels.ints();
            for (int i = 0; i < y.length; i++) {
                if (y[i] < 0 || y[i] >= classes) {
                    int time = labels.shape().rank() == 2 ? labels.shape().dim(1) : 1;
                    throw new IllegalArgumentException(name() + ": label " + y[i] + " at example " + i / time + ", step "
                            + i % time + " is out of range [0, " + classes + ") (use 0 at padded steps)");
                }
            }
        }
    }

    private static final class BinarySequence implements Loss {
        private final Node mask;

        BinarySequence(Node mask) {
            this.mask = mask;
        }

        @Override
        public String name() {
            return "sequence_binary_cross_entropy_with_logits";
        }

        @Override
        public TensorType labelType(Node output) {
            return output.type();
        }

        @Override
        public Node build(Ops o, Node output, Node labels) {
            if (output.shape().rank() != 2) {
                throw new IllegalArgumentException(name() + ": output '" + output.name()
                        + "' must be logits [batch, time], got " + output.type());
            }
            checkMask(name(), mask, output, 2);
            Node ce = o.sigmoidCrossEntropyWithLogits(o.reshape(output, -1), o.reshape(labels, -1));
            return maskedMean(o, ce, mask);
        }

        @Override
        public Node predictions(Ops o, Node output) {
            return o.sigmoid(output);
        }

        @Override
        public void checkLabels(Tensor labels, TensorType outputType) {
            if (labels.dtype() != outputType.dtype() || !outputType.shape().isCompatibleWith(labels.shape())) {
                throw new IllegalArgumentException(name() + ": labels are " + labels.type() + ", the model output is "
                        + outputType);
            }
            for (int i = 0; i < labels.size(); i++) {
                double v = labels.getDouble(i);
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException(name() + ": labels must be in [0, 1], got " + v + " at element " + i);
                }
            }
        }
    }
}
