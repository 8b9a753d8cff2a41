package org.adjoint.nn.losses;

import org.adjoint.graph.DType;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.Ops;

/**
 * The standard losses, each the mean over the batch:
 * <ul>
 *   <li>{@link #binaryCrossEntropy()}: from probabilities p (a sigmoid output),
 *       {@code -mean(y log p + (1-y) log(1-p))}, p clipped to [1e-7, 1 - 1e-7];</li>
 *   <li>{@link #binaryCrossEntropyWithLogits()}: the same from logits z, computed stably;</li>
 *   <li>{@link #softmaxCrossEntropy()}: logits [batch, C] against I32 class indices [batch];</li>
 *   <li>{@link #softmaxCrossEntropyDense()}: logits [batch, C] against one-hot or probability rows;</li>
 *   <li>{@link #meanSquaredError()}: {@code mean((out - y)^2)} over all elements.</li>
 * </ul>
 */
public final class Losses {

    private Losses() {
    }

    /** Binary cross-entropy from probabilities (the model ends in a sigmoid). */
    public static Loss binaryCrossEntropy() {
        return new Binary(false);
    }

    /** Binary cross-entropy from logits (the model ends in a linear layer); numerically stable. */
    public static Loss binaryCrossEntropyWithLogits() {
        return new Binary(true);
    }

    /** Softmax cross-entropy of logits against integer class labels. */
    public static Loss softmaxCrossEntropy() {
        return new SparseSoftmax();
    }

    /** Softmax cross-entropy of logits against one-hot or probability labels. */
    public static Loss softmaxCrossEntropyDense() {
        return new DenseSoftmax();
    }

    /** Mean squared error over all elements. */
    public static Loss meanSquaredError() {
        return new Mse();
    }

    private static final class Binary implements Loss {
        private static final double CLIP = 1e-7;
        private final boolean logits;

        Binary(boolean logits) {
            this.logits = logits;
        }

        @Override
        public String name() {
            return logits ? "binary_cross_entropy_with_logits" : "binary_cross_entropy";
        }

        @Override
        public TensorType labelType(Node output) {
            return output.type();
        }

        @Override
        public Node build(Ops o, Node output, Node labels) {
            requireSameShape(name(), output, labels);
            if (logits) {
                return o.named("loss").mean(o.sigmoidCrossEntropyWithLogits(output, labels));
            }
            Node p = o.clamp(output, CLIP, 1 - CLIP);
            Node ll = o.add(o.mul(labels, o.log(p)), o.mul(o.rsub(1, labels), o.log(o.rsub(1, p))));
            return o.named("loss").neg(o.mean(ll));
        }

        @Override
        public Node predictions(Ops o, Node output) {
            return logits ? o.sigmoid(output) : output;
        }

        @Override
        public void checkLabels(Tensor labels, TensorType outputType) {
            checkShape(name(), labels, outputType);
            for (int i = 0; i < labels.size(); i++) {
                double v = labels.getDouble(i);
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException(name() + ": labels must be in [0, 1], got " + v + " at element "
                            + i);
                }
            }
        }
    }

    private static final class SparseSoftmax implements Loss {
        @Override
        public String name() {
            return "softmax_cross_entropy";
        }

        @Override
        public TensorType labelType(Node output) {
            int[] dims = output.shape().dims();
            return new TensorType(DType.I32, Shape.of(java.util.Arrays.copyOf(dims, dims.length - 1)));
        }

        @Override
        public Node build(Ops o, Node output, Node labels) {
            return o.named("loss").mean(o.sparseSoftmaxCrossEntropy(output, labels));
        }

        @Override
        public Node predictions(Ops o, Node output) {
            return o.softmax(output);
        }

        @Override
        public void checkLabels(Tensor labels, TensorType outputType) {
            if (labels.dtype() != DType.I32) {
                throw new IllegalArgumentException(name() + ": labels must be i32 class indices, got " + labels.type()
                        + " (use softmaxCrossEntropyDense for one-hot or probability labels)");
            }
            int classes = outputType.shape().dim(-1);
            int[] y = labels.ints();
            for (int i = 0; i < y.length; i++) {
                if (y[i] < 0 || (classes > 0 && y[i] >= classes)) {
                    throw new IllegalArgumentException(name() + ": label " + y[i] + " at row " + i
                            + " is out of range [0, " + classes + ")");
                }
            }
        }
    }

    private static final class DenseSoftmax implements Loss {
        @Override
        public String name() {
            return "softmax_cross_entropy_dense";
        }

        @Override
        public TensorType labelType(Node output) {
            return output.type();
        }

        @Override
        public Node build(Ops o, Node output, Node labels) {
            return o.named("loss").mean(o.softmaxCrossEntropy(output, labels));
        }

        @Override
        public Node predictions(Ops o, Node output) {
            return o.softmax(output);
        }

        @Override
        public void checkLabels(Tensor labels, TensorType outputType) {
            checkShape(name(), labels, outputType);
            for (int i = 0; i < labels.size(); i++) {
                double v = labels.getDouble(i);
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException(name() + ": label probabilities must be in [0, 1], got " + v
                            + " at element " + i);
                }
            }
        }
    }

    private static final class Mse implements Loss {
        @Override
        public String name() {
            return "mean_squared_error";
        }

        @Override
        public TensorType labelType(Node output) {
            return output.type();
        }

        @Override
        public Node build(Ops o, Node output, Node labels) {
            requireSameShape(name(), output, labels);
            return o.named("loss").meanSquaredError(output, labels);
        }

        @Override
        public Node predictions(Ops o, Node output) {
            return output;
        }

        @Override
        public void checkLabels(Tensor labels, TensorType outputType) {
            checkShape(name(), labels, outputType);
        }
    }

    private static void requireSameShape(String loss, Node output, Node labels) {
        if (!output.shape().isCompatibleWith(labels.shape()) || output.dtype() != labels.dtype()) {
            throw new IllegalArgumentException(loss + ": labels '" + labels.name() + "' " + labels.type()
                    + " must have the output's type " + output.type());
        }
    }

    private static void checkShape(String loss, Tensor labels, TensorType outputType) {
        if (labels.dtype() != outputType.dtype() || !outputType.shape().isCompatibleWith(labels.shape())) {
            throw new IllegalArgumentException(loss + ": labels are " + labels.type() + ", the model output is "
                    + outputType + " (labels must match it)");
        }
    }
}
