package org.adjoint.nn.losses;

import org.adjoint.graph.Node;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.Ops;

/**
 * A loss: the mean over the batch of a per-example cost of the model's output against labels.
 * It also says what labels it takes and how to turn the output into predictions for metrics.
 * Implementations: {@link Losses}.
 */
public interface Loss {

    /** A short name, e.g. {@code softmax_cross_entropy}. */
    String name();

    /** The labels' type for a model output: I32 [batch] class indices, or the output's own type. */
    TensorType labelType(Node output);

    /** The scalar loss: the mean over the batch. */
    Node build(Ops o, Node output, Node labels);

    /** What metrics compare with the labels: probabilities for classification losses, the output for regression. */
    Node predictions(Ops o, Node output);

    /**
     * Checks label values before training (class indices in range, binary targets in [0, 1]).
     *
     * @param outputType the model output's type with its known dimensions
     * @throws IllegalArgumentException naming the first bad label, its row and the allowed range
     */
    void checkLabels(Tensor labels, TensorType outputType);
}
