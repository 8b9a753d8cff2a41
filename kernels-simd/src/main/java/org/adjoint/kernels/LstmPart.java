package org.adjoint.kernels;

/**
 * The parts of one LSTM step that {@link RecurrentKernels#lstm} computes, for gate
 * pre-activations {@code z = p + q} [rows, 4u] with blocks [i | f | g | o] (PyTorch's order),
 * a state c [rows, u] and, for the gradient parts, an incoming gradient {@code d} [rows, u].
 * With {@code σ} the logistic function:
 * <ul>
 *   <li>{@link #STATE}: {@code c' = σ(z_f)·c + σ(z_i)·tanh(z_g)} [rows, u];</li>
 *   <li>{@link #OUTPUT}: {@code h' = σ(z_o)·tanh(c)} [rows, u] (c is the new state c');</li>
 *   <li>{@link #STATE_GRAD_Z}: the gradient of STATE for z given {@code d = ∂/∂c'} [rows, 4u]:
 *       {@code [d·tanh(z_g)·σ'(z_i) | d·c·σ'(z_f) | d·σ(z_i)·tanh'(z_g) | 0]};</li>
 *   <li>{@link #STATE_GRAD_C}: the gradient of STATE for c: {@code d·σ(z_f)} [rows, u];</li>
 *   <li>{@link #OUTPUT_GRAD_Z}: the gradient of OUTPUT for z given {@code d = ∂/∂h'} [rows, 4u]:
 *       {@code [0 | 0 | 0 | d·tanh(c)·σ'(z_o)]};</li>
 *   <li>{@link #OUTPUT_GRAD_C}: the gradient of OUTPUT for c: {@code d·σ(z_o)·tanh'(c)} [rows, u].</li>
 * </ul>
 * {@code σ' = σ(1 − σ)}, {@code tanh' = (1 − tanh)(1 + tanh)}.
 */
public enum LstmPart {
    STATE(false, false),
    OUTPUT(false, false),
    STATE_GRAD_Z(true, true),
    STATE_GRAD_C(true, false),
    OUTPUT_GRAD_Z(true, true),
    OUTPUT_GRAD_C(true, false);

    private final boolean gradient;
    private final boolean wide;

    LstmPart(boolean gradient, boolean wide) {
        this.gradient = gradient;
        this.wide = wide;
    }

    /** Whether the part reads an incoming gradient d. */
    public boolean isGradient() {
        return gradient;
    }

    /** Whether the output is [rows, 4u] (a gradient for z) rather than [rows, u]. */
    public boolean isWide() {
        return wide;
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /**
     * The reference definition for one element: writes column j of row r (all four blocks of a wide
     * part) from the gate pre-activations zi, zf, zg, zo, the state c and the gradient d.
     */
    void apply(double zi, double zf, double zg, double zo, double c, double d, double[] out4) {
        double si = sigmoid(zi);
        double sf = sigmoid(zf);
        double tg = Math.tanh(zg);
        double so = sigmoid(zo);
        switch (this) {
            case STATE:
                out4[0] = sf * c + si * tg;
                break;
            case OUTPUT:
                out4[0] = so * Math.tanh(c);
                break;
            case STATE_GRAD_Z:
                out4[0] = d * tg * (si * (1 - si));
                out4[1] = d * c * (sf * (1 - sf));
                out4[2] = d * si * ((1 - tg) * (1 + tg));
                out4[3] = 0;
                break;
            case STATE_GRAD_C:
                out4[0] = d * sf;
                break;
            case OUTPUT_GRAD_Z: {
                out4[0] = 0;
                out4[1] = 0;
                out4[2] = 0;
                out4[3] = d * Math.tanh(c) * (so * (1 - so));
                break;
            }
            default: {
                double tc = Math.tanh(c);
                out4[0] = d * so * ((1 - tc) * (1 + tc));
            }
        }
    }
}
