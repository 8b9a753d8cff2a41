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
 * A gated recurrent unit, in one of three forms. State: [c] (the output; c⟨t⟩ = a⟨t⟩ in the course,
 * h in PyTorch). The forms are different functions, not different layouts of one function:
 *
 * <p><b>{@link #simplified}</b> — the course's GRU with the update gate only:
 * <pre>
 * Γu = σ(W_u[c⟨t−1⟩, x⟨t⟩] + b_u)
 * c̃  = tanh(W_c[c⟨t−1⟩, x⟨t⟩] + b_c)
 * c⟨t⟩ = Γu ∗ c̃ + (1 − Γu) ∗ c⟨t−1⟩
 * </pre>
 * w_x [in, 2·units] and w_h [units, 2·units] hold blocks [u | c]; b [2·units].
 *
 * <p><b>{@link #full}</b> — the course's full GRU with the relevance (reset) gate Γr applied to
 * c⟨t−1⟩ <em>before</em> the candidate's matrix product:
 * <pre>
 * Γu = σ(W_u[c⟨t−1⟩, x⟨t⟩] + b_u)
 * Γr = σ(W_r[c⟨t−1⟩, x⟨t⟩] + b_r)
 * c̃  = tanh(W_c[Γr ∗ c⟨t−1⟩, x⟨t⟩] + b_c)
 * c⟨t⟩ = Γu ∗ c̃ + (1 − Γu) ∗ c⟨t−1⟩
 * </pre>
 * w_x [in, 3·units] holds [u | r | c]; w_h [units, 2·units] holds [u | r]; the candidate's
 * recurrent part is w_hc [units, units] (it multiplies Γr ∗ c⟨t−1⟩, a different input); b
 * [3·units]. (W_c[a, x] = a·w_hc + x·w_x,c: the course's one matrix over the concatenation, split.)
 *
 * <p><b>{@link #torch}</b> — PyTorch's {@code nn.GRU}: gate blocks [r | z | n], the reset gate
 * applied <em>after</em> the hidden matrix product, and z weighting the <em>old</em> state:
 * <pre>
 * r = σ(x·W_ir + b_ir + h·W_hr + b_hr)
 * z = σ(x·W_iz + b_iz + h·W_hz + b_hz)
 * n = tanh(x·W_in + b_in + r ∗ (h·W_hn + b_hn))
 * h⟨t⟩ = (1 − z) ∗ n + z ∗ h⟨t−1⟩
 * </pre>
 * w_x = weight_ih_l0ᵀ [in, 3·units], w_h = weight_hh_l0ᵀ [units, 3·units], b = bias_ih_l0 and
 * b_h = bias_hh_l0 (kept apart: b_hn sits inside the reset product); {@link #loadTorchWeights}.
 */
public final class GruCell extends RecurrentCell {

    /** Which GRU. */
    public enum Form {
        /** Update gate only (course). */
        SIMPLIFIED,
        /** Update and relevance gates, reset before the candidate's matrix product (course). */
        FULL,
        /** PyTorch's nn.GRU: [r | z | n], reset after the hidden matrix product. */
        TORCH
    }

    private final Form form;
    private Initializer kernelInit = Initializer.glorotUniform();
    private Initializer recurrentInit = Initializer.orthogonal();
    private Node wx;
    private Node wh;
    private Node whc;
    private Node b;
    private Node bh;

    private GruCell(Form form, int units) {
        super("gru", units);
        this.form = form;
    }

    /** The course's GRU with the update gate only. */
    public static GruCell simplified(int units) {
        return new GruCell(Form.SIMPLIFIED, units);
    }

    /** The course's full GRU (update and relevance gates). */
    public static GruCell full(int units) {
        return new GruCell(Form.FULL, units);
    }

    /** PyTorch's nn.GRU (weights exchangeable with it). */
    public static GruCell torch(int units) {
        return new GruCell(Form.TORCH, units);
    }

    public Form form() {
        return form;
    }

    /** The initializer of w_x (default Glorot uniform). */
    public GruCell kernelInit(Initializer init) {
        requireUnbuilt("kernelInit");
        this.kernelInit = init;
        return this;
    }

    /** The initializer of the recurrent weights (default orthogonal). */
    public GruCell recurrentInit(Initializer init) {
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
        return List.of("h");
    }

    @Override
    protected int gateCount() {
        return form == Form.SIMPLIFIED ? 2 : 3;
    }

    @Override
    protected void createVariables(int in, DType dtype) {
        int h = units();
        int gx = gateCount() * h;
        int gh = form == Form.TORCH ? 3 * h : 2 * h;
        wx = addWeight("w_x", dtype, Shape.of(in, gx), kernelInit, new Fans(in, gx));
        wh = addWeight("w_h", dtype, Shape.of(h, gh), recurrentInit, new Fans(h, gh));
        if (form == Form.FULL) {
            whc = addWeight("w_hc", dtype, Shape.of(h, h), recurrentInit, new Fans(h, h));
        }
        b = addBias("b", dtype, Shape.of(gx), Initializer.zeros());
        if (form == Form.TORCH) {
            bh = addBias("b_h", dtype, Shape.of(3 * h), Initializer.zeros());
        }
    }

    @Override
    protected Node projectInput(Node x) {
        Ops o = ops();
        return o.add(o.matmul(x, wx), b);
    }

    @Override
    protected List<Node> step(Node p, List<Node> state) {
        Ops o = ops();
        Node prev = state.get(0);
        switch (form) {
            case SIMPLIFIED: {
                List<Node> xs = gates(p, 2);
                List<Node> hs = gates(o.matmul(prev, wh), 2);
                Node u = o.sigmoid(o.add(xs.get(0), hs.get(0)));
                Node cand = o.tanh(o.add(xs.get(1), hs.get(1)));
                return List.of(blend(u, cand, prev));
            }
            case FULL: {
                List<Node> xs = gates(p, 3);
                List<Node> hs = gates(o.matmul(prev, wh), 2);
                Node u = o.sigmoid(o.add(xs.get(0), hs.get(0)));
                Node r = o.sigmoid(o.add(xs.get(1), hs.get(1)));
                Node cand = o.tanh(o.add(xs.get(2), o.matmul(o.mul(r, prev), whc)));
                return List.of(blend(u, cand, prev));
            }
            default: {
                List<Node> xs = gates(p, 3);
                List<Node> hs = gates(o.add(o.matmul(prev, wh), bh), 3);
                Node r = o.sigmoid(o.add(xs.get(0), hs.get(0)));
                Node z = o.sigmoid(o.add(xs.get(1), hs.get(1)));
                Node n = o.tanh(o.add(xs.get(2), o.mul(r, hs.get(2))));
                // (1 − z) ∗ n + z ∗ h = n + z ∗ (h − n)
                return List.of(ops("h").add(n, o.mul(z, o.sub(prev, n))));
            }
        }
    }

    /** {@code u ∗ cand + (1 − u) ∗ prev}, written {@code prev + u ∗ (cand − prev)}. */
    private Node blend(Node u, Node cand, Node prev) {
        Ops o = ops();
        return ops("c").add(prev, o.mul(u, o.sub(cand, prev)));
    }

    /**
     * Sets the weights from PyTorch's {@code nn.GRU} layout (form {@link Form#TORCH} only):
     * weight_ih [3·units, in], weight_hh [3·units, units], bias_ih and bias_hh [3·units], rows
     * [r; z; n]. Call after the first use.
     */
    public void loadTorchWeights(Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {
        if (form != Form.TORCH) {
            throw new IllegalStateException("gru '" + name() + "': PyTorch weights fit the TORCH form only, this cell is "
                    + form + " (a different function)");
        }
        if (!isBuilt()) {
            throw new IllegalStateException("gru: the cell is not built yet; call it once before loadTorchWeights");
        }
        Torch.loadTransposed(this, "weight_ih", weightIh, wx);
        Torch.loadTransposed(this, "weight_hh", weightHh, wh);
        Torch.load(this, "bias_ih", biasIh, b);
        Torch.load(this, "bias_hh", biasHh, bh);
    }

    private void requireUnbuilt(String what) {
        if (isBuilt()) {
            throw new IllegalStateException("gru '" + name() + "': set " + what + " before the first call");
        }
    }
}
