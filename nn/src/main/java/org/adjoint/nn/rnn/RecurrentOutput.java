package org.adjoint.nn.rnn;

import java.util.List;
import org.adjoint.graph.Node;

/**
 * What a recurrent layer produced over a sequence: the output of every step (many-to-many), the
 * output after the last real step (many-to-one) and the final state (to initialize another layer,
 * e.g. a decoder from an encoder).
 *
 * @param sequence the outputs, one per step, with the input's mask (padded steps output zeros)
 * @param last the output after the last real step of each example [batch, units] (a padded
 *     step leaves the state unchanged, so this is the state after the example's own length)
 * @param finalState the state after the last step, in the cell's state order (for a
 *     bidirectional layer: the forward then the backward cell's)
 */
public record RecurrentOutput(Sequence sequence, Node last, List<Node> finalState) {

    public RecurrentOutput {
        finalState = List.copyOf(finalState);
    }

    /** The outputs as one tensor [batch, time, units]. */
    public Node stacked() {
        return sequence.stacked();
    }
}
