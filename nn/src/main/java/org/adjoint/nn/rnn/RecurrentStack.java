package org.adjoint.nn.rnn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.adjoint.graph.Node;
import org.adjoint.nn.Layer;
import org.adjoint.ops.Ops;

/**
 * A deep recurrent network: sequence layers ({@link Recurrent}, {@link Bidirectional}, or
 * stacks) applied one after the other, each reading the previous one's output steps, with
 * optional dropout between layers (not after the last one).
 *
 * <pre>{@code
 * RecurrentStack deep = RecurrentStack.of(3, i -> new LstmCell(64)).dropout(0.8);
 * Node h = deep.call(x, mask);                                  // [batch, time, 64]
 * }</pre>
 *
 * <p>Dropout draws an independent mask for every step and every layer (from the stack's seed and
 * the run's random step); it is the identity in evaluation runs. The final state lists every
 * layer's final state, bottom layer first.
 */
public final class RecurrentStack extends Layer implements SequenceLayer {

    private final List<SequenceLayer> layers;
    private double keep = 1.0;
    private boolean returnSequences = true;

    /** Sequence layers (each also a {@link Layer}), bottom first. */
    public RecurrentStack(SequenceLayer... layers) {
        super("recurrent_stack");
        if (layers.length == 0) {
            throw new IllegalArgumentException("recurrent_stack: needs at least one layer");
        }
        for (SequenceLayer l : layers) {
            if (!(l instanceof Layer)) {
                throw new IllegalArgumentException("recurrent_stack: " + l + " is not a layer");
            }
        }
        this.layers = List.of(layers);
    }

    /** {@code depth} layers, the cell of layer i from {@code cells.apply(i)}. */
    public static RecurrentStack of(int depth, IntFunction<RecurrentCell> cells) {
        if (depth < 1) {
            throw new IllegalArgumentException("recurrent_stack: depth must be >= 1, got depth=" + depth);
        }
        SequenceLayer[] ls = new SequenceLayer[depth];
        for (int i = 0; i < depth; i++) {
            ls[i] = new Recurrent(cells.apply(i));
        }
        return new RecurrentStack(ls);
    }

    /** Dropout with keep probability {@code keep} on the steps between layers (1: none). */
    public RecurrentStack dropout(double keep) {
        if (!(keep > 0 && keep <= 1)) {
            throw new IllegalArgumentException("recurrent_stack: keep probability must be in (0, 1], got keep=" + keep);
        }
        this.keep = keep;
        return this;
    }

    /** Many-to-many (true, default) or many-to-one (false). */
    public RecurrentStack returnSequences(boolean on) {
        this.returnSequences = on;
        return this;
    }

    public List<SequenceLayer> layers() {
        return layers;
    }

    @Override
    protected void build(Node x) {
        // no variables of its own
    }

    @Override
    protected Node forward(Node x) {
        return select(run(sequenceOf(x, null)));
    }

    /** The stack on x [batch, time, features] with a mask [batch, time] (null: none). */
    public Node call(Node x, Node mask) {
        prepare(x);
        return select(run(sequenceOf(x, mask)));
    }

    private Node select(RecurrentOutput out) {
        return returnSequences ? out.stacked() : out.last();
    }

    private Sequence sequenceOf(Node x, Node mask) {
        try {
            return Sequence.of(x, mask);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage().substring("sequence: ".length()));
        }
    }

    @Override
    public RecurrentOutput run(Sequence input) {
        prepare(input.anyNode());
        Ops o = ops();
        Sequence seq = input;
        RecurrentOutput out = null;
        List<Node> states = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (i > 0 && keep < 1) {
                List<Node> dropped = new ArrayList<>(seq.length());
                for (int t = 0; t < seq.length(); t++) {
                    dropped.add(o.dropout(seq.step(t), keep, mix(seed(), (long) i * seq.length() + t)));
                }
                seq = seq.withSteps(dropped);
            }
            out = layers.get(i).run(seq);
            states.addAll(out.finalState());
            seq = out.sequence();
        }
        return new RecurrentOutput(out.sequence(), out.last(), states);
    }

    /** SplitMix64 of two numbers: a distinct, well-spread dropout seed per layer and step. */
    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
