package org.adjoint.nn.optim;

import java.util.List;
import org.adjoint.autodiff.Autodiff;
import org.adjoint.graph.Node;
import org.adjoint.nn.Parameters;

/**
 * The gradient nodes of a scalar loss for the trainable parameters, derived once (appended to the
 * graph). Run them to get gradients keyed by name: what a data-parallel executor computes for its
 * partition before the driver calls {@link Optimizer#apply(Parameters, java.util.Map)}.
 */
public final class Gradients {

    private final Node loss;
    private final Parameters parameters;
    private final List<Node> nodes;

    private Gradients(Node loss, Parameters parameters, List<Node> nodes) {
        this.loss = loss;
        this.parameters = parameters;
        this.nodes = List.copyOf(nodes);
    }

    /**
     * The gradients of {@code loss} for the trainable ones of {@code params}.
     *
     * @throws IllegalArgumentException if there are none, or if {@code loss} is not a floating scalar
     */
    public static Gradients of(Node loss, Parameters params) {
        Parameters trainable = params.trainable();
        if (trainable.isEmpty()) {
            throw new IllegalArgumentException("gradients of '" + loss.name() + "': no trainable parameters");
        }
        if (loss.shape().rank() != 0 && loss.shape().size() != 1) {
            throw new IllegalArgumentException("gradients of '" + loss.name() + "': the loss must be a scalar, got "
                    + loss.type());
        }
        return new Gradients(loss, trainable, Autodiff.gradients(loss, trainable.nodes()));
    }

    public Node loss() {
        return loss;
    }

    /** The trainable parameters, in the order of {@link #nodes()}. */
    public Parameters parameters() {
        return parameters;
    }

    /** The gradient nodes, one per parameter, in order. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The gradient node of the named parameter. */
    public Node of(String parameterName) {
        for (int i = 0; i < nodes.size(); i++) {
            if (parameters.get(i).name().equals(parameterName)) {
                return nodes.get(i);
            }
        }
        throw new IllegalArgumentException("no gradient for '" + parameterName + "'; parameters: " + parameters.names());
    }
}
