package org.adjoint.ops.internal;

import org.adjoint.graph.DType;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.kernels.BinaryOp;
import org.adjoint.kernels.ElementwiseKernels;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.ops.internal.Strided;

/**
 * NumPy broadcasting for binary elementwise ops: the shape rule with its error message, and the
 * forward pass, which collapses the broadcast pattern to as few dimensions as possible and runs
 * the 2-D strided kernel over the last two (zero strides broadcast).
 */
public final class Broadcast {

    private Broadcast() {
    }

    /** The broadcast shape of inputs 0 and 1, or a {@code ShapeException} naming both shapes. */
    public static Shape shape(OpContext ctx, Shape a, Shape b) {
        Shape out = Shape.broadcast(a, b);
        if (out == null) {
            int rank = Math.max(a.rank(), b.rank());
            for (int i = 1; i <= rank; i++) {
                int da = i <= a.rank() ? a.dim(-i) : 1;
                int db = i <= b.rank() ? b.dim(-i) : 1;
                if (da != db && da != 1 && db != 1 && da != Shape.UNKNOWN && db != Shape.UNKNOWN) {
                    throw ctx.error("shapes " + a + " and " + b + " cannot be broadcast (dimension -" + i + ": "
                            + da + " != " + db + ")");
                }
            }
            throw ctx.error("shapes " + a + " and " + b + " cannot be broadcast");
        }
        return out;
    }

    /** {@code out = a op b} with broadcasting; {@code out} has the broadcast shape. */
    public static void apply(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        Shape os = out.shape();
        int rank = os.rank();
        int[] dims = new int[rank];
        int[] sa = new int[rank];
        int[] sb = new int[rank];
        int n = collapse(os, a.shape(), b.shape(), dims, sa, sb);
        int rows = n >= 2 ? dims[n - 2] : 1;
        int cols = n >= 1 ? dims[n - 1] : 1;
        int aRs = n >= 2 ? sa[n - 2] : 0;
        int aCs = n >= 1 ? sa[n - 1] : 0;
        int bRs = n >= 2 ? sb[n - 2] : 0;
        int bCs = n >= 1 ? sb[n - 1] : 0;
        int lead = Math.max(0, n - 2);
        int blocks = 1;
        for (int d = 0; d < lead; d++) {
            blocks *= dims[d];
        }
        ElementwiseKernels k = KernelProvider.get().elementwise();
        int[] idx = new int[lead];
        int aOff = 0;
        int bOff = 0;
        for (int blk = 0; blk < blocks; blk++) {
            int outOff = blk * rows * cols;
            if (out.dtype() == DType.F32) {
                k.binary(op, a.floats(), aOff, aRs, aCs, b.floats(), bOff, bRs, bCs, out.floats(), outOff, rows, cols);
            } else {
                k.binary(op, a.doubles(), aOff, aRs, aCs, b.doubles(), bOff, bRs, bCs, out.doubles(), outOff, rows,
                        cols);
            }
            // odometer over the leading dimensions
            for (int d = lead - 1; d >= 0; d--) {
                idx[d]++;
                aOff += sa[d];
                bOff += sb[d];
                if (idx[d] < dims[d]) {
                    break;
                }
                aOff -= sa[d] * dims[d];
                bOff -= sb[d] * dims[d];
                idx[d] = 0;
            }
        }
    }

    /**
     * Aligns both operands to the output rank with zero strides on broadcast dimensions, drops
     * size-1 dimensions and merges neighbours that are contiguous for both operands. Writes the
     * collapsed dims and strides; returns their count.
     */
    public static int collapse(Shape out, Shape a, Shape b, int[] dims, int[] sa, int[] sb) {
        int rank = out.rank();
        int[] stA = alignedStrides(a, out);
        int[] stB = alignedStrides(b, out);
        int n = 0;
        for (int d = 0; d < rank; d++) {
            int size = out.dim(d);
            if (size == 1) {
                continue;
            }
            if (n > 0 && sa[n - 1] == stA[d] * size && sb[n - 1] == stB[d] * size) {
                dims[n - 1] *= size;
                sa[n - 1] = stA[d];
                sb[n - 1] = stB[d];
            } else {
                dims[n] = size;
                sa[n] = stA[d];
                sb[n] = stB[d];
                n++;
            }
        }
        return n;
    }

    /** Strides of {@code s} aligned right to {@code out}'s rank, 0 where it broadcasts. */
    public static int[] alignedStrides(Shape s, Shape out) {
        int rank = out.rank();
        int[] natural = s.strides();
        int[] st = new int[rank];
        int lead = rank - s.rank();
        for (int d = lead; d < rank; d++) {
            int dim = s.dim(d - lead);
            st[d] = dim == 1 && out.dim(d) != 1 ? 0 : natural[d - lead];
        }
        return st;
    }

    /** Copies {@code x}, viewed with shape {@code xShape} (same size), broadcast to {@code out}'s shape. */
    public static void copy(Tensor x, Shape xShape, Tensor out) {
        Shape os = out.shape();
        int rank = os.rank();
        int[] dims = new int[rank];
        int[] sx = new int[rank];
        int[] unused = new int[rank];
        int n = collapse(os, xShape, xShape, dims, sx, unused);
        Strided.gather(x, dims, sx, n, out);
    }
}
