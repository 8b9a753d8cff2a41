package org.adjoint.ops.fused;

import org.adjoint.graph.Shape;
import org.adjoint.graph.compile.PlanNode;
import org.adjoint.ops.shape.Slice;

/**
 * How a fused program reads one operand: from the array of {@code source}, element (r, c) of the
 * output's 2-D view {@code [rows, cols]} at {@code off + r*rs + c*cs}. The view is the output
 * with its size-1 axes dropped, all axes but the last merged into rows. A slice is read from its
 * input's buffer directly (the slice is not computed for the fused node).
 */
record Access(PlanNode source, int off, int rs, int cs) {

    /**
     * The access of {@code operand} for an output of shape {@code out}, or null when its
     * broadcast pattern is not a 2-D one (e.g. broadcast along a middle axis only).
     */
    static Access of(PlanNode operand, Shape out) {
        Shape logical = operand.shape();
        PlanNode source = operand;
        int base = 0;
        int[] strides = logical.strides();
        if (operand.op() instanceof Slice && !operand.isLeaf() && ((Slice) operand.op()).isBlock()) {
            PlanNode in = operand.input(0);
            int[] start = ((Slice) operand.op()).start(in.shape());
            int[] inStrides = in.shape().strides();
            for (int d = 0; d < start.length; d++) {
                base += start[d] * inStrides[d];
            }
            source = in;
            strides = inStrides;
        }
        int lead = out.rank() - logical.rank();
        if (lead < 0) {
            return null;
        }
        // strides of the operand along each output axis (0 where it broadcasts); the output's
        // size-1 axes dropped: the program's view is the squeezed output
        int[] dims = new int[out.rank()];
        int[] st = new int[out.rank()];
        int rank = 0;
        for (int d = 0; d < out.rank(); d++) {
            int stride;
            if (d < lead) {
                stride = 0;
            } else {
                int dim = logical.dim(d - lead);
                if (dim == out.dim(d)) {
                    stride = strides[d - lead];
                } else if (dim == 1) {
                    stride = 0;
                } else {
                    return null;
                }
            }
            if (out.dim(d) != 1) {
                dims[rank] = out.dim(d);
                st[rank] = stride;
                rank++;
            }
        }
        if (rank == 0) {
            return normalized(source, base, 0, 0, out);
        }
        int cs = st[rank - 1];
        // leading axes must collapse to one row index with a single stride rs
        int rs = 0;
        boolean found = false;
        long inner = 1;     // product of the dims between axis d and the last axis
        for (int d = rank - 2; d >= 0; d--) {
            if (!found) {
                if (st[d] % inner != 0) {
                    return null;
                }
                rs = (int) (st[d] / inner);
                found = true;
            } else if (st[d] != (long) rs * inner) {
                return null;
            }
            inner *= dims[d];
        }
        return normalized(source, base, rs, cs, out);
    }

    /** Elements per row of the program's view of an output: its last axis of size other than 1 (1 if none). */
    static int cols(Shape out) {
        for (int d = out.rank() - 1; d >= 0; d--) {
            if (out.dim(d) != 1) {
                return out.dim(d);
            }
        }
        return 1;
    }

    /**
     * The pattern with strides that cannot matter made canonical: with one column the column
     * stride is 1, with one row the row stride is the row length; so that a whole, element-aligned
     * read is always {@code (0, cols, 1)}.
     */
    private static Access normalized(PlanNode source, int off, int rs, int cs, Shape out) {
        int cols = cols(out);
        int rows = cols == 0 ? 0 : out.size() / cols;
        return new Access(source, off, rows <= 1 ? cols : rs, cols <= 1 ? 1 : cs);
    }
}
