package org.adjoint.testing;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;

/** Plain-loop F64 references, independent of the kernels and of the ops' own broadcasting code. */
public final class Ref {

    private Ref() {
    }

    /** Elementwise {@code f(x)}. */
    public static Tensor unary(Tensor x, DoubleUnaryOperator f) {
        Tensor out = Tensor.zeros(DType.F64, x.shape());
        for (int i = 0; i < x.size(); i++) {
            out.setDouble(i, f.applyAsDouble(x.getDouble(i)));
        }
        return out;
    }

    /** Elementwise {@code f(a, b)} with NumPy broadcasting, by explicit multi-indices. */
    public static Tensor binary(Tensor a, Tensor b, DoubleBinaryOperator f) {
        Shape s = Shape.broadcast(a.shape(), b.shape());
        Tensor out = Tensor.zeros(DType.F64, s);
        int[] idx = new int[s.rank()];
        for (int i = 0; i < out.size(); i++) {
            unflatten(i, s, idx);
            out.setDouble(i, f.applyAsDouble(at(a, idx), at(b, idx)));
        }
        return out;
    }

    /** Element of {@code t} at the broadcast multi-index {@code idx} (aligned right, size-1 dims repeat). */
    public static double at(Tensor t, int[] idx) {
        Shape s = t.shape();
        int lead = idx.length - s.rank();
        int flat = 0;
        for (int d = 0; d < s.rank(); d++) {
            int i = s.dim(d) == 1 ? 0 : idx[lead + d];
            flat = flat * s.dim(d) + i;
        }
        return t.getDouble(flat);
    }

    /** Writes the row-major multi-index of {@code flat} into {@code idx}. */
    public static void unflatten(int flat, Shape s, int[] idx) {
        for (int d = s.rank() - 1; d >= 0; d--) {
            idx[d] = flat % s.dim(d);
            flat /= s.dim(d);
        }
    }

    /** A rank-0 F64 tensor. */
    public static Tensor scalar(double v) {
        return Tensor.scalar(DType.F64, v);
    }

    /** F64 tensor of {@code shape} filled with {@code v}. */
    public static Tensor full(Shape shape, double v) {
        Tensor out = Tensor.zeros(DType.F64, shape);
        for (int i = 0; i < out.size(); i++) {
            out.setDouble(i, v);
        }
        return out;
    }

    /** The same elements in row-major order with another shape (a copy). */
    public static Tensor reshape(Tensor x, Shape shape) {
        Tensor out = Tensor.zeros(DType.F64, shape);
        for (int i = 0; i < out.size(); i++) {
            out.setDouble(i, x.getDouble(i));
        }
        return out;
    }

    /** {@code op(a) op(b)} by the triple loop, op transposing when its flag is set. */
    public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        int m = transA ? a.shape().dim(1) : a.shape().dim(0);
        int k = transA ? a.shape().dim(0) : a.shape().dim(1);
        int n = transB ? b.shape().dim(0) : b.shape().dim(1);
        Tensor out = Tensor.zeros(DType.F64, Shape.of(m, n));
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a.get(p, i) : a.get(i, p);
                    double bv = transB ? b.get(j, p) : b.get(p, j);
                    acc += av * bv;
                }
                out.setDouble(i * n + j, acc);
            }
        }
        return out;
    }

    /** Output axis i is input axis {@code perm[i]}; an empty perm reverses the axes. */
    public static Tensor transpose(Tensor x, int[] perm) {
        int rank = x.shape().rank();
        int[] p = perm.length == 0 ? reversed(rank) : perm;
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = x.shape().dim(p[i]);
        }
        Shape os = Shape.of(dims);
        Tensor out = Tensor.zeros(DType.F64, os);
        int[] idx = new int[rank];
        int[] src = new int[rank];
        for (int i = 0; i < out.size(); i++) {
            unflatten(i, os, idx);
            for (int d = 0; d < rank; d++) {
                src[p[d]] = idx[d];
            }
            out.setDouble(i, x.get(src));
        }
        return out;
    }

    private static int[] reversed(int rank) {
        int[] p = new int[rank];
        for (int i = 0; i < rank; i++) {
            p[i] = rank - 1 - i;
        }
        return p;
    }

    /** Sum over {@code axes} (negative count from the end; empty: all), removed or kept as size 1. */
    public static Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        Shape s = x.shape();
        boolean[] reduced = new boolean[s.rank()];
        if (axes.length == 0) {
            Arrays.fill(reduced, true);
        }
        for (int a : axes) {
            reduced[a < 0 ? a + s.rank() : a] = true;
        }
        int[] dims = new int[s.rank()];
        int outRank = 0;
        for (int d = 0; d < s.rank(); d++) {
            if (!reduced[d]) {
                dims[outRank++] = s.dim(d);
            } else if (keepDims) {
                dims[outRank++] = 1;
            }
        }
        Shape os = Shape.of(Arrays.copyOf(dims, outRank));
        Tensor out = Tensor.zeros(DType.F64, os);
        int[] idx = new int[s.rank()];
        for (int i = 0; i < x.size(); i++) {
            unflatten(i, s, idx);
            int flat = 0;
            for (int d = 0, od = 0; d < s.rank(); d++) {
                if (!reduced[d]) {
                    flat = flat * os.dim(od++) + idx[d];
                } else if (keepDims) {
                    od++; // size 1: contributes index 0
                }
            }
            out.setDouble(flat, out.getDouble(flat) + x.getDouble(i));
        }
        return out;
    }

    /** {@code s} with size-1 dimensions inserted at the (output) positions {@code axes}. */
    public static Shape insertAxes(Shape s, int[] axes) {
        int[] dims = new int[s.rank() + axes.length];
        boolean[] inserted = new boolean[dims.length];
        for (int a : axes) {
            inserted[a] = true;
        }
        for (int d = 0, j = 0; d < dims.length; d++) {
            dims[d] = inserted[d] ? 1 : s.dim(j++);
        }
        return Shape.of(dims);
    }

    /** {@code x} with size-1 axes inserted at {@code axes}, broadcast to {@code target}. */
    public static Tensor broadcastTo(Tensor x, int[] axes, Shape target) {
        Tensor viewed = reshape(x, insertAxes(x.shape(), axes));
        Tensor out = Tensor.zeros(DType.F64, target);
        int[] idx = new int[target.rank()];
        for (int i = 0; i < out.size(); i++) {
            unflatten(i, target, idx);
            out.setDouble(i, at(viewed, idx));
        }
        return out;
    }

    /** Sums {@code g} down to {@code target} with size-1 axes inserted at {@code axes} (the reverse of broadcastTo). */
    public static Tensor sumTo(Tensor g, Shape target, int[] axes) {
        Shape e = insertAxes(target, axes);
        Shape gs = g.shape();
        int lead = gs.rank() - e.rank();
        Tensor out = Tensor.zeros(DType.F64, target);
        int[] idx = new int[gs.rank()];
        for (int i = 0; i < g.size(); i++) {
            unflatten(i, gs, idx);
            int flat = 0;
            for (int d = 0; d < e.rank(); d++) {
                int id = e.dim(d) == 1 ? 0 : idx[lead + d];
                flat = flat * e.dim(d) + id;
            }
            out.setDouble(flat, out.getDouble(flat) + g.getDouble(i));
        }
        return out;
    }
}
