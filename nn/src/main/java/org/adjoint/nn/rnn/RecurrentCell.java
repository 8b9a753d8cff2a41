package org.adjoint.nn.rnn;

import java.util.ArrayList;
import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.nn.Layer;
import org.adjoint.ops.Ops;

/**
 * One step of a recurrent network: {@code (x⟨t⟩, state⟨t−1⟩) → state⟨t⟩}, with x [batch, in] and
 * each state tensor [batch, units]; state element 0 is the step's output (a⟨t⟩ / h⟨t⟩). A
 * {@link Recurrent} layer unrolls a cell over time; the same cell (the same variables) serves
 * every step, so backpropagation through time is ordinary autodiff over the unrolled graph.
 *
 * <p>Every cell computes all its gates with one matrix multiplication per input over stacked
 * weights: {@code <cell>/w_x} [in, G·units] for the input and {@code <cell>/w_h} [units, G·units]
 * for the previous state, the G gate blocks side by side in the column order each cell documents,
 * plus {@code <cell>/b} [G·units]. {@link #project} applies w_x and b, {@link #step} the rest, so
 * a layer may project a whole sequence at once.
 *
 * <p>Defaults: Glorot-uniform input weights, orthogonal recurrent weights, zero biases. The dtype
 * of the variables is the first input's (F32 unless the input is F64).
 */
public abstract class RecurrentCell extends Layer {

    private final String kind;
    private final int units;
    private int inputSize = -1;
    private DType dtype;

    protected RecurrentCell(String kind, int units) {
        super(kind);
        if (units < 1) {
            throw new IllegalArgumentException(kind + ": units (the hidden size) must be >= 1, got units=" + units);
        }
        this.kind = kind;
        this.units = units;
    }

    /** The hidden size: the width of every state tensor and of the output. */
    public final int units() {
        return units;
    }

    /** The feature size of the input, fixed by the first call (-1 before). */
    public final int inputSize() {
        return inputSize;
    }

    /** The variables' dtype, fixed by the first call (null before). */
    public final DType dtype() {
        return dtype;
    }

    /** The number of state tensors: 1 ([h]) for RNN and GRU cells, 2 ([h, c]) for the LSTM. */
    public abstract int stateCount();

    /** The names of the state tensors, e.g. {@code [h, c]}. */
    public abstract List<String> stateNames();

    /** The cell's kind as used in errors and default names, e.g. {@code lstm}. */
    public final String kind() {
        return kind;
    }

    // ---- the public steps -------------------------------------------------------------------------

    /**
     * One step: the new state from input x [batch, in] and the previous state (stateCount()
     * tensors [batch, units]). Element 0 of the result is the output.
     *
     * @throws IllegalArgumentException naming the cell, the input or state and the shapes when x
     *     or the state do not fit
     */
    public final List<Node> call(Node x, List<Node> state) {
        prepare(x);
        checkStepInput(x);
        checkState(state, "state");
        return step(projectChecked(x), state);
    }

    /**
     * The input part of a step for x [batch, in] or a whole sequence x [batch, time, in]:
     * {@code x · w_x + b} (some cells keep a part of the bias on the recurrent side).
     */
    public final Node project(Node x) {
        prepare(x);
        if (x.shape().rank() != 2 && x.shape().rank() != 3) {
            throw error("input '" + x.name() + "' must be [batch, features] or [batch, time, features], got " + x.type());
        }
        checkFeatures(x);
        return projectChecked(x);
    }

    /**
     * The rest of a step, from a projected input p (the result of {@link #project} for one step,
     * [batch, G·units]) and the previous state.
     */
    public final List<Node> stepProjected(Node p, List<Node> state) {
        if (!isBuilt()) {
            throw new IllegalStateException(kind + ": call project(...) before stepProjected(...)");
        }
        checkState(state, "state");
        return step(p, state);
    }

    /**
     * Zeros [batch, units] for each state tensor, the batch taken at run time from {@code like}
     * (any node [batch, ...] of this cell's dtype); the tensors are one shared node.
     */
    public final List<Node> zeroState(Node like) {
        Ops o = Ops.on(like.graph());
        int[] begin = new int[like.shape().rank()];
        int[] size = new int[begin.length];
        java.util.Arrays.fill(size, 1);
        size[0] = -1;
        Node column = o.slice(like, begin, size);                          // [batch, 1, ...]
        Node flat = o.reshape(column, -1, 1);                              // [batch, 1]
        Node zeros = o.broadcastTo(o.fillLike(flat, 0.0), -1, units);     // [batch, units]
        List<Node> out = new ArrayList<>(stateCount());
        for (int i = 0; i < stateCount(); i++) {
            out.add(zeros);
        }
        return out;
    }

    /**
     * Placeholders [?, units] for the state tensors, named {@code <prefix>_<state name>} (one-step
     * graphs for generation feed the state back in). Call after the first use of the cell.
     */
    public final List<Node> statePlaceholders(String prefix) {
        if (!isBuilt()) {
            throw new IllegalStateException(kind + ": the cell is not built yet; call it once before statePlaceholders");
        }
        List<Node> out = new ArrayList<>();
        for (String s : stateNames()) {
            out.add(graph().placeholder(prefix + "_" + s, dtype, Shape.of(Shape.UNKNOWN, units)));
        }
        return out;
    }

    /** Builds the cell for steps like {@code step} (a layer's first step) if it is not built yet. */
    final void ensureBuilt(Node step) {
        prepare(step);
    }

    // ---- for subclasses ---------------------------------------------------------------------------

    /** Creates the variables for inputs of {@code in} features in {@code dtype}. */
    protected abstract void createVariables(int in, DType dtype);

    /** {@code x · w_x (+ b)} for x [..., in] (x checked). */
    protected abstract Node projectInput(Node x);

    /** The new state from a projected input and the previous state (both checked). */
    protected abstract List<Node> step(Node projected, List<Node> state);

    @Override
    protected final void build(Node x) {
        int rank = x.shape().rank();
        if (rank != 2 && rank != 3) {
            throw error("input '" + x.name() + "' must be [batch, features] or [batch, time, features], got " + x.type());
        }
        if (!x.dtype().isFloating()) {
            throw error("input '" + x.name() + "' must be f32 or f64 (embed or one-hot encode indices first), got "
                    + x.type());
        }
        inputSize = knownDim(x, -1, "the feature dimension");
        dtype = x.dtype();
        createVariables(inputSize, dtype);
    }

    /** One step from the zero state; the output [batch, units]. */
    @Override
    protected final Node forward(Node x) {
        checkStepInput(x);
        return step(projectChecked(x), zeroState(x)).get(0);
    }

    /** The stacked gate blocks of a [..., G·units] node, in column order. */
    protected final List<Node> gates(Node z, int count) {
        return ops().split(z, count, -1);
    }

    private Node projectChecked(Node x) {
        return projectInput(x);
    }

    private void checkStepInput(Node x) {
        if (x.shape().rank() != 2) {
            throw error("input '" + x.name() + "' of one step must be [batch, features], got " + x.type());
        }
        checkFeatures(x);
    }

    private void checkFeatures(Node x) {
        int f = x.shape().dim(-1);
        if (f != inputSize) {
            throw error("input '" + x.name() + "' has " + (f == Shape.UNKNOWN ? "an unknown number of" : f)
                    + " features, the cell was built for " + inputSize + " (w_x is [" + inputSize + ", "
                    + gateCount() * units + "]); got " + x.type());
        }
        if (x.dtype() != dtype) {
            throw error("input '" + x.name() + "' is " + x.type() + ", the cell's variables are " + dtype);
        }
    }

    /** Checks a state list: stateCount() floating tensors [batch, units] of the cell's dtype. */
    final void checkState(List<Node> state, String what) {
        if (state == null || state.size() != stateCount()) {
            throw error(what + " must be " + stateCount() + " tensor(s) " + stateNames() + " of shape [batch, " + units
                    + "], got " + (state == null ? "null" : state.size() + " tensor(s)"));
        }
        for (int i = 0; i < state.size(); i++) {
            Node s = state.get(i);
            if (s == null) {
                throw error(what + " " + stateNames().get(i) + " is null");
            }
            if (s.graph() != graph()) {
                throw error(what + " " + stateNames().get(i) + " ('" + s.name() + "') belongs to another graph");
            }
            if (s.dtype() != dtype || s.shape().rank() != 2 || !s.shape().isCompatibleWith(Shape.of(Shape.UNKNOWN, units))) {
                throw error(what + " " + stateNames().get(i) + " ('" + s.name() + "') must be " + dtype + "[batch, "
                        + units + "], got " + s.type());
            }
        }
    }

    /** G, the number of gate blocks in w_x. */
    protected abstract int gateCount();
}
