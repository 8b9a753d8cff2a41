package org.adjoint.nn.losses;

import org.adjoint.graph.Node;
import org.adjoint.nn.Parameters;
import org.adjoint.ops.Ops;

/** A cost term added to the loss, computed from the model's regularized weights (not biases). */
@FunctionalInterface
public interface Regularizer {

    /**
     * The penalty as a scalar node.
     *
     * @param weights the parameters to penalize (the trainer passes the regularized ones)
     * @param batchSize the run's batch size m as a scalar node of the loss's dtype
     */
    Node penalty(Ops o, Parameters weights, Node batchSize);
}
