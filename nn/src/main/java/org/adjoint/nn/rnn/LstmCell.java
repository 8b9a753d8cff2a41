package org.adjoint.nn.rnn;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.init.Fans;
import org.adjoint.nn.init.Initializer;
import org.adjoint.ops.Ops;

/**
 * Long short-term memory: a memory cell c⟨t⟩ separate from the output h⟨t⟩ (the course's a⟨t⟩),
 * with an input (update) gate i, a forget gate f, a candidate g and an output gate o:
 *
 * <pre>
 * z  = x⟨t⟩·w_x + h⟨t−1⟩·w_h + b          [batch, 4·units], blocks [i | f | g | o]
 * i  = σ(z_i)   f = σ(z_f)   g = tanh(z_g)   o = σ(z_o)
 * c⟨t⟩ = f ∗ c⟨t−1⟩ + i ∗ g
 * h⟨t⟩ = o ∗ tanh(c⟨t⟩)
 * </pre>
 *
 * The gate blocks follow PyTorch's row order [i; f; g; o], so weights are exchangeable:
 * {@code w_x = weight_ih_l0ᵀ}, {@code w_h = weight_hh_l0ᵀ}, {@code b = bias_ih_l0 + bias_hh_l0}
 * ({@link #loadTorchWeights}). State: [h, c]. Variables {@code <cell>/w_x} [in, 4·units],
 * {@code <cell>/w_h} [units, 4·units], {@code <cell>/b} [4·units]; {@link #forgetBias(double)}
 * starts the forget block of b at a constant (1 is the usual choice: the cell remembers by
 * default).
 */
public final class LstmCell extends RecurrentCell {

    private Initializer kernelInit = Initializer.glorotUniform();
    private Initializer recurrentInit = Initializer.orthogonal();
    private double forgetBias;
    private Node wx;
    private Node wh;
    private Node b;

    public LstmCell(int units) {
        super("lstm", units);
    }

    /** Starts the forget-gate block of the bias at {@code value} (default 0; 1 is common). Call before the first use. */
    public LstmCell forgetBias(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("lstm: forget bias must be finite, got " + value);
        }
        requireUnbuilt("forgetBias");
        this.forgetBias = value;
        return this;
    }

    /** The initializer of w_x (default Glorot uniform). */
    public LstmCell kernelInit(Initializer init) {
        requireUnbuilt("kernelInit");
        this.kernelInit = init;
        return this;
    }

    /** The initializer of w_h (default orthogonal). */
    public LstmCell recurrentInit(Initializer init) {
        requireUnbuilt("recurrentInit");
        this.recurrentInit = init;
        return this;
    }

    public Node wx() {
        return wx;
    }

    public Node wh() {
        return wh;
    }

    public Node b() {
        return b;
    }

    @Override
    public int stateCount() {
        return 2;
    }

    @Override
    public List<String> stateNames() {
        return List.of("h", "c");
    }

    @Override
    protected int gateCount() {
        return 4;
    }

    @Override
    protected void createVariables(int in, DType dtype) {
        int h = units();
        wx = addWeight("w_x", dtype, Shape.of(in, 4 * h), kernelInit, new Fans(in, 4 * h));
        wh = addWeight("w_h", dtype, Shape.of(h, 4 * h), recurrentInit, new Fans(h, 4 * h));
        double fb = forgetBias;
        b = addBias("b", dtype, Shape.of(4 * h), (dt, shape, fans, seed) -> {
            Tensor t = Tensor.zeros(dt, shape);
            for (int j = h; j < 2 * h; j++) {
                t.setDouble(j, fb);
            }
            return t;
        });
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
        List<Node> gate = gates(z, 4);
        Node i = o.sigmoid(gate.get(0));
        Node f = o.sigmoid(gate.get(1));
        Node g = o.tanh(gate.get(2));
        Node out = o.sigmoid(gate.get(3));
        Node c = ops("c").add(o.mul(f, state.get(1)), o.mul(i, g));
        Node h = ops("h").mul(out, o.tanh(c));
        return List.of(h, c);
    }

    /**
     * Sets the weights from PyTorch's {@code nn.LSTM} layout: weight_ih [4·units, in], weight_hh
     * [4·units, units], bias_ih and bias_hh [4·units] (rows [i; f; g; o]). Call after the first use.
     *
     * @throws IllegalArgumentException naming the tensor and both shapes if one does not fit
     */
    public void loadTorchWeights(Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {
        if (!isBuilt()) {
            throw new IllegalStateException("lstm: the cell is not built yet; call it once before loadTorchWeights");
        }
        Torch.loadTransposed(this, "weight_ih", weightIh, wx);
        Torch.loadTransposed(this, "weight_hh", weightHh, wh);
        Torch.loadSum(this, "bias_ih", biasIh, "bias_hh", biasHh, b);
    }

    private void requireUnbuilt(String what) {
        if (isBuilt()) {
            throw new IllegalStateException("lstm '" + name() + "': set " + what + " before the first call");
        }
    }
}
