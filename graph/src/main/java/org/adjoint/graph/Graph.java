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
    private final List<Update> updates = new ArrayList<>();

    /**
     * A state update: when a training run computes {@code trigger}, {@code variable} takes the
     * value of {@code value} after the run (in place). Running statistics of batch normalization
     * are kept this way.
     */
    public record Update(Node trigger, Node variable, Node value) {
    }

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

    /**
     * The name a node built now with {@code base} would get ({@code base}, or {@code base_1},
     * ...). Composite builders use it to name their final node and scope their inner nodes under
     * the same name ({@code mean_1}, {@code mean_1/sum}).
     */
    public synchronized String freshName(String base) {
        return uniqueName(base);
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

    /**
     * Registers a state update: every {@link RunMode#TRAIN} run (with updates on, the default) that
     * computes {@code trigger} also computes {@code value} and, once the run has finished, copies
     * it into {@code variable}'s tensor in place. Runs in {@link RunMode#EVAL} never update. If a
     * variable has several updates in one run they are applied in registration order.
     *
     * @throws IllegalArgumentException if a node belongs to another graph, {@code variable} is not a
     *     variable, or {@code value}'s type does not match it
     */
    public synchronized Update addUpdate(Node trigger, Node variable, Node value) {
        for (Node n : new Node[] {trigger, variable, value}) {
            if (n == null) {
                throw new IllegalArgumentException("addUpdate: a node is null");
            }
            if (n.graph() != this) {
                throw new IllegalArgumentException("addUpdate: '" + n.name() + "' belongs to a different graph");
            }
        }
        if (!variable.isVariable()) {
            throw new IllegalArgumentException("addUpdate: '" + variable.name() + "' is a " + variable.op().name()
                    + ", only variables can be updated");
        }
        if (value.dtype() != variable.dtype() || !variable.shape().isCompatibleWith(value.shape())) {
            throw new IllegalArgumentException("addUpdate: value '" + value.name() + "' is " + value.type()
                    + ", variable '" + variable.name() + "' is " + variable.type());
        }
        Update u = new Update(trigger, variable, value);
        updates.add(u);
        return u;
    }

    /** The number of registered state updates. */
    public synchronized int updateCount() {
        return updates.size();
    }

    /** The registered state updates, in registration order. */
    public synchronized List<Update> updates() {
        return List.copyOf(updates);
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
