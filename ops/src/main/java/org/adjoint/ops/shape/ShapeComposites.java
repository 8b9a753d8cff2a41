package org.adjoint.ops.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.ops.Ops;

/** Shape builders that are arrangements of the shape ops: axis swaps, slices by size, splits. */
public final class ShapeComposites {

    private ShapeComposites() {
    }

    /** Exchanges two axes (negative counts from the end): a transpose. */
    public static Node swapAxes(Ops o, Node x, int a, int b) {
        int rank = x.shape().rank();
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = i;
        }
        int i = a < 0 ? a + rank : a;
        int j = b < 0 ? b + rank : b;
        if (i < 0 || i >= rank || j < 0 || j >= rank) {
            throw new IllegalArgumentException("swapAxes '" + x.name() + "': axes " + a + " and " + b
                    + " must be in range for shape " + x.shape());
        }
        perm[i] = j;
        perm[j] = i;
        return o.transpose(x, perm);
    }

    /**
     * The block starting at {@code begin} with extent {@code size} per axis; a size of -1 runs to
     * the end of the axis; axes beyond the arrays are kept whole.
     */
    public static Node slice(Ops o, Node x, int[] begin, int[] size) {
        if (begin.length != size.length) {
            throw new IllegalArgumentException("slice: begin " + Arrays.toString(begin) + " and size "
                    + Arrays.toString(size) + " have different lengths");
        }
        int[] end = new int[size.length];
        for (int d = 0; d < end.length; d++) {
            if (size[d] < -1) {
                throw new IllegalArgumentException("slice: size " + Arrays.toString(size)
                        + " has a negative entry other than -1");
            }
            if (size[d] == -1) {
                end[d] = Slice.END;
            } else if (begin[d] < 0) {
                long e = (long) begin[d] + size[d];
                if (e > 0) {
                    throw new IllegalArgumentException("slice: begin " + begin[d] + " with size " + size[d]
                            + " runs past the end of axis " + d);
                }
                end[d] = e == 0 ? Slice.END : (int) e;
            } else {
                end[d] = begin[d] + size[d];
            }
        }
        return o.sliceRange(x, begin, end);
    }

    /** Splits along {@code axis} into {@code parts} equal slices (the axis size must be known and divisible). */
    public static List<Node> split(Ops o, Node x, int parts, int axis) {
        int a = splitAxis(x, axis);
        int dim = x.shape().dim(a);
        if (parts < 1 || dim == Shape.UNKNOWN || dim % parts != 0) {
            throw new IllegalArgumentException("split '" + x.name() + "': cannot split axis " + a + " of shape "
                    + x.shape() + " into " + parts + " equal parts");
        }
        int[] sizes = new int[parts];
        Arrays.fill(sizes, dim / parts);
        return split(o, x, sizes, axis);
    }

    /** Splits along {@code axis} into slices of the given sizes, which must add up to the axis size. */
    public static List<Node> split(Ops o, Node x, int[] sizes, int axis) {
        int a = splitAxis(x, axis);
        long total = 0;
        for (int s : sizes) {
            if (s < 0) {
                throw new IllegalArgumentException("split '" + x.name() + "': negative size in "
                        + Arrays.toString(sizes));
            }
            total += s;
        }
        int dim = x.shape().dim(a);
        if (dim != Shape.UNKNOWN && total != dim) {
            throw new IllegalArgumentException("split '" + x.name() + "': sizes " + Arrays.toString(sizes)
                    + " add up to " + total + ", but axis " + a + " of " + x.shape() + " has " + dim);
        }
        List<Node> out = new ArrayList<>(sizes.length);
        int offset = 0;
        for (int s : sizes) {
            int[] begin = new int[a + 1];
            int[] end = new int[a + 1];
            Arrays.fill(end, Slice.END);
            begin[a] = offset;
            end[a] = offset + s;
            offset += s;
            out.add(o.sliceRange(x, begin, end));
        }
        return out;
    }

    /**
     * The slices of {@code x} along {@code axis}, the axis removed: a [batch, time, feature]
     * sequence into its time steps, one {@link Select} (one copy) each. The axis must be known.
     */
    public static List<Node> unstack(Ops o, Node x, int axis) {
        int rank = x.shape().rank();
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("unstack '" + x.name() + "': axis " + axis + " is out of range for shape "
                    + x.shape());
        }
        int n = x.shape().dim(a);
        if (n == Shape.UNKNOWN) {
            throw new IllegalArgumentException("unstack '" + x.name() + "': axis " + a + " of " + x.shape()
                    + " must be known to unstack it");
        }
        List<Node> out = new ArrayList<>(n);
        for (int t = 0; t < n; t++) {
            out.add(o.apply(new Select(a, t), x));
        }
        return out;
    }

    private static int splitAxis(Node x, int axis) {
        int rank = x.shape().rank();
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("split '" + x.name() + "': axis " + axis + " is out of range for shape "
                    + x.shape());
        }
        return a;
    }
}
