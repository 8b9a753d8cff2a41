package org.adjoint.graph;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A node of a {@link Graph}: an op applied to input nodes, with its static type inferred when it
 * was built. Nodes are immutable; ids increase in creation order, so every input has a smaller id
 * than its consumer.
 */
public final class Node {

    private final Graph graph;
    private final int id;
    private final String name;
    private final Op op;
    private final Node[] inputs;
    private final TensorType type;

    Node(Graph graph, int id, String name, Op op, Node[] inputs, TensorType type) {
        this.graph = graph;
        this.id = id;
        this.name = name;
        this.op = op;
        this.inputs = inputs;
        this.type = type;
    }

    public Graph graph() {
        return graph;
    }

    public int id() {
        return id;
    }

    /** Unique within the graph. */
    public String name() {
        return name;
    }

    public Op op() {
        return op;
    }

    public List<Node> inputs() {
        return Collections.unmodifiableList(Arrays.asList(inputs));
    }

    public Node input(int i) {
        return inputs[i];
    }

    public int inputCount() {
        return inputs.length;
    }

    public TensorType type() {
        return type;
    }

    public DType dtype() {
        return type.dtype();
    }

    /** The static shape; may contain {@link Shape#UNKNOWN} dimensions. */
    public Shape shape() {
        return type.shape();
    }

    /** Whether this node is a placeholder, variable or constant. */
    public boolean isLeaf() {
        return op instanceof Leaf;
    }

    public boolean isPlaceholder() {
        return op instanceof Placeholder;
    }

    public boolean isVariable() {
        return op instanceof Variable;
    }

    /** The current value of a variable or constant node. */
    public Tensor value() {
        if (op instanceof Variable) {
            return ((Variable) op).value();
        }
        if (op instanceof Constant) {
            return ((Constant) op).value();
        }
        throw new IllegalStateException("node '" + name + "' (" + op.name() + ") is not a variable or constant");
    }

    /** Replaces a variable's value with a tensor of the same type (not copied). */
    public void assign(Tensor value) {
        if (!(op instanceof Variable)) {
            throw new IllegalStateException("node '" + name + "' (" + op.name() + ") is not a variable");
        }
        ((Variable) op).assign(name, value);
    }

    @Override
    public String toString() {
        return op.name() + " '" + name + "' " + type;
    }
}
