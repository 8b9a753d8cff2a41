package org.adjoint.proptest;

import java.util.List;
import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.testing.Gen;

/**
 * Generators and plain-loop F64 references for the network ops (softmax family, cross-entropy,
 * convolution, pooling, batched matmul). Independent of the ops' kernels, tables and GEMM.
 */
final class NetGen {

    private NetGen() {
    }

    /** I32 labels in [0, classes). */
    static Tensor labels(SplittableRandom rnd, int batch, int classes) {
        int[] l = new int[batch];
        for (int i = 0; i < batch; i++) {
            l[i] = rnd.nextInt(classes);
        }
        return Tensor.of(l, batch);
    }

    /**
     * Values that are pairwise at least {@code gap} apart (a shuffled ladder plus small jitter), so
     * that a max never ties and finite differences never flip an argmax.
     */
    static Tensor distinct(SplittableRandom rnd, Shape shape, double gap) {
        int n = shape.size();
        int[] perm = Gen.permutation(rnd, n);
        Tensor t = Tensor.zeros(DType.F64, shape);
        for (int i = 0; i < n; i++) {
            t.setDouble(i, (perm[i] - n / 2.0) * gap + rnd.nextDouble() * gap * 0.2);
        }
        return t;
    }

    // ---- references ---------------------------------------------------------------------------

    /** Softmax (or log-softmax) along {@code axis}, max-subtracted, by explicit strides. */
    static Tensor softmax(Tensor x, int axis, boolean log) {
        Shape s = x.shape();
        int a = axis < 0 ? axis + s.rank() : axis;
        int n = s.dim(a);
        int inner = 1;
        for (int d = a + 1; d < s.rank(); d++) {
            inner *= s.dim(d);
        }
        int outer = x.size() / Math.max(1, n * inner);
        Tensor y = Tensor.zeros(DType.F64, s);
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) {
                    max = Math.max(max, x.getDouble((o * n + k) * inner + i));
                }
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += Math.exp(x.getDouble((o * n + k) * inner + i) - max);
                }
                for (int k = 0; k < n; k++) {
                    int at = (o * n + k) * inner + i;
                    double z = x.getDouble(at) - max;
                    y.setDouble(at, log ? z - Math.log(sum) : Math.exp(z) / sum);
                }
            }
        }
        return y;
    }

    /** Per-row {@code -sum_j z[r, j] log_softmax(x)[r, j]}. */
    static Tensor crossEntropy(Tensor x, Tensor z) {
        int rows = x.shape().dim(0);
        int cols = x.shape().dim(1);
        Tensor ls = softmax(x, 1, true);
        Tensor out = Tensor.zeros(DType.F64, Shape.of(rows));
        for (int r = 0; r < rows; r++) {
            double acc = 0;
            for (int j = 0; j < cols; j++) {
                acc -= z.getDouble(r * cols + j) * ls.getDouble(r * cols + j);
            }
            out.setDouble(r, acc);
        }
        return out;
    }

    /** One-hot rows of the labels with {@code classes} columns. */
    static Tensor oneHot(Tensor labels, int classes) {
        int rows = labels.size();
        Tensor out = Tensor.zeros(DType.F64, Shape.of(rows, classes));
        for (int r = 0; r < rows; r++) {
            out.setDouble(r * classes + (int) labels.getDouble(r), 1);
        }
        return out;
    }

    /** Batched op(a) op(b); b of rank 2 is shared by every matrix of a. */
    static Tensor batchedMatmul(Tensor a, Tensor b, boolean ta, boolean tb) {
        int batch = a.shape().dim(0);
        int m = ta ? a.shape().dim(2) : a.shape().dim(1);
        int k = ta ? a.shape().dim(1) : a.shape().dim(2);
        boolean shared = b.shape().rank() == 2;
        int n = tb ? b.shape().dim(-2) : b.shape().dim(-1);
        Tensor c = Tensor.zeros(DType.F64, Shape.of(batch, m, n));
        for (int p = 0; p < batch; p++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int q = 0; q < k; q++) {
                        double av = ta ? a.get(p, q, i) : a.get(p, i, q);
                        double bv = shared ? (tb ? b.get(j, q) : b.get(q, j)) : (tb ? b.get(p, j, q) : b.get(p, q, j));
                        acc += av * bv;
                    }
                    c.setDouble((p * m + i) * n + j, acc);
                }
            }
        }
        return c;
    }

    /** Convolution geometry of a sample: attrs {@code [sh, sw, ph, pw]} (+ {@code [kh, kw]} where needed). */
    static int outSize(int size, int k, int s, int p) {
        return (size + 2 * p - k) / s + 1;
    }

    /** Input pixel read by output (oy, ox) at kernel offset (i, j), or -1 outside the image. */
    private static int pixel(int oy, int ox, int i, int j, int h, int w, int[] at) {
        int y = oy * at[0] - at[2] + i;
        int x = ox * at[1] - at[3] + j;
        return y < 0 || y >= h || x < 0 || x >= w ? -1 : y * w + x;
    }

    /**
     * The three convolution maps at once, by the definition: visits every (n, f, c, oy, ox, i, j)
     * term {@code w[f,c,i,j] x[n,c,pixel]} and accumulates it into y (mode 0), dx = sum g w
     * (mode 1) or dw = sum g x (mode 2).
     */
    static Tensor conv(int mode, Tensor x, Tensor w, Tensor g, Shape xs, Shape ws, int[] at) {
        int n = xs.dim(0);
        int c = xs.dim(1);
        int h = xs.dim(2);
        int wd = xs.dim(3);
        int f = ws.dim(0);
        int kh = ws.dim(2);
        int kw = ws.dim(3);
        int oh = outSize(h, kh, at[0], at[2]);
        int ow = outSize(wd, kw, at[1], at[3]);
        Shape outShape = mode == 0 ? Shape.of(n, f, oh, ow) : mode == 1 ? xs : ws;
        double[] out = new double[outShape.size()];
        for (int b = 0; b < n; b++) {
            for (int ff = 0; ff < f; ff++) {
                for (int cc = 0; cc < c; cc++) {
                    for (int oy = 0; oy < oh; oy++) {
                        for (int ox = 0; ox < ow; ox++) {
                            int yAt = ((b * f + ff) * oh + oy) * ow + ox;
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int px = pixel(oy, ox, i, j, h, wd, at);
                                    if (px < 0) {
                                        continue;
                                    }
                                    int xAt = (b * c + cc) * h * wd + px;
                                    int wAt = ((ff * c + cc) * kh + i) * kw + j;
                                    if (mode == 0) {
                                        out[yAt] += w.getDouble(wAt) * x.getDouble(xAt);
                                    } else if (mode == 1) {
                                        out[xAt] += g.getDouble(yAt) * w.getDouble(wAt);
                                    } else {
                                        out[wAt] += g.getDouble(yAt) * x.getDouble(xAt);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Tensor.of(out, outShape.dims());
    }

    /**
     * Pooling by the definition over windows {@code at = [kh, kw, sh, sw]}: mode 0 max of x,
     * 1 mean of x, 2 max-pool gradient (g to each window's first maximum of x), 3 average-pool
     * gradient (g spread over the window).
     */
    static Tensor pool(int mode, Tensor x, Tensor g, Shape xs, int[] at) {
        int planes = xs.dim(0) * xs.dim(1);
        int h = xs.dim(2);
        int w = xs.dim(3);
        int oh = (h - at[0]) / at[2] + 1;
        int ow = (w - at[1]) / at[3] + 1;
        boolean forward = mode < 2;
        double[] out = new double[forward ? planes * oh * ow : xs.size()];
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int yAt = (p * oh + oy) * ow + ox;
                    int best = -1;
                    double max = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    for (int i = 0; i < at[0]; i++) {
                        for (int j = 0; j < at[1]; j++) {
                            int xAt = (p * h + oy * at[2] + i) * w + ox * at[3] + j;
                            if (mode == 3) {
                                out[xAt] += g.getDouble(yAt) / (at[0] * at[1]);
                                continue;
                            }
                            double v = x.getDouble(xAt);
                            sum += v;
                            if (best < 0 || v > max) {
                                max = v;
                                best = xAt;
                            }
                        }
                    }
                    if (mode == 0) {
                        out[yAt] = max;
                    } else if (mode == 1) {
                        out[yAt] = sum / (at[0] * at[1]);
                    } else if (mode == 2) {
                        out[best] += g.getDouble(yAt);
                    }
                }
            }
        }
        Shape s = forward ? Shape.of(xs.dim(0), xs.dim(1), oh, ow) : xs;
        return Tensor.of(out, s.dims());
    }

    /** Pooled size along one axis by PyTorch's rule (ceil mode: the last window must start inside the input or its left padding). */
    static int pooledSize(int size, int k, int s, int p, boolean ceil) {
        int span = size + 2 * p - k;
        int out = (ceil ? (int) Math.ceil(span / (double) s) : span / s) + 1;
        if (ceil && (out - 1) * s >= size + p) {
            out--;
        }
        return out;
    }

    /**
     * Padded pooling by the definition, {@code at = [kh, kw, sh, sw, ph, pw, ceil]}: window
     * elements outside the input are skipped; mode 0 max, 1 mean over the elements inside, 2 the
     * max-pool gradient, 3 the average-pool gradient.
     */
    static Tensor paddedPool(int mode, Tensor x, Tensor g, Shape xs, int[] at) {
        int planes = xs.dim(0) * xs.dim(1);
        int h = xs.dim(2);
        int w = xs.dim(3);
        boolean ceil = at[6] == 1;
        int oh = pooledSize(h, at[0], at[2], at[4], ceil);
        int ow = pooledSize(w, at[1], at[3], at[5], ceil);
        boolean forward = mode < 2;
        double[] out = new double[forward ? planes * oh * ow : xs.size()];
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int yAt = (p * oh + oy) * ow + ox;
                    List<Integer> inside = new java.util.ArrayList<>();
                    for (int i = 0; i < at[0]; i++) {
                        for (int j = 0; j < at[1]; j++) {
                            int y = oy * at[2] - at[4] + i;
                            int xx = ox * at[3] - at[5] + j;
                            if (y >= 0 && y < h && xx >= 0 && xx < w) {
                                inside.add((p * h + y) * w + xx);
                            }
                        }
                    }
                    int best = inside.get(0);
                    double sum = 0;
                    for (int at0 : inside) {
                        sum += mode == 3 ? 0 : x.getDouble(at0);
                        if (mode != 3 && x.getDouble(at0) > x.getDouble(best)) {
                            best = at0;
                        }
                    }
                    if (mode == 0) {
                        out[yAt] = x.getDouble(best);
                    } else if (mode == 1) {
                        out[yAt] = sum / inside.size();
                    } else if (mode == 2) {
                        out[best] += g.getDouble(yAt);
                    } else {
                        for (int at0 : inside) {
                            out[at0] += g.getDouble(yAt) / inside.size();
                        }
                    }
                }
            }
        }
        Shape s = forward ? Shape.of(xs.dim(0), xs.dim(1), oh, ow) : xs;
        return Tensor.of(out, s.dims());
    }
}
