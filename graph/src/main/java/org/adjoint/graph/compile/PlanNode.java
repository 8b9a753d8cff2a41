package org.adjoint.graph.compile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;

/**
 * A node of the graph a plan compiles: an op applied to plan nodes, with the concrete type the
 * fed shapes give it. Plan nodes start as copies of the user's nodes (the user's graph is never
 * changed) and are then rewritten: a rule replaces a node by another one (an input, a constant,
 * a new node with a fused op). Every plan node keeps the user's node it stands for
 * ({@link #origin}), so names in errors, plan listings and pictures stay the user's.
 */
public final class PlanNode {

    /** Where a node's value comes from. */
    public enum Kind {
        /** A placeholder's fed tensor. */
        FEED,
        /** A variable's current tensor. */
        VARIABLE,
        /** A fixed tensor: a graph constant or a value folded when the plan was compiled. */
        CONSTANT,
        /** Computed by its op's kernel on every run. */
        COMPUTE
    }

    private final int id;
    private final Kind kind;
    private final Op op;
    private final PlanNode[] inputs;
    private final TensorType type;
    private final Node origin;
    private final Tensor value;
    private final String rule;
    private final List<Node> covers;
    PlanNode replacement;

    PlanNode(int id, Kind kind, Op op, PlanNode[] inputs, TensorType type, Node origin, Tensor value, String rule,
            List<Node> covers) {
        this.id = id;
        this.kind = kind;
        this.op = op;
        this.inputs = inputs;
        this.type = type;
        this.origin = origin;
        this.value = value;
        this.rule = rule;
        this.covers = covers;
    }

    /** Unique within the plan; increases in creation order. */
    public int id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the value is not computed by a kernel (feed, variable or constant). */
    public boolean isLeaf() {
        return kind != Kind.COMPUTE;
    }

    public boolean isConstant() {
        return kind == Kind.CONSTANT;
    }

    /** The op (for a leaf: the user's leaf op, or null for a folded constant). */
    public Op op() {
        return op;
    }

    public int inputCount() {
        return inputs.length;
    }

    public PlanNode input(int i) {
        return inputs[i];
    }

    public List<PlanNode> inputs() {
        return Collections.unmodifiableList(Arrays.asList(inputs));
    }

    void setInput(int i, PlanNode n) {
        inputs[i] = n;
    }

    /** The concrete type (every dimension known). */
    public TensorType type() {
        return type;
    }

    public Shape shape() {
        return type.shape();
    }

    public DType dtype() {
        return type.dtype();
    }

    /** The user's node this node computes or stands for (for a fused node: the group's last node). */
    public Node origin() {
        return origin;
    }

    /** The name errors and listings use: the origin's name. */
    public String name() {
        return origin.name();
    }

    /** The op's name as errors show it. */
    public String opName() {
        return op != null ? op.name() : "constant";
    }

    /**
     * The value of a constant (a folded value, or the user's constant tensor).
     *
     * @throws IllegalStateException if this node is not a constant
     */
    public Tensor value() {
        if (kind != Kind.CONSTANT) {
            throw new IllegalStateException("plan node '" + name() + "' (" + opName() + ") is not a constant");
        }
        return value != null ? value : origin.value();
    }

    /** The rule that created this node, or null for a copy of a user's node. */
    public String rule() {
        return rule;
    }

    /**
     * The user's nodes whose computation this node performs: the origin alone for a copied node,
     * every member of a fused group (in evaluation order) for a fused one.
     */
    public List<Node> covers() {
        return covers;
    }

    /** The node that replaced this one, or null while it is current. */
    PlanNode replacement() {
        return replacement;
    }

    static List<Node> union(List<PlanNode> nodes) {
        List<Node> out = new ArrayList<>();
        for (PlanNode n : nodes) {
            for (Node c : n.covers) {
                if (!out.contains(c)) {
                    out.add(c);
                }
            }
        }
        out.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return Collections.unmodifiableList(out);
    }

    @Override
    public String toString() {
        return opName() + " '" + name() + "' " + type + (rule != null ? " <" + rule + ">" : "");
    }
}
