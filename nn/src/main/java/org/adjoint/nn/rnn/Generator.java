package org.adjoint.nn.rnn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Node;
import org.adjoint.graph.Outputs;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;

/**
 * One-to-many generation with a one-step graph that shares a trained model's weights: feed a
 * token and the state, get the next token's logits and the new state, draw the next token
 * ({@link Sampling}), feed it back.
 *
 * <pre>{@code
 * Node token = g.placeholder("token", DType.I32, Shape.of(-1));
 * List<Node> stateIn = cell.statePlaceholders("gen");                 // after training built the cell
 * List<Node> stateOut = cell.call(embedding.call(token), stateIn);     // same weights
 * Node logits = dense.call(stateOut.get(0));
 * Generator gen = new Generator(model.session(), token, stateIn, logits, stateOut);
 * int[] name = gen.generate(new int[] {start}, 20, end, 0.8, seed);
 * }</pre>
 *
 * Runs are evaluation runs (dropout off). The state starts at zeros.
 */
public final class Generator {

    private final Session session;
    private final Node token;
    private final List<Node> stateIn;
    private final Node logits;
    private final List<Node> fetches;

    /**
     * @param token an I32 placeholder [batch] for the current token
     * @param stateIn placeholders [batch, units] for the state
     * @param logits the next token's logits [batch, V]
     * @param stateOut the new state, in the order of {@code stateIn}
     */
    public Generator(Session session, Node token, List<Node> stateIn, Node logits, List<Node> stateOut) {
        if (!token.isPlaceholder() || token.dtype() != DType.I32 || token.shape().rank() != 1) {
            throw new IllegalArgumentException("generator: token '" + token.name() + "' must be an i32 placeholder [batch], got "
                    + token.type());
        }
        if (stateIn.size() != stateOut.size()) {
            throw new IllegalArgumentException("generator: " + stateIn.size() + " state inputs but " + stateOut.size()
                    + " state outputs");
        }
        for (int i = 0; i < stateIn.size(); i++) {
            Node in = stateIn.get(i);
            Node out = stateOut.get(i);
            if (!in.isPlaceholder() || !in.shape().isCompatibleWith(out.shape()) || in.dtype() != out.dtype()) {
                throw new IllegalArgumentException("generator: state input " + i + " '" + in.name() + "' " + in.type()
                        + " must be a placeholder of the state output's type " + out.type());
            }
        }
        if (logits.shape().rank() != 2) {
            throw new IllegalArgumentException("generator: logits '" + logits.name() + "' must be [batch, V], got "
                    + logits.type());
        }
        this.session = session;
        this.token = token;
        this.stateIn = List.copyOf(stateIn);
        this.logits = logits;
        List<Node> f = new ArrayList<>();
        f.add(logits);
        f.addAll(stateOut);
        this.fetches = List.copyOf(f);
    }

    /**
     * Feeds {@code prefix} (at least one token, e.g. a start marker), then draws up to
     * {@code maxNew} tokens at {@code temperature}, stopping after {@code stop} is drawn (it is not
     * included; -1: never stop early). Same seed, same tokens.
     *
     * @return the drawn tokens (without the prefix)
     */
    public int[] generate(int[] prefix, int maxNew, int stop, double temperature, long seed) {
        return generate(prefix, maxNew, stop, temperature, seed, null);
    }

    /**
     * As {@link #generate(int[], int, int, double, long)}, starting from {@code initialState}
     * (tensors [1, units] in the order of the state inputs; null: zeros), e.g. an encoder's final
     * state for a decoder.
     */
    public int[] generate(int[] prefix, int maxNew, int stop, double temperature, long seed, List<Tensor> initialState) {
        if (prefix == null || prefix.length == 0) {
            throw new IllegalArgumentException("generator: the prefix needs at least one token (e.g. a start marker)");
        }
        if (maxNew < 0) {
            throw new IllegalArgumentException("generator: maxNew must be >= 0, got " + maxNew);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        if (initialState != null && initialState.size() != stateIn.size()) {
            throw new IllegalArgumentException("generator: initial state has " + initialState.size()
                    + " tensor(s), the step graph has " + stateIn.size() + " state input(s)");
        }
        Tensor[] state = new Tensor[stateIn.size()];
        for (int i = 0; i < state.length; i++) {
            Node in = stateIn.get(i);
            int units = in.shape().dim(1);
            state[i] = initialState != null ? initialState.get(i) : Tensor.zeros(in.dtype(), Shape.of(1, units));
            if (state[i].dtype() != in.dtype() || !state[i].shape().equals(Shape.of(1, units))) {
                throw new IllegalArgumentException("generator: initial state " + i + " must be " + in.dtype() + "[1, "
                        + units + "] for '" + in.name() + "', got " + state[i].type());
            }
        }
        Tensor last = null;
        for (int t : prefix) {
            last = step(t, state);
        }
        List<Integer> out = new ArrayList<>();
        while (out.size() < maxNew) {
            int next = Sampling.sample(last, 0, temperature, rng);
            if (next == stop) {
                break;
            }
            out.add(next);
            if (out.size() < maxNew) {
                last = step(next, state);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** One step: feeds the token and the state, replaces the state, returns the logits [1, V]. */
    private Tensor step(int tok, Tensor[] state) {
        Feeds feeds = Feeds.of(token, Tensor.of(new int[] {tok}, 1));
        for (int i = 0; i < state.length; i++) {
            feeds = feeds.and(stateIn.get(i), state[i]);
        }
        Outputs out = session.run(RunOptions.EVAL, feeds, fetches);
        for (int i = 0; i < state.length; i++) {
            state[i] = out.get(1 + i);
        }
        return out.get(0);
    }
}
