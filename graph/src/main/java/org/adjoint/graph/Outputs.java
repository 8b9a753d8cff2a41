package org.adjoint.graph;

import java.util.List;

/** The results of one run, in the order requested. The tensors are the caller's to keep. */
public final class Outputs {

    private final List<Node> nodes;
    private final Tensor[] values;

    Outputs(List<Node> nodes, Tensor[] values) {
        this.nodes = nodes;
        this.values = values;
    }

    /** The value of the {@code i}-th requested node. */
    public Tensor get(int i) {
        return values[i];
    }

    /** The value of a requested node. */
    public Tensor get(Node node) {
        for (int i = 0; i < values.length; i++) {
            if (nodes.get(i) == node) {
                return values[i];
            }
        }
        throw new IllegalArgumentException("node '" + node.name() + "' was not requested in this run");
    }

    /** The single value of a requested one-element node. */
    public double scalar(Node node) {
        return get(node).item();
    }

    public int size() {
        return values.length;
    }
}
