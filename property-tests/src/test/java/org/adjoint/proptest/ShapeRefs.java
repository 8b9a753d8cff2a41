package org.adjoint.proptest;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.testing.Gen;
import org.adjoint.testing.Ref;

/**
 * Generators and plain-loop F64 references for the elementwise, reduction and shape specs
 * (ElementwiseSpecs, ReductionShapeSpecs): multi-index loops, independent of the ops' code.
 */
final class ShapeRefs {

    private ShapeRefs() {
    }

    // ---- generators ------------------------------------------------------------------------------

    /**
     * Distinct values (no ties, at least 0.05 apart, in about [-n/40, n/40]) in random order: for
     * max/min/argmax, whose gradients jump at ties.
     */
    static Tensor distinct(SplittableRandom rnd, Shape shape) {
        int n = shape.size();
        int[] p = Gen.permutation(rnd, n);
        Tensor t = Tensor.zeros(DType.F64, shape);
        for (int i = 0; i < n; i++) {
            t.setDouble(i, (p[i] - n / 2.0) * 0.05 + 0.01 * rnd.nextDouble());
        }
        return t;
    }

    /** Values from a grid {@code offset + 0.1 k} in [-2, 2]: two grids with different offsets never tie. */
    static Tensor grid(SplittableRandom rnd, Shape shape, double offset) {
        Tensor t = Tensor.zeros(DType.F64, shape);
        for (int i = 0; i < t.size(); i++) {
            t.setDouble(i, offset + 0.1 * (rnd.nextInt(41) - 20));
        }
        return t;
    }

    /** Uniform values in [lo, hi) at least {@code gap} away from each of {@code kinks}. */
    static Tensor awayFrom(SplittableRandom rnd, Shape shape, double lo, double hi, double gap, double... kinks) {
        Tensor t = Tensor.zeros(DType.F64, shape);
        for (int i = 0; i < t.size(); i++) {
            double v;
            boolean near;
            do {
                v = lo + (hi - lo) * rnd.nextDouble();
                near = false;
                for (double k : kinks) {
                    near |= Math.abs(v - k) < gap;
                }
            } while (near);
            t.setDouble(i, v);
        }
        return t;
    }

    /** I32 indices in [0, limit) of the given shape (repeats likely). */
    static Tensor indices(SplittableRandom rnd, Shape shape, int limit) {
        Tensor t = Tensor.zeros(DType.I32, shape);
        for (int i = 0; i < t.size(); i++) {
            t.ints()[i] = rnd.nextInt(limit);
        }
        return t;
    }

    /** Random axes of {@code rank} written with a random sign. */
    static int[] signedAxes(SplittableRandom rnd, int rank) {
        int[] axes = Gen.axes(rnd, rank);
        for (int i = 0; i < axes.length; i++) {
            if (rnd.nextBoolean()) {
                axes[i] -= rank;
            }
        }
        return axes;
    }

    static int[] tail(int[] a) {
        return Arrays.copyOfRange(a, 1, a.length);
    }

    static int[] concat(int first, int[] rest) {
        int[] out = new int[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    // ---- references ------------------------------------------------------------------------------

    /** {@code mask != 0 ? a : b} with three-way NumPy broadcasting. */
    static Tensor where(Tensor mask, Tensor a, Tensor b) {
        Shape s = Shape.broadcast(mask.shape(), Shape.broadcast(a.shape(), b.shape()));
        Tensor out = Tensor.zeros(DType.F64, s);
        int[] idx = new int[s.rank()];
        for (int i = 0; i < out.size(); i++) {
            Ref.unflatten(i, s, idx);
            out.setDouble(i, Ref.at(mask, idx) != 0 ? Ref.at(a, idx) : Ref.at(b, idx));
        }
        return out;
    }

    /** The reduced shape (negative axes allowed; none: all). */
    static boolean[] reducedAxes(Shape s, int[] axes) {
        boolean[] reduced = new boolean[s.rank()];
        if (axes.length == 0) {
            Arrays.fill(reduced, true);
        }
        for (int a : axes) {
            reduced[a < 0 ? a + s.rank() : a] = true;
        }
        return reduced;
    }

    static Shape reducedShape(Shape s, boolean[] reduced, boolean keepDims) {
        int[] dims = new int[s.rank()];
        int n = 0;
        for (int d = 0; d < s.rank(); d++) {
            if (!reduced[d]) {
                dims[n++] = s.dim(d);
            } else if (keepDims) {
                dims[n++] = 1;
            }
        }
        return Shape.of(Arrays.copyOf(dims, n));
    }

    /** Flat output index of input multi-index {@code idx} under a reduction. */
    private static int reducedFlat(int[] idx, boolean[] reduced, Shape os, boolean keepDims) {
        int flat = 0;
        for (int d = 0, od = 0; d < idx.length; d++) {
            if (!reduced[d]) {
                flat = flat * os.dim(od++) + idx[d];
            } else if (keepDims) {
                od++;
            }
        }
        return flat;
    }

    /** Fold of {@code f} over the reduced axes starting from {@code init}. */
    static Tensor reduce(Tensor x, int[] axes, boolean keepDims, double init, DoubleBinaryOperator f) {
        Shape s = x.shape();
        boolean[] reduced = reducedAxes(s, axes);
        Shape os = reducedShape(s, reduced, keepDims);
        Tensor out = Ref.full(os, init);
        int[] idx = new int[s.rank()];
        for (int i = 0; i < x.size(); i++) {
            Ref.unflatten(i, s, idx);
            int o = reducedFlat(idx, reduced, os, keepDims);
            out.setDouble(o, f.applyAsDouble(out.getDouble(o), x.getDouble(i)));
        }
        return out;
    }

    /** {@code m + log(sum(exp(x - m)))} with the per-output maximum m. */
    static Tensor logSumExp(Tensor x, int[] axes, boolean keepDims) {
        Tensor m = reduce(x, axes, keepDims, Double.NEGATIVE_INFINITY, Math::max);
        Shape s = x.shape();
        boolean[] reduced = reducedAxes(s, axes);
        Tensor sum = Tensor.zeros(DType.F64, m.shape());
        int[] idx = new int[s.rank()];
        for (int i = 0; i < x.size(); i++) {
            Ref.unflatten(i, s, idx);
            int o = reducedFlat(idx, reduced, m.shape(), keepDims);
            sum.setDouble(o, sum.getDouble(o) + Math.exp(x.getDouble(i) - m.getDouble(o)));
        }
        for (int o = 0; o < sum.size(); o++) {
            sum.setDouble(o, m.getDouble(o) + Math.log(sum.getDouble(o)));
        }
        return sum;
    }

    /** Index of the first maximum (sign 1) or minimum (sign -1) along {@code axis}, as F64 values. */
    static Tensor argReduce(Tensor x, int axis, boolean keepDims, int sign) {
        Shape s = x.shape();
        int a = axis < 0 ? axis + s.rank() : axis;
        boolean[] reduced = new boolean[s.rank()];
        reduced[a] = true;
        Shape os = reducedShape(s, reduced, keepDims);
        Tensor best = Ref.full(os, Double.NEGATIVE_INFINITY);
        Tensor out = Tensor.zeros(DType.F64, os);
        int[] idx = new int[s.rank()];
        for (int i = 0; i < x.size(); i++) {
            Ref.unflatten(i, s, idx);
            int o = reducedFlat(idx, reduced, os, keepDims);
            double v = sign * x.getDouble(i);
            if (v > best.getDouble(o)) {
                best.setDouble(o, v);
                out.setDouble(o, idx[a]);
            }
        }
        return out;
    }

    /** Resolved {begin, size} per axis of slice attrs [begin..., end...] (negative, {@code Slice.END}). */
    static int[][] sliceBlock(Shape s, int[] at) {
        int rank = s.rank();
        int[] begin = new int[rank];
        int[] size = new int[rank];
        for (int d = 0; d < rank; d++) {
            int dim = s.dim(d);
            begin[d] = at[d] < 0 ? at[d] + dim : at[d];
            int e = at[rank + d] == Integer.MAX_VALUE ? dim : at[rank + d] < 0 ? at[rank + d] + dim : at[rank + d];
            size[d] = e - begin[d];
        }
        return new int[][] {begin, size};
    }

    /** Elements {@code x[begin + j]} for the block of extent {@code size}. */
    static Tensor block(Tensor x, int[] begin, Shape size) {
        Tensor out = Tensor.zeros(DType.F64, size);
        int[] idx = new int[size.rank()];
        int[] src = new int[size.rank()];
        for (int i = 0; i < out.size(); i++) {
            Ref.unflatten(i, size, idx);
            for (int d = 0; d < idx.length; d++) {
                src[d] = begin[d] + idx[d];
            }
            out.setDouble(i, x.get(src));
        }
        return out;
    }

    /** {@code x} surrounded by {@code value}. */
    static Tensor pad(Tensor x, int[] before, int[] after, double value) {
        Shape s = x.shape();
        int[] dims = new int[s.rank()];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = s.dim(d) + before[d] + after[d];
        }
        Shape os = Shape.of(dims);
        Tensor out = Ref.full(os, value);
        int[] idx = new int[s.rank()];
        int[] dst = new int[s.rank()];
        for (int i = 0; i < x.size(); i++) {
            Ref.unflatten(i, s, idx);
            for (int d = 0; d < idx.length; d++) {
                dst[d] = idx[d] + before[d];
            }
            int flat = 0;
            for (int d = 0; d < dst.length; d++) {
                flat = flat * os.dim(d) + dst[d];
            }
            out.setDouble(flat, x.getDouble(i));
        }
        return out;
    }

    /** Inputs joined along {@code axis}, element by element. */
    static Tensor concat(List<Tensor> xs, int axis) {
        Shape first = xs.get(0).shape();
        int a = axis < 0 ? axis + first.rank() : axis;
        int[] dims = first.dims();
        dims[a] = 0;
        for (Tensor x : xs) {
            dims[a] += x.shape().dim(a);
        }
        Shape os = Shape.of(dims);
        Tensor out = Tensor.zeros(DType.F64, os);
        int[] idx = new int[os.rank()];
        for (int i = 0; i < out.size(); i++) {
            Ref.unflatten(i, os, idx);
            int k = 0;
            int pos = idx[a];
            while (pos >= xs.get(k).shape().dim(a)) {
                pos -= xs.get(k).shape().dim(a);
                k++;
            }
            int[] src = idx.clone();
            src[a] = pos;
            out.setDouble(i, xs.get(k).get(src));
        }
        return out;
    }

    /** {@code table[indices[p], ...]} row by row. */
    static Tensor gather(Tensor table, Tensor indices) {
        int rows = table.shape().dim(0);
        int row = rows == 0 ? 0 : table.size() / rows;
        int[] dims = new int[indices.shape().rank() + table.shape().rank() - 1];
        for (int d = 0; d < indices.shape().rank(); d++) {
            dims[d] = indices.shape().dim(d);
        }
        for (int d = 1; d < table.shape().rank(); d++) {
            dims[indices.shape().rank() + d - 1] = table.shape().dim(d);
        }
        Tensor out = Tensor.zeros(DType.F64, Shape.of(dims));
        for (int p = 0; p < indices.size(); p++) {
            int r = (int) indices.getDouble(p);
            for (int j = 0; j < row; j++) {
                out.setDouble(p * row + j, table.getDouble(r * row + j));
            }
        }
        return out;
    }

    /** Zeros of {@code tableShape} with the rows of {@code updates} added at {@code indices}. */
    static Tensor scatterAdd(Tensor updates, Tensor indices, Shape tableShape) {
        Tensor out = Tensor.zeros(DType.F64, tableShape);
        int rows = tableShape.dim(0);
        int row = rows == 0 ? 0 : out.size() / rows;
        for (int p = 0; p < indices.size(); p++) {
            int r = (int) indices.getDouble(p);
            for (int j = 0; j < row; j++) {
                out.setDouble(r * row + j, out.getDouble(r * row + j) + updates.getDouble(p * row + j));
            }
        }
        return out;
    }
}
