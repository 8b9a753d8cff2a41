package org.adjoint.proptest;

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
}
