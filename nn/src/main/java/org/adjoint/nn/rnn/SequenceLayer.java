package org.adjoint.nn.rnn;

/**
 * A layer over a {@link Sequence}: {@link Recurrent}, {@link Bidirectional} and
 * {@link RecurrentStack}. Sequence layers hand each other the steps, not a [batch, time, features]
 * tensor, so stacks stay O(T) in graph size and gradient work.
 */
public interface SequenceLayer {

    /** Runs the layer over {@code input} from the zero state. */
    RecurrentOutput run(Sequence input);
}
