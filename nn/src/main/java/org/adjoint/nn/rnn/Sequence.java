package org.adjoint.nn.rnn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.ops.Ops;

/**
 * A sequence as the recurrent layers see it: one node [batch, features] per time step, and an
 * optional mask [batch, time] (1 for a real step, 0 for padding). It is held as a tensor
 * [batch, time, features], as its steps, or both: each form is made from the other once, when
 * first asked for ({@code Ops.unstack} / {@code Ops.stack}, whose gradients are one pass over the
 * sequence), so layers pass sequences to each other without cutting or gluing them more than once.
 *
 * <p>Layout: the user-facing tensors are batch-major, {@code [batch, time, features]} and
 * {@code [batch, time]} masks; the time dimension must be known (the graph is unrolled over it),
 * the batch may be unknown.
 */
public final class Sequence {

    private final Graph graph;
    private final int length;
    private List<Node> steps;          // [batch, features] per step, made lazily from stacked
    private Node stacked;              // [batch, time, features], made lazily from steps
    private final Node mask;           // [batch, time] or null
    private final Node[] stepMasks;    // [batch, 1] per step, made lazily

    private Sequence(Graph graph, int length, List<Node> steps, Node stacked, Node mask) {
        this.graph = graph;
        this.length = length;
        this.steps = steps;
        this.stacked = stacked;
        this.mask = mask;
        this.stepMasks = new Node[length];
    }

    /** The steps of x [batch, time, features], without a mask. */
    public static Sequence of(Node x) {
        return of(x, null);
    }

    /**
     * The sequence x [batch, time, features] with an optional mask [batch, time] of x's dtype.
     *
     * @throws IllegalArgumentException if x is not rank 3 with a known time dimension, or the mask
     *     does not match it (naming both shapes)
     */
    public static Sequence of(Node x, Node mask) {
        if (x == null) {
            throw new IllegalArgumentException("sequence: input is null");
        }
        if (x.shape().rank() != 3) {
            throw new IllegalArgumentException("sequence: input '" + x.name() + "' must be [batch, time, features], got "
                    + x.type());
        }
        int time = x.shape().dim(1);
        if (time == Shape.UNKNOWN || time < 1) {
            throw new IllegalArgumentException("sequence: the time dimension of input '" + x.name()
                    + "' must be known (>= 1) to unroll the graph, got " + x.type() + "; pad to a fixed length and use a mask");
        }
        if (mask != null) {
            checkMask(mask, x, time);
        }
        return new Sequence(x.graph(), time, null, x, mask);
    }

    /** A sequence of given steps (each [batch, features], one dtype) and an optional mask [batch, time]. */
    public static Sequence ofSteps(List<Node> steps, Node mask) {
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("sequence: no steps");
        }
        Node first = steps.get(0);
        for (int t = 0; t < steps.size(); t++) {
            Node s = steps.get(t);
            if (s == null || s.shape().rank() != 2 || s.dtype() != first.dtype()
                    || !s.shape().isCompatibleWith(first.shape()) || s.graph() != first.graph()) {
                throw new IllegalArgumentException("sequence: step " + t + " must be [batch, features] like step 0 "
                        + first.type() + ", got " + (s == null ? "null" : s.type()));
            }
        }
        if (mask != null) {
            checkMask(mask, first, steps.size());
        }
        return new Sequence(first.graph(), steps.size(), List.copyOf(steps), null, mask);
    }

    /** The number of time steps. */
    public int length() {
        return length;
    }

    public Node step(int t) {
        return steps().get(t);
    }

    /** The steps, each [batch, features] (one unstack of the tensor form, made on first use). */
    public List<Node> steps() {
        if (steps == null) {
            steps = Collections.unmodifiableList(Ops.on(graph).unstack(stacked, 1));
        }
        return steps;
    }

    public Graph graph() {
        return graph;
    }

    /** The mask [batch, time], or null. */
    public Node mask() {
        return mask;
    }

    public boolean hasMask() {
        return mask != null;
    }

    /** The mask of step t as a [batch, 1] column (null without a mask). */
    public Node stepMask(int t) {
        if (mask == null) {
            return null;
        }
        Node m = stepMasks[t];
        if (m == null) {
            m = Ops.on(graph).slice(mask, new int[] {0, t}, new int[] {-1, 1});
            stepMasks[t] = m;
        }
        return m;
    }

    /** A node of this sequence without making the other form (to bind a layer to the graph). */
    Node anyNode() {
        return stacked != null ? stacked : steps.get(0);
    }

    /** The dtype of the steps. */
    DType dtype() {
        return stacked != null ? stacked.dtype() : steps.get(0).dtype();
    }

    /** How errors name this sequence: its source tensor with its type, or its step count and step type. */
    String describe() {
        return stacked != null ? "'" + stacked.name() + "' " + stacked.type()
                : "of " + steps.size() + " steps " + steps.get(0).type();
    }

    /** The features per step (the last dimension). */
    public int features() {
        return stacked != null ? stacked.shape().dim(-1) : steps.get(0).shape().dim(-1);
    }

    /** The sequence as one tensor [batch, time, features] (one stack of the steps, made on first use). */
    public Node stacked() {
        if (stacked == null) {
            stacked = Ops.on(graph).stack(steps, 1);
        }
        return stacked;
    }

    /** Other steps (same length), the same mask. */
    Sequence withSteps(List<Node> newSteps) {
        Sequence s = new Sequence(graph, length, Collections.unmodifiableList(new ArrayList<>(newSteps)), null, mask);
        System.arraycopy(stepMasks, 0, s.stepMasks, 0, length);
        return s;
    }

    private static void checkMask(Node mask, Node like, int time) {
        Shape ms = mask.shape();
        Shape expected = Shape.of(like.shape().dim(0), time);
        if (mask.graph() != like.graph() || ms.rank() != 2 || ms.dim(1) != time
                || !ms.isCompatibleWith(expected) || mask.dtype() != like.dtype()) {
            throw new IllegalArgumentException("sequence: mask '" + mask.name() + "' must be " + like.dtype()
                    + "[batch, " + time + "] (1 = step, 0 = padding) for input '" + like.name() + "' " + like.type()
                    + ", got " + mask.type());
        }
    }
}
