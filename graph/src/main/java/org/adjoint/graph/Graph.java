package org.adjoint.graph;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A symbolic computation graph: an append-only list of {@link Node}s. Building a node infers its
 * type at once, so a shape or dtype mismatch throws where the user wrote it. Gradients are
 * appended to the same graph by the autodiff module.
 *
 * <p>Building is synchronized; a graph may be extended while plans compiled from it run.
 */
public final class Graph {

    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Node> byName = new HashMap<>();
    private final Object2IntOpenHashMap<String> nameCounters = new Object2IntOpenHashMap<>();

    /**
     * Appends {@code op} applied to {@code inputs}.
     *
     * @param name the node's name, or {@code null} for one derived from the op; a name already
     *     taken gets a numeric suffix ({@code w}, {@code w_1}, ...)
     * @throws ShapeException from the op's type rule
     * @throws IllegalArgumentException if an input belongs to another graph or the input count is wrong
     */
    public synchronized Node apply(Op op, String name, Node... inputs) {
        String nodeName = uniqueName(name == null || name.isEmpty() ? op.name() : name);
        OpContext ctx = new OpContext(op.name(), nodeName);
        if (op.arity() >= 0 && inputs.length != op.arity()) {
            throw ctx.error("expects " + op.arity() + " input(s), got " + inputs.length);
        }
        TensorType[] types = new TensorType[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Node in = inputs[i];
            if (in == null) {
                throw ctx.error("input " + i + " is null");
            }
            if (in.graph() != this) {
                throw ctx.error("input " + i + " ('" + in.name() + "') belongs to a different graph");
            }
            types[i] = in.type();
        }
        TensorType type = op.infer(types, ctx);
        Node node = new Node(this, nodes.size(), nodeName, op, inputs.clone(), type);
        nodes.add(node);
        byName.put(nodeName, node);
        return node;
    }

    private String uniqueName(String base) {
        if (!byName.containsKey(base)) {
            return base;
        }
        int k = nameCounters.getInt(base);
        String candidate;
        do {
            k++;
            candidate = base + "_" + k;
        } while (byName.containsKey(candidate));
        nameCounters.put(base, k);
        return candidate;
    }

    /** A value fed at run time; use {@link Shape#UNKNOWN} (-1) for dimensions such as the batch. */
    public Node placeholder(String name, DType dtype, Shape shape) {
        return apply(new Placeholder(new TensorType(dtype, shape)), name);
    }

    /** Trainable state initialized to {@code initial} (not copied). */
    public Node variable(String name, Tensor initial) {
        return apply(new Variable(initial), name);
    }

    /** Trainable state of the given type, initialized by {@code init}. */
    public Node variable(String name, DType dtype, Shape shape, Init init) {
        if (!shape.isKnown()) {
            throw new ShapeException("variable '" + name + "': shape must be fully known, got " + shape);
        }
        return variable(name, init.create(dtype, shape));
    }

    /** A fixed tensor (not copied). */
    public Node constant(String name, Tensor value) {
        return apply(new Constant(value), name);
    }

    /** All nodes in creation (topological) order. */
    public synchronized List<Node> nodes() {
        return Collections.unmodifiableList(new ArrayList<>(nodes));
    }

    /** Number of nodes. */
    public synchronized int size() {
        return nodes.size();
    }

    /** The node with this name. */
    public synchronized Node node(String name) {
        Node n = byName.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no node named '" + name + "' in this graph");
        }
        return n;
    }

    /** All variable nodes, in creation order. */
    public synchronized List<Node> variables() {
        List<Node> out = new ArrayList<>();
        for (Node n : nodes) {
            if (n.isVariable()) {
                out.add(n);
            }
        }
        return out;
    }
}
