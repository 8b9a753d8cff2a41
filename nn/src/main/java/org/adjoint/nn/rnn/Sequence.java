package org.adjoint.nn.rnn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.ops.Ops;

/**
 * A sequence as the recurrent layers see it: one node [batch, features] per time step, and an
 * optional mask [batch, time] (1 for a real step, 0 for padding). Layers pass sequences to each
 * other step by step, so a stack of recurrent layers never cuts a [batch, time, features] tensor
 * apart again.
 *
 * <p>Layout: the user-facing tensors are batch-major, {@code [batch, time, features]} and
 * {@code [batch, time]} masks; the time dimension must be known (the graph is unrolled over it),
 * the batch may be unknown.
 *
 * <p>NOTE: every per-step read of a computed tensor (a slice) has a gradient as large as the whole
 * tensor, which autodiff then sums over the steps: O(T²) work for T steps. {@link #of(Node)}
 * therefore cuts a tensor that depends on variables (an embedding, another layer's output) by
 * halving the time range recursively (O(T log T) for the gradient) and cuts a tensor that needs no
 * gradient (a placeholder) directly.
 */
public final class Sequence {

    private final List<Node> steps;
    private final Node mask;           // [batch, time] or null
    private final Node[] stepMasks;    // [batch, 1] per step, built lazily
    private Node stacked;              // [batch, time, features], if known

    private Sequence(List<Node> steps, Node mask, Node stacked) {
        this.steps = steps;
        this.mask = mask;
        this.stepMasks = new Node[steps.size()];
        this.stacked = stacked;
    }

    /** The steps of x [batch, time, features], without a mask. */
    public static Sequence of(Node x) {
        return of(x, null);
    }

    /**
     * The steps of x [batch, time, features] with an optional mask [batch, time] of x's dtype.
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
        checkMask(mask, x);
        List<Node> steps = needsGradient(x) ? splitTree(x, time) : splitDirect(x, time);
        return new Sequence(Collections.unmodifiableList(steps), mask, x);
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
        return new Sequence(List.copyOf(steps), mask, null);
    }

    /** The number of time steps. */
    public int length() {
        return steps.size();
    }

    public Node step(int t) {
        return steps.get(t);
    }

    public List<Node> steps() {
        return steps;
    }

    public Graph graph() {
        return steps.get(0).graph();
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
            m = Ops.on(graph()).slice(mask, new int[] {0, t}, new int[] {-1, 1});
            stepMasks[t] = m;
        }
        return m;
    }

    /** How errors name this sequence: its source tensor with its type, or its step count and step type. */
    String describe() {
        return stacked != null ? "'" + stacked.name() + "' " + stacked.type()
                : "of " + steps.size() + " steps " + steps.get(0).type();
    }

    /** The features per step (the last dimension). */
    public int features() {
        return steps.get(0).shape().dim(-1);
    }

    /**
     * The steps as one tensor [batch, time, features]: a concatenation along a time-major axis,
     * then one transpose (its gradient cuts the parts apart again in one pass each).
     */
    public Node stacked() {
        if (stacked == null) {
            Ops o = Ops.on(graph());
            Node timeMajor = o.concat(steps, 0);                                       // [time·batch, F]
            Node tbf = o.reshape(timeMajor, steps.size(), -1, features());            // [time, batch, F]
            stacked = o.transpose(tbf, 1, 0, 2);                                        // [batch, time, F]
        }
        return stacked;
    }

    /** The same steps with the same mask; used by layers that transform each step. */
    Sequence withSteps(List<Node> newSteps) {
        Sequence s = new Sequence(Collections.unmodifiableList(new ArrayList<>(newSteps)), mask, null);
        System.arraycopy(stepMasks, 0, s.stepMasks, 0, stepMasks.length);
        return s;
    }

    // ---- cutting a tensor into steps ------------------------------------------------------------

    private static void checkMask(Node mask, Node x) {
        if (mask != null) {
            checkMask(mask, x, x.shape().dim(1));
        }
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

    /** Whether a gradient can flow into x: it depends on some variable. */
    private static boolean needsGradient(Node x) {
        BitSet seen = new BitSet();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        stack.push(x);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (seen.get(n.id())) {
                continue;
            }
            seen.set(n.id());
            if (n.isVariable()) {
                return true;
            }
            for (Node in : n.inputs()) {
                stack.push(in);
            }
        }
        return false;
    }

    private static List<Node> splitDirect(Node x, int time) {
        Ops o = Ops.on(x.graph());
        int f = x.shape().dim(2);
        List<Node> out = new ArrayList<>(time);
        for (int t = 0; t < time; t++) {
            out.add(o.reshape(o.slice(x, new int[] {0, t, 0}, new int[] {-1, 1, -1}), -1, f));
        }
        return out;
    }

    /** Halves [from, to) of the time axis recursively; the leaves are the steps. */
    private static List<Node> splitTree(Node x, int time) {
        List<Node> out = new ArrayList<>(time);
        splitTree(Ops.on(x.graph()), x, time, x.shape().dim(2), out);
        return out;
    }

    private static void splitTree(Ops o, Node part, int length, int f, List<Node> out) {
        if (length == 1) {
            out.add(o.reshape(part, -1, f));
            return;
        }
        int left = length / 2;
        splitTree(o, o.slice(part, new int[] {0, 0, 0}, new int[] {-1, left, -1}), left, f, out);
        splitTree(o, o.slice(part, new int[] {0, left, 0}, new int[] {-1, length - left, -1}), length - left, f, out);
    }
}
