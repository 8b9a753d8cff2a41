package org.adjoint.nn.rnn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.adjoint.graph.Node;
import org.adjoint.nn.Layer;
import org.adjoint.ops.Ops;

/**
 * A recurrent layer: a {@link RecurrentCell} unrolled over the time steps of x [batch, time,
 * features], one set of weights for every step. Backpropagation through time is autodiff over the
 * unrolled graph.
 *
 * <pre>{@code
 * Node h = new Recurrent(new LstmCell(64)).call(x);                      // many-to-many: [batch, time, 64]
 * Node last = new Recurrent(GruCell.full(64)).returnSequences(false)
 *         .call(x, mask);                                                 // many-to-one: [batch, 64]
 * }</pre>
 *
 * <ul>
 *   <li><b>Initial state</b>: zeros unless given ({@link #run(Sequence, List)}).</li>
 *   <li><b>Masks</b> [batch, time] (1 = step, 0 = padding): at a padded step the state is carried
 *       over unchanged and the step's output is zero, so padding changes neither the state nor
 *       (with a masked loss, see {@link SequenceLosses}) the loss; the many-to-one output is the
 *       state after each example's last real step.</li>
 *   <li><b>Reverse</b>: steps are processed from the last to the first; outputs stay in input order
 *       (the backward half of {@link Bidirectional}).</li>
 *   <li><b>Truncated BPTT</b> ({@link #truncate(int)}): the steps are cut into chunks of k; the
 *       state passed from one chunk to the next keeps its value but carries no gradient (the
 *       usual "detach the state every k steps"): a loss at step t reaches back only to the first
 *       step of t's chunk.</li>
 * </ul>
 *
 * <p>The time dimension must be known when the layer is called (the graph is unrolled); the batch
 * may be unknown. The layer has no variables of its own; the cell's are {@code <cell>/w_x}, ...
 */
public final class Recurrent extends Layer implements SequenceLayer {

    private final RecurrentCell cell;
    private boolean returnSequences = true;
    private boolean reverse;
    private int truncate;

    public Recurrent(RecurrentCell cell) {
        super("recurrent");
        if (cell == null) {
            throw new IllegalArgumentException("recurrent: cell is null");
        }
        this.cell = cell;
    }

    public RecurrentCell cell() {
        return cell;
    }

    /** Many-to-many (true, the default: [batch, time, units]) or many-to-one (false: [batch, units]). */
    public Recurrent returnSequences(boolean on) {
        this.returnSequences = on;
        return this;
    }

    public boolean returnsSequences() {
        return returnSequences;
    }

    /** Processes the steps from last to first (outputs stay in input order). */
    public Recurrent reverse(boolean on) {
        this.reverse = on;
        return this;
    }

    public boolean isReverse() {
        return reverse;
    }

    /**
     * Truncated backpropagation through time: the gradient is cut every {@code k} steps (k ≥ 1);
     * 0 turns truncation off (the default: full BPTT).
     */
    public Recurrent truncate(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("recurrent: truncation must be >= 1 steps (0 = off), got k=" + k);
        }
        this.truncate = k;
        return this;
    }

    public int truncation() {
        return truncate;
    }

    @Override
    protected void build(Node x) {
        // no variables: the cell builds its own on the first step
    }

    @Override
    protected Node forward(Node x) {
        RecurrentOutput out = run(sequenceOf(x, null), null);
        return returnSequences ? out.stacked() : out.last();
    }

    /** The layer on x [batch, time, features] with a mask [batch, time] (null: none). */
    public Node call(Node x, Node mask) {
        prepare(x);
        RecurrentOutput out = run(sequenceOf(x, mask), null);
        return returnSequences ? out.stacked() : out.last();
    }

    @Override
    public RecurrentOutput run(Sequence input) {
        return run(input, null);
    }

    /**
     * Runs over {@code input} from {@code initialState} (null: zeros), e.g. a decoder started from
     * an encoder's final state.
     *
     * @throws IllegalArgumentException naming the cell and the shapes if a step or the state does
     *     not fit the cell
     */
    public RecurrentOutput run(Sequence input, List<Node> initialState) {
        if (input == null) {
            throw new IllegalArgumentException("recurrent: input sequence is null");
        }
        Node xs = input.stacked();                 // [batch, time, features]
        prepare(xs);
        if (cell.isBuilt() && (input.features() != cell.inputSize() || input.dtype() != cell.dtype())) {
            throw error("input " + input.describe() + " has " + input.dtype() + " steps of " + input.features()
                    + " features, its " + cell.kind() + " cell '" + cell.name() + "' was built for " + cell.dtype()
                    + " steps of " + cell.inputSize() + " features");
        }
        // the input side of every step in one matrix product: [batch, time, G·units]
        List<Node> projected = ops().unstack(cell.project(xs), 1);
        if (initialState != null) {
            cell.checkState(initialState, "initial state");
        }
        Ops o = ops();
        int time = input.length();
        List<Node> state = initialState != null ? initialState : cell.zeroState(projected.get(0));
        Node[] outputs = new Node[time];
        Node zero = input.hasMask() ? o.scalarLike(0.0, xs) : null;
        for (int k = 0; k < time; k++) {
            int t = reverse ? time - 1 - k : k;
            if (truncate > 0 && k > 0 && k % truncate == 0) {
                state = stopGradient(o, state);
            }
            List<Node> next = cell.stepProjected(projected.get(t), state);
            Node out = next.get(0);
            if (input.hasMask()) {
                Node m = input.stepMask(t);
                List<Node> carried = new ArrayList<>(next.size());
                for (int i = 0; i < next.size(); i++) {
                    carried.add(o.where(m, next.get(i), state.get(i)));
                }
                next = carried;
                out = o.where(m, out, zero);          // exactly +0 at padded steps
            }
            outputs[t] = out;
            state = next;
        }
        Sequence seq = input.withSteps(Arrays.asList(outputs));
        return new RecurrentOutput(seq, state.get(0), state);
    }

    private static List<Node> stopGradient(Ops o, List<Node> state) {
        List<Node> out = new ArrayList<>(state.size());
        for (Node s : state) {
            out.add(o.stopGradient(s));
        }
        return out;
    }

    /** x [batch, time, features] and a mask, with errors naming this layer. */
    Sequence sequenceOf(Node x, Node mask) {
        try {
            return Sequence.of(x, mask);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage().substring("sequence: ".length()));
        }
    }
}
