package org.adjoint.nn;

import org.adjoint.graph.DType;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;

/**
 * A named model variable: a trainable parameter (a weight or a bias) or non-trainable state
 * (running statistics). The name is the variable node's name, e.g. {@code dense/w},
 * {@code batch_norm/running_mean}; it is unique in the graph and is the key used by optimizers
 * and checkpoints.
 */
public final class Parameter {

    /** What a variable is for: weights are regularized, biases are not, state is not trained. */
    public enum Kind {
        /** Trained and regularized (L2/L1 cost terms, decoupled weight decay): dense and conv kernels, embeddings. */
        WEIGHT,
        /** Trained, not regularized: biases, batch/layer-norm gamma and beta. */
        BIAS,
        /** Not trained: running statistics, updated by the graph in training runs. */
        STATE
    }

    private final Node node;
    private final Kind kind;
    private final String layer;

    /**
     * @param node a variable node
     * @param kind what the variable is for
     * @param layer the owning layer's name, or null for a variable created outside a layer
     */
    public Parameter(Node node, Kind kind, String layer) {
        if (!node.isVariable()) {
            throw new IllegalArgumentException("parameter '" + node.name() + "' must be a variable, got "
                    + node.op().name());
        }
        this.node = node;
        this.kind = kind;
        this.layer = layer;
    }

    /** The variable's unique name, e.g. {@code dense/w}. */
    public String name() {
        return node.name();
    }

    public Node node() {
        return node;
    }

    public Kind kind() {
        return kind;
    }

    /** The owning layer's name, or null. */
    public String layer() {
        return layer;
    }

    /** Whether an optimizer updates it (weights and biases, not state). */
    public boolean trainable() {
        return kind != Kind.STATE;
    }

    /** Whether weight penalties apply (weights only, not biases). */
    public boolean regularized() {
        return kind == Kind.WEIGHT;
    }

    /** The current value (the variable's own tensor, updated in place by optimizers). */
    public Tensor value() {
        return node.value();
    }

    public DType dtype() {
        return node.dtype();
    }

    public Shape shape() {
        return node.shape();
    }

    @Override
    public String toString() {
        return name() + " " + node.type() + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
