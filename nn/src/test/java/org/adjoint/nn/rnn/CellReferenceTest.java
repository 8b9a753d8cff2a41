package org.adjoint.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.ops.Ops;
import org.junit.jupiter.api.Test;

/**
 * Each cell against values computed independently: PyTorch's own outputs (nn.LSTM and nn.GRU in
 * float64, weights set from closed-form patterns by the script quoted below), and plain loops
 * over the equations as the course and PyTorch's documentation write them (column vectors,
 * their matrix layouts), with our variables set through the documented layout mapping.
 */
class CellReferenceTest {

    static final int I = 3;
    static final int H = 2;
    static final int T = 3;
    static final int B = 2;

    /** PyTorch's weight pattern: {@code sin(a·(r·cols + c) + b)·0.5}. */
    static double[][] pat(int rows, int cols, double a, double b) {
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r][c] = Math.sin(a * (r * cols + c) + b) * 0.5;
            }
        }
        return m;
    }

    static double[] vec(int n, double a, double b) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = Math.cos(a * k + b) * 0.3;
        }
        return v;
    }

    /** x[b][t][i] = sin(0.37·(b·T·I + t·I + i) + 0.1). */
    static double[][][] input() {
        double[][][] x = new double[B][T][I];
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                for (int i = 0; i < I; i++) {
                    x[b][t][i] = Math.sin(0.37 * (b * T * I + t * I + i) + 0.1);
                }
            }
        }
        return x;
    }

    static Tensor tensor(double[][] m) {
        double[] d = new double[m.length * m[0].length];
        for (int r = 0; r < m.length; r++) {
            System.arraycopy(m[r], 0, d, r * m[0].length, m[0].length);
        }
        return Tensor.of(d, m.length, m[0].length);
    }

    static Tensor tensor(double[][][] x) {
        double[] d = new double[B * T * I];
        int k = 0;
        for (double[][] a : x) {
            for (double[] r : a) {
                for (double v : r) {
                    d[k++] = v;
                }
            }
        }
        return Tensor.of(d, B, T, I);
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** {@code W v} for W [rows, cols]. */
    static double[] mv(double[][] w, double[] v) {
        double[] out = new double[w.length];
        for (int r = 0; r < w.length; r++) {
            for (int c = 0; c < v.length; c++) {
                out[r] += w[r][c] * v[c];
            }
        }
        return out;
    }

    static double[][] rows(double[][] w, int from, int to) {
        return java.util.Arrays.copyOfRange(w, from, to);
    }

    static double[] part(double[] v, int from, int to) {
        return java.util.Arrays.copyOfRange(v, from, to);
    }

    /** A model: F64 input [?, T, I] through one recurrent layer; the [B, T, H] output for {@link #input()}. */
    private static final class Harness {
        final Graph g = new Graph();
        final Node x = Ops.on(g).placeholder("x", DType.F64, Shape.of(-1, T, I));
        final RecurrentCell cell;
        final Node out;

        Harness(RecurrentCell cell) {
            this.cell = cell;
            this.out = new Recurrent(cell).call(x);
        }

        Tensor run() {
            return new Session(g).eval(Feeds.of(x, tensor(input())), out);
        }
    }

    private static void assertClose(double[] expected, Tensor actual, double tol) {
        assertEquals(expected.length, actual.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual.getDouble(i), tol, "element " + i);
        }
    }

    // ---- PyTorch-convention cells against PyTorch itself -------------------------------------------

    /*
     * Values printed by PyTorch 1.13.1 (float64) for:
     *   mod = torch.nn.LSTM(3, 2, batch_first=True)   # or torch.nn.GRU
     *   weight_ih_l0 = pat(G*H, I, 0.7, 0.2); weight_hh_l0 = pat(G*H, H, 1.3, 0.5)
     *   bias_ih_l0 = vec(G*H, 0.9, 0.1);      bias_hh_l0 = vec(G*H, 1.7, 0.4)
     *   out, _ = mod(x)   # x as in input(), out flattened [B, T, H]
     */
    static final double[] TORCH_LSTM = {-0.10230708469159663, -0.17126542887896012, 0.07690334862521377,
        -0.4040272436491639, 0.11424626067166316, -0.4660642144702187, 0.0030658860153150937, 0.10565195210536175,
        -0.03315975615324319, 0.20516024565851068, -0.12709945400117625, 0.1296401538273333};
    static final double[] TORCH_GRU = {-0.1697062869503823, -0.19804744702916982, 0.0821731633378316,
        -0.4051275770130593, 0.14016400380175176, -0.5253925619853979, -0.03354854787876105, 0.2832216611988243,
        -0.12984937910516442, 0.6386439616044766, -0.24671511227293247, 0.4513929864168457};

    @Test
    void lstmWithPyTorchWeightsGivesPyTorchOutputs() {
        Harness h = new Harness(new LstmCell(H));
        ((LstmCell) h.cell).loadTorchWeights(tensor(pat(4 * H, I, 0.7, 0.2)), tensor(pat(4 * H, H, 1.3, 0.5)),
                Tensor.of(vec(4 * H, 0.9, 0.1), 4 * H), Tensor.of(vec(4 * H, 1.7, 0.4), 4 * H));
        assertClose(TORCH_LSTM, h.run(), 1e-13);
    }

    @Test
    void torchGruWithPyTorchWeightsGivesPyTorchOutputs() {
        Harness h = new Harness(GruCell.torch(H));
        ((GruCell) h.cell).loadTorchWeights(tensor(pat(3 * H, I, 0.7, 0.2)), tensor(pat(3 * H, H, 1.3, 0.5)),
                Tensor.of(vec(3 * H, 0.9, 0.1), 3 * H), Tensor.of(vec(3 * H, 1.7, 0.4), 3 * H));
        assertClose(TORCH_GRU, h.run(), 1e-13);
    }

    // ---- plain loops over the documented equations -------------------------------------------------

    /** PyTorch's documented LSTM, weight rows [i; f; g; o]. */
    static double[] lstmReference(double[][] wih, double[][] whh, double[] bih, double[] bhh) {
        double[][][] x = input();
        double[] out = new double[B * T * H];
        for (int b = 0; b < B; b++) {
            double[] h = new double[H];
            double[] c = new double[H];
            for (int t = 0; t < T; t++) {
                double[] zx = mv(wih, x[b][t]);
                double[] zh = mv(whh, h);
                double[] nc = new double[H];
                double[] nh = new double[H];
                for (int k = 0; k < H; k++) {
                    double i = sigmoid(zx[k] + bih[k] + zh[k] + bhh[k]);
                    double f = sigmoid(zx[H + k] + bih[H + k] + zh[H + k] + bhh[H + k]);
                    double g = Math.tanh(zx[2 * H + k] + bih[2 * H + k] + zh[2 * H + k] + bhh[2 * H + k]);
                    double o = sigmoid(zx[3 * H + k] + bih[3 * H + k] + zh[3 * H + k] + bhh[3 * H + k]);
                    nc[k] = f * c[k] + i * g;
                    nh[k] = o * Math.tanh(nc[k]);
                }
                c = nc;
                h = nh;
                System.arraycopy(h, 0, out, (b * T + t) * H, H);
            }
        }
        return out;
    }

    /** PyTorch's documented GRU, rows [r; z; n], reset after the hidden product. */
    static double[] torchGruReference(double[][] wih, double[][] whh, double[] bih, double[] bhh) {
        double[][][] x = input();
        double[] out = new double[B * T * H];
        for (int b = 0; b < B; b++) {
            double[] h = new double[H];
            for (int t = 0; t < T; t++) {
                double[] zx = mv(wih, x[b][t]);
                double[] zh = mv(whh, h);
                double[] nh = new double[H];
                for (int k = 0; k < H; k++) {
                    double r = sigmoid(zx[k] + bih[k] + zh[k] + bhh[k]);
                    double z = sigmoid(zx[H + k] + bih[H + k] + zh[H + k] + bhh[H + k]);
                    double n = Math.tanh(zx[2 * H + k] + bih[2 * H + k] + r * (zh[2 * H + k] + bhh[2 * H + k]));
                    nh[k] = (1 - z) * n + z * h[k];
                }
                h = nh;
                System.arraycopy(h, 0, out, (b * T + t) * H, H);
            }
        }
        return out;
    }

    @Test
    void lstmMatchesTheDocumentedEquationsAndForgetBiasStartsAtOne() {
        double[][] wih = pat(4 * H, I, 0.31, 0.7);
        double[][] whh = pat(4 * H, H, 0.53, 0.1);
        double[] bih = vec(4 * H, 0.4, 0.2);
        double[] bhh = vec(4 * H, 0.8, 0.9);
        Harness h = new Harness(new LstmCell(H).forgetBias(1.0));
        Tensor b = ((LstmCell) h.cell).b().value();
        assertEquals(0.0, b.getDouble(0));
        assertEquals(1.0, b.getDouble(H));
        assertEquals(1.0, b.getDouble(2 * H - 1));
        assertEquals(0.0, b.getDouble(2 * H));
        ((LstmCell) h.cell).loadTorchWeights(tensor(wih), tensor(whh), Tensor.of(bih, 4 * H), Tensor.of(bhh, 4 * H));
        assertClose(lstmReference(wih, whh, bih, bhh), h.run(), 1e-13);
    }

    @Test
    void torchGruMatchesTheDocumentedEquations() {
        double[][] wih = pat(3 * H, I, 0.31, 0.7);
        double[][] whh = pat(3 * H, H, 0.53, 0.1);
        double[] bih = vec(3 * H, 0.4, 0.2);
        double[] bhh = vec(3 * H, 0.8, 0.9);
        Harness h = new Harness(GruCell.torch(H));
        ((GruCell) h.cell).loadTorchWeights(tensor(wih), tensor(whh), Tensor.of(bih, 3 * H), Tensor.of(bhh, 3 * H));
        assertClose(torchGruReference(wih, whh, bih, bhh), h.run(), 1e-13);
    }

    /** Sets variable {@code v} [in, G·H] block {@code block} to {@code mᵀ} for m [H, in]. */
    static void setBlock(Node v, int block, double[][] m) {
        Tensor t = v.value();
        int cols = v.shape().dim(1);
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < m[0].length; c++) {
                t.setDouble(c * cols + block * H + r, m[r][c]);
            }
        }
    }

    static void setBias(Node v, int block, double[] b) {
        for (int k = 0; k < H; k++) {
            v.value().setDouble(block * H + k, b[k]);
        }
    }

    /** The course's matrix W [H, H + I] acting on [c; x], split into its c and x columns. */
    static double[][][] courseMatrix(double a, double b) {
        double[][] w = pat(H, H + I, a, b);
        double[][] wc = new double[H][H];
        double[][] wx = new double[H][I];
        for (int r = 0; r < H; r++) {
            System.arraycopy(w[r], 0, wc[r], 0, H);
            System.arraycopy(w[r], H, wx[r], 0, I);
        }
        return new double[][][] {w, wc, wx};
    }

    static double[] concat(double[] a, double[] b) {
        double[] out = new double[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void courseGrusMatchTheCourseEquations() {
        for (boolean full : new boolean[] {false, true}) {
            double[][][] wu = courseMatrix(0.41, 0.3);
            double[][][] wr = courseMatrix(0.67, 1.1);
            double[][][] wc = courseMatrix(0.23, 2.0);
            double[] bu = vec(H, 0.5, 0.3);
            double[] br = vec(H, 0.6, 1.3);
            double[] bc = vec(H, 0.7, 2.3);
            GruCell cell = full ? GruCell.full(H) : GruCell.simplified(H);
            Harness h = new Harness(cell);
            Node wx = h.g.node("gru/w_x");
            Node wh = h.g.node("gru/w_h");
            Node b = h.g.node("gru/b");
            setBlock(wx, 0, wu[2]);
            setBlock(wh, 0, wu[1]);
            setBias(b, 0, bu);
            if (full) {            // [u | r | c] and w_hc
                setBlock(wx, 1, wr[2]);
                setBlock(wh, 1, wr[1]);
                setBias(b, 1, br);
                setBlock(wx, 2, wc[2]);
                setBlock(h.g.node("gru/w_hc"), 0, wc[1]);
                setBias(b, 2, bc);
            } else {               // [u | c]
                setBlock(wx, 1, wc[2]);
                setBlock(wh, 1, wc[1]);
                setBias(b, 1, bc);
            }
            double[][][] x = input();
            double[] expected = new double[B * T * H];
            for (int n = 0; n < B; n++) {
                double[] c = new double[H];
                for (int t = 0; t < T; t++) {
                    double[] gu = mv(wu[0], concat(c, x[n][t]));
                    double[] gr = mv(wr[0], concat(c, x[n][t]));
                    double[] reset = new double[H];
                    for (int k = 0; k < H; k++) {
                        reset[k] = full ? sigmoid(gr[k] + br[k]) * c[k] : c[k];   // Γr ∗ c⟨t−1⟩
                    }
                    double[] gc = mv(wc[0], concat(reset, x[n][t]));
                    double[] next = new double[H];
                    for (int k = 0; k < H; k++) {
                        double u = sigmoid(gu[k] + bu[k]);
                        double cand = Math.tanh(gc[k] + bc[k]);
                        next[k] = u * cand + (1 - u) * c[k];
                    }
                    c = next;
                    System.arraycopy(c, 0, expected, (n * T + t) * H, H);
                }
            }
            assertClose(expected, h.run(), 1e-13);
        }
    }

    @Test
    void simpleRnnMatchesTheCourseEquationsWithTanhAndRelu() {
        for (SimpleRnnCell.Nonlinearity g : SimpleRnnCell.Nonlinearity.values()) {
            double[][] waa = pat(H, H, 0.9, 0.4);
            double[][] wax = pat(H, I, 0.35, 1.2);
            double[] ba = vec(H, 0.7, 0.5);
            Harness h = new Harness(new SimpleRnnCell(H, g));
            setBlock(h.g.node("simple_rnn/w_x"), 0, wax);
            setBlock(h.g.node("simple_rnn/w_h"), 0, waa);
            setBias(h.g.node("simple_rnn/b"), 0, ba);
            double[][][] x = input();
            double[] expected = new double[B * T * H];
            for (int n = 0; n < B; n++) {
                double[] a = new double[H];                      // a⟨0⟩ = 0
                for (int t = 0; t < T; t++) {
                    double[] za = mv(waa, a);
                    double[] zx = mv(wax, x[n][t]);
                    double[] next = new double[H];
                    for (int k = 0; k < H; k++) {
                        double z = za[k] + zx[k] + ba[k];
                        next[k] = g == SimpleRnnCell.Nonlinearity.TANH ? Math.tanh(z) : Math.max(z, 0);
                    }
                    a = next;
                    System.arraycopy(a, 0, expected, (n * T + t) * H, H);
                }
            }
            Tensor got = h.run();
            assertClose(expected, got, 1e-13);
            if (g == SimpleRnnCell.Nonlinearity.RELU) {
                for (int i = 0; i < got.size(); i++) {
                    assertTrue(got.getDouble(i) >= 0, "relu output " + got.getDouble(i));
                }
            }
        }
    }

    @Test
    void theThreeGrusAreDifferentFunctions() {
        double[] full = new Harness(GruCell.full(H)).run().toDoubleArray();
        double[] torch = new Harness(GruCell.torch(H)).run().toDoubleArray();
        double[] simple = new Harness(GruCell.simplified(H)).run().toDoubleArray();
        assertNotEquals(full[full.length - 1], torch[torch.length - 1]);
        assertNotEquals(full[full.length - 1], simple[simple.length - 1]);
    }

    @Test
    void pytorchWeightsOfTheWrongShapeOrFormAreRejectedByName() {
        Harness h = new Harness(new LstmCell(H));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ((LstmCell) h.cell).loadTorchWeights(tensor(pat(3 * H, I, 1, 1)), tensor(pat(4 * H, H, 1, 1)),
                        Tensor.of(vec(4 * H, 1, 1), 4 * H), Tensor.of(vec(4 * H, 1, 1), 4 * H)));
        assertEquals("lstm 'lstm': weight_ih must be [8, 3] for 'lstm/w_x' [3, 8], got [6, 3]", e.getMessage());
        Harness g = new Harness(GruCell.full(H));
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> ((GruCell) g.cell).loadTorchWeights(null, null, null, null));
        assertTrue(s.getMessage().contains("TORCH form only, this cell is FULL"), s.getMessage());
    }
}
