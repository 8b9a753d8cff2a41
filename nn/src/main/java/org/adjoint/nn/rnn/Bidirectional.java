package org.adjoint.nn.rnn;

import java.util.ArrayList;
import java.util.List;
import org.adjoint.graph.Node;
import org.adjoint.nn.Layer;
import org.adjoint.ops.Ops;

/**
 * Two recurrent layers over the same sequence, one from the first step to the last and one from
 * the last to the first; at each step their outputs are concatenated ([batch, 2·units], the
 * default) or summed ([batch, units]; both cells need the same units).
 *
 * <pre>{@code
 * Node h = new Bidirectional(new LstmCell(32), new LstmCell(32)).call(embedded, mask);  // [batch, time, 64]
 * }</pre>
 *
 * <p>With a mask, the backward direction starts at each example's last real step (the padded
 * steps at the end leave its zero state unchanged), so both directions see exactly the real
 * steps. Many-to-one ({@code returnSequences(false)}) merges the forward direction's state after
 * the last real step with the backward direction's state after step 0.
 */
public final class Bidirectional extends Layer implements SequenceLayer {

    /** How the two directions' outputs are merged. */
    public enum Merge { CONCAT, SUM }

    private final Recurrent forwardLayer;
    private final Recurrent backwardLayer;
    private Merge merge = Merge.CONCAT;
    private boolean returnSequences = true;

    /** Forward and backward cells (two different cells: two sets of weights). */
    public Bidirectional(RecurrentCell forward, RecurrentCell backward) {
        super("bidirectional");
        if (forward == null || backward == null) {
            throw new IllegalArgumentException("bidirectional: a cell is null");
        }
        if (forward == backward) {
            throw new IllegalArgumentException("bidirectional: the forward and backward cells must be two different cells"
                    + " (two sets of weights), got the same " + forward.kind() + " cell twice");
        }
        this.forwardLayer = new Recurrent(forward);
        this.backwardLayer = new Recurrent(backward).reverse(true);
    }

    /** Concatenate (default) or sum the two directions. */
    public Bidirectional merge(Merge merge) {
        if (merge == Merge.SUM && forwardLayer.cell().units() != backwardLayer.cell().units()) {
            throw new IllegalArgumentException("bidirectional: merge SUM needs cells of equal units, got "
                    + forwardLayer.cell().units() + " and " + backwardLayer.cell().units());
        }
        this.merge = java.util.Objects.requireNonNull(merge, "merge");
        return this;
    }

    public Merge mergeMode() {
        return merge;
    }

    /** Many-to-many (true, default) or many-to-one (false). */
    public Bidirectional returnSequences(boolean on) {
        this.returnSequences = on;
        return this;
    }

    public Recurrent forwardLayer() {
        return forwardLayer;
    }

    public Recurrent backwardLayer() {
        return backwardLayer;
    }

    /** The width of one merged step. */
    public int units() {
        int f = forwardLayer.cell().units();
        return merge == Merge.CONCAT ? f + backwardLayer.cell().units() : f;
    }

    @Override
    protected void build(Node x) {
        // no variables of its own
    }

    @Override
    protected Node forward(Node x) {
        return select(run(sequenceOf(x, null)));
    }

    /** The layer on x [batch, time, features] with a mask [batch, time] (null: none). */
    public Node call(Node x, Node mask) {
        prepare(x);
        return select(run(sequenceOf(x, mask)));
    }

    private Sequence sequenceOf(Node x, Node mask) {
        try {
            return Sequence.of(x, mask);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage().substring("sequence: ".length()));
        }
    }

    private Node select(RecurrentOutput out) {
        return returnSequences ? out.stacked() : out.last();
    }

    @Override
    public RecurrentOutput run(Sequence input) {
        prepare(input.anyNode());
        RecurrentOutput f = forwardLayer.run(input);
        RecurrentOutput b = backwardLayer.run(input);
        Ops o = ops();
        List<Node> steps = new ArrayList<>(input.length());
        for (int t = 0; t < input.length(); t++) {
            steps.add(merge(o, f.sequence().step(t), b.sequence().step(t)));
        }
        List<Node> state = new ArrayList<>(f.finalState());
        state.addAll(b.finalState());
        return new RecurrentOutput(input.withSteps(steps), merge(o, f.last(), b.last()), state);
    }

    private Node merge(Ops o, Node a, Node b) {
        return merge == Merge.CONCAT ? o.concat(-1, a, b) : o.add(a, b);
    }
}
