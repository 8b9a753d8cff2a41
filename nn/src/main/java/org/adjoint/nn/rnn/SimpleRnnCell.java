package org.adjoint.nn.rnn;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.nn.init.Fans;
import org.adjoint.nn.init.Initializer;
import org.adjoint.ops.Ops;

/**
 * The basic recurrent cell of the course:
 *
 * <pre>
 * a⟨t⟩ = g(W_aa·a⟨t−1⟩ + W_ax·x⟨t⟩ + b_a),   g = tanh (default) or relu
 * </pre>
 *
 * stored row-major for batches: {@code a⟨t⟩ = g(x⟨t⟩·w_x + a⟨t−1⟩·w_h + b)} with w_x = W_axᵀ [in,
 * units], w_h = W_aaᵀ [units, units], b = b_a [units]. State: [a]. The output layer
 * ŷ⟨t⟩ = softmax(W_ya·a⟨t⟩ + b_y) (or sigmoid) is a {@code Dense(n_y, Activation.softmax())}
 * applied to the layer's [batch, time, units] output.
 */
public final class SimpleRnnCell extends RecurrentCell {

    /** The cell's nonlinearity g. */
    public enum Nonlinearity { TANH, RELU }

    private final Nonlinearity g;
    private Initializer kernelInit = Initializer.glorotUniform();
    private Initializer recurrentInit = Initializer.orthogonal();
    private Node wx;
    private Node wh;
    private Node b;

    /** A tanh cell. */
    public SimpleRnnCell(int units) {
        this(units, Nonlinearity.TANH);
    }

    public SimpleRnnCell(int units, Nonlinearity g) {
        super("simple_rnn", units);
        this.g = java.util.Objects.requireNonNull(g, "nonlinearity");
    }

    public Nonlinearity nonlinearity() {
        return g;
    }

    /** The initializer of w_x (default Glorot uniform). */
    public SimpleRnnCell kernelInit(Initializer init) {
        requireUnbuilt("kernelInit");
        this.kernelInit = init;
        return this;
    }

    /** The initializer of w_h (default orthogonal). */
    public SimpleRnnCell recurrentInit(Initializer init) {
        requireUnbuilt("recurrentInit");
        this.recurrentInit = init;
        return this;
    }

    @Override
    public int stateCount() {
        return 1;
    }

    @Override
    public List<String> stateNames() {
        return List.of("a");
    }

    @Override
    protected int gateCount() {
        return 1;
    }

    @Override
    protected void createVariables(int in, DType dtype) {
        int h = units();
        wx = addWeight("w_x", dtype, Shape.of(in, h), kernelInit, new Fans(in, h));
        wh = addWeight("w_h", dtype, Shape.of(h, h), recurrentInit, new Fans(h, h));
        b = addBias("b", dtype, Shape.of(h), Initializer.zeros());
    }

    @Override
    protected Node projectInput(Node x) {
        Ops o = ops();
        return o.add(o.matmul(x, wx), b);
    }

    @Override
    protected List<Node> step(Node p, List<Node> state) {
        Ops o = ops();
        Node z = o.add(p, o.matmul(state.get(0), wh));
        return List.of(g == Nonlinearity.TANH ? ops("a").tanh(z) : ops("a").relu(z));
    }

    private void requireUnbuilt(String what) {
        if (isBuilt()) {
            throw new IllegalStateException("simple_rnn '" + name() + "': set " + what + " before the first call");
        }
    }
}
