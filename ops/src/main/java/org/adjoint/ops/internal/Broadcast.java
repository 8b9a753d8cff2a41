package org.adjoint.ops.internal;

import org.adjoint.graph.DType;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Scratch;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.kernels.BinaryOp;
import org.adjoint.kernels.ElementwiseKernels;
import org.adjoint.kernels.KernelProvider;

/**
 * NumPy broadcasting: the shape rule with its error message, and prepared kernels that collapse
 * the broadcast pattern to as few dimensions as possible (once per plan) and run the 2-D strided
 * kernel over the last two (zero strides broadcast). Not API.
 */
public final class Broadcast {

    private Broadcast() {
    }

    /** The broadcast shape of {@code a} and {@code b}, or a {@code ShapeException} naming both shapes. */
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

    /**
     * The kernel of {@code out = a op b} with broadcasting, for inputs of shapes {@code a} and
     * {@code b}, output {@code ctx.outputShape()} and floating dtype {@code ctx.outputDType()}.
     */
    public static OpKernel binary(PrepareContext ctx, BinaryOp op, Shape a, Shape b) {
        Shape os = ctx.outputShape();
        int rank = os.rank();
        int[] dims = new int[rank];
        int[] sa = new int[rank];
        int[] sb = new int[rank];
        int n = collapse(os, a, b, dims, sa, sb);
        int rows = n >= 2 ? dims[n - 2] : 1;
        int cols = n >= 1 ? dims[n - 1] : 1;
        int aRs = n >= 2 ? sa[n - 2] : 0;
        int aCs = n >= 1 ? sa[n - 1] : 0;
        int bRs = n >= 2 ? sb[n - 2] : 0;
        int bCs = n >= 1 ? sb[n - 1] : 0;
        int lead = Math.max(0, n - 2);
        int blockCount = 1;
        for (int d = 0; d < lead; d++) {
            blockCount *= dims[d];
        }
        int blocks = blockCount;
        ElementwiseKernels k = KernelProvider.get().elementwise();
        boolean f32 = ctx.outputDType() == DType.F32;
        if (os.size() == 0) {
            return (in, out, run) -> { };
        }
        if (lead == 0) {
            // one 2-D call: the common case (same shapes, row or column vectors, scalars)
            if (f32) {
                return (in, out, run) -> k.binary(op, in[0].floats(), 0, aRs, aCs, in[1].floats(), 0, bRs, bCs,
                        out.floats(), 0, rows, cols);
            }
            return (in, out, run) -> k.binary(op, in[0].doubles(), 0, aRs, aCs, in[1].doubles(), 0, bRs, bCs,
                    out.doubles(), 0, rows, cols);
        }
        Scratch index = ctx.scratch(DType.I32, lead);
        int block = rows * cols;
        int[] da = java.util.Arrays.copyOf(dims, lead);
        int[] stA = java.util.Arrays.copyOf(sa, lead);
        int[] stB = java.util.Arrays.copyOf(sb, lead);
        return (in, out, run) -> {
            int[] idx = index.ints(run);
            java.util.Arrays.fill(idx, 0, lead, 0);
            int aOff = 0;
            int bOff = 0;
            for (int blk = 0; blk < blocks; blk++) {
                if (f32) {
                    k.binary(op, in[0].floats(), aOff, aRs, aCs, in[1].floats(), bOff, bRs, bCs, out.floats(),
                            blk * block, rows, cols);
                } else {
                    k.binary(op, in[0].doubles(), aOff, aRs, aCs, in[1].doubles(), bOff, bRs, bCs, out.doubles(),
                            blk * block, rows, cols);
                }
                // odometer over the leading dimensions
                for (int d = lead - 1; d >= 0; d--) {
                    idx[d]++;
                    aOff += stA[d];
                    bOff += stB[d];
                    if (idx[d] < da[d]) {
                        break;
                    }
                    aOff -= stA[d] * da[d];
                    bOff -= stB[d] * da[d];
                    idx[d] = 0;
                }
            }
        };
    }

    /**
     * A plain-loop kernel of {@code out = f(a, b)} with broadcasting, evaluated in double and
     * rounded to the output's dtype: for functions without a reproducible SIMD kernel.
     */
    public static OpKernel binaryLoop(PrepareContext ctx, java.util.function.DoubleBinaryOperator f, Shape a,
            Shape b) {
        Shape os = ctx.outputShape();
        int rank = os.rank();
        int[] dims = new int[rank];
        int[] sa = new int[rank];
        int[] sb = new int[rank];
        int n = collapse(os, a, b, dims, sa, sb);
        int total = os.size();
        int inner = n == 0 ? 1 : dims[n - 1];
        int ia = n == 0 ? 0 : sa[n - 1];
        int ib = n == 0 ? 0 : sb[n - 1];
        Scratch index = ctx.scratch(DType.I32, Math.max(n, 1));
        boolean f32 = ctx.outputDType() == DType.F32;
        return (in, out, run) -> {
            if (total == 0) {
                return;
            }
            int[] idx = index.ints(run);
            java.util.Arrays.fill(idx, 0, idx.length, 0);
            int aOff = 0;
            int bOff = 0;
            for (int o = 0; o < total; o += inner) {
                if (f32) {
                    float[] x = in[0].floats();
                    float[] y = in[1].floats();
                    float[] r = out.floats();
                    for (int j = 0; j < inner; j++) {
                        r[o + j] = (float) f.applyAsDouble(x[aOff + j * ia], y[bOff + j * ib]);
                    }
                } else {
                    double[] x = in[0].doubles();
                    double[] y = in[1].doubles();
                    double[] r = out.doubles();
                    for (int j = 0; j < inner; j++) {
                        r[o + j] = f.applyAsDouble(x[aOff + j * ia], y[bOff + j * ib]);
                    }
                }
                for (int d = n - 2; d >= 0; d--) {
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
        };
    }

    /**
     * A plain-loop kernel of {@code out = f(a, b)} with broadcasting over integer operands (i32 or
     * i64, read exactly as long), the result stored in the integer output's dtype: comparisons of
     * labels and indices.
     */
    public static OpKernel integerLoop(PrepareContext ctx, java.util.function.LongBinaryOperator f, Shape a,
            Shape b) {
        Shape os = ctx.outputShape();
        int rank = os.rank();
        int[] dims = new int[rank];
        int[] sa = new int[rank];
        int[] sb = new int[rank];
        int n = collapse(os, a, b, dims, sa, sb);
        int total = os.size();
        int inner = n == 0 ? 1 : dims[n - 1];
        int ia = n == 0 ? 0 : sa[n - 1];
        int ib = n == 0 ? 0 : sb[n - 1];
        Scratch index = ctx.scratch(DType.I32, Math.max(n, 1));
        boolean i64 = ctx.outputDType() == DType.I64;
        return (in, out, run) -> {
            if (total == 0) {
                return;
            }
            int[] idx = index.ints(run);
            java.util.Arrays.fill(idx, 0, idx.length, 0);
            Tensor x = in[0];
            Tensor y = in[1];
            int aOff = 0;
            int bOff = 0;
            for (int o = 0; o < total; o += inner) {
                for (int j = 0; j < inner; j++) {
                    long v = f.applyAsLong(x.getLong(aOff + j * ia), y.getLong(bOff + j * ib));
                    if (i64) {
                        out.longs()[o + j] = v;
                    } else {
                        out.ints()[o + j] = (int) v;
                    }
                }
                for (int d = n - 2; d >= 0; d--) {
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
        };
    }

    /**
     * A copy of a tensor viewed with shape {@code x} broadcast to {@code out} (same rank after
     * alignment; size-1 and missing leading dimensions repeat).
     */
    public static Strided copy(PrepareContext ctx, Shape x, Shape out) {
        int rank = out.rank();
        int[] dims = new int[rank];
        int[] sx = new int[rank];
        int[] unused = new int[rank];
        int n = collapse(out, x, x, dims, sx, unused);
        return new Strided(ctx, dims, sx, n);
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
}
