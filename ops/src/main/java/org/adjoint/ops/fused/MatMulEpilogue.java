package org.adjoint.ops.fused;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Scratch;
import org.adjoint.graph.Shape;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.ElementwiseKernels;
import org.adjoint.kernels.GemmKernels;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.ops.AbstractOp;

/**
 * A matrix product with what follows it: {@code C = op(A) op(B) [+ X]}, then an elementwise
 * {@link Program} over C in place (bias add, activation, the activation's backward pass, ...).
 * Inputs: A, B, then X if the product accumulates onto X (a GEMM with beta = 1: X is copied
 * into the output first, or the output is X's own buffer when X dies here), then the program's
 * other inputs. The epilogue is a separate pass over C right after the GEMM call, tile by tile
 * while C's rows are still in cache; the GEMM kernels have no epilogue hook.
 *
 * <p>Formed by the plan compiler after differentiation, never in a user's graph; no gradient
 * rule. Values are bitwise those of the matmul, add and elementwise ops it replaces: the GEMM
 * with beta = 1 stores {@code fma(1, x, acc)}, the same rounding as adding X to the product.
 *
 * <p>NOTE: a fused primitive for speed: saves one write and one read of C per absorbed op.
 */
public final class MatMulEpilogue extends AbstractOp {

    private final boolean transA;
    private final boolean transB;
    private final boolean accumulate;
    private final Program program;   // null: no epilogue
    private final int[] map;         // program input -> kernel input, or Program.OUT for C
    private final DType dtype;
    private final int m;
    private final int n;
    private final int k;

    MatMulEpilogue(boolean transA, boolean transB, boolean accumulate, Program program, int[] map, DType dtype,
            int m, int n, int k, int inputs) {
        super("matmul_epilogue", inputs);
        this.transA = transA;
        this.transB = transB;
        this.accumulate = accumulate;
        this.program = program;
        this.map = map;
        this.dtype = dtype;
        this.m = m;
        this.n = n;
        this.k = k;
    }

    @Override
    public String attributes() {
        String mm = (transA ? "transA" : "") + (transA && transB ? ", " : "") + (transB ? "transB" : "");
        String acc = accumulate ? "accumulate in2" : "";
        String epi = program == null ? "" : "epilogue: " + program.describe().replace("in", "e");
        StringBuilder sb = new StringBuilder(mm);
        for (String part : new String[] {acc, epi}) {
            if (!part.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(part);
            }
        }
        return sb.toString();
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        for (int i = 0; i < in.length; i++) {
            if (in[i].dtype() != dtype) {
                throw ctx.error("input " + i + " is " + in[i] + ", expected " + dtype);
            }
        }
        Shape a = in[0].shape();
        Shape b = in[1].shape();
        int am = transA ? a.dim(1) : a.dim(0);
        int ak = transA ? a.dim(0) : a.dim(1);
        int bk = transB ? b.dim(1) : b.dim(0);
        int bn = transB ? b.dim(0) : b.dim(1);
        if (a.rank() != 2 || b.rank() != 2 || am != m || ak != k || bk != k || bn != n) {
            throw ctx.error("operands " + a + " x " + b + " do not match the fused product [" + m + ", " + k + "] x ["
                    + k + ", " + n + "]");
        }
        if (accumulate && in[2].shape().size() != m * n) {
            throw ctx.error("accumulator " + in[2] + " does not have the " + m * n + " elements of [" + m + ", " + n
                    + "]");
        }
        return new TensorType(dtype, Shape.of(m, n));
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        if (accumulate) {
            ctx.allowInPlace(2);    // the accumulator is copied into the output first: in place it need not be
        }
        GemmKernels gemm = KernelProvider.get().gemm();
        ElementwiseKernels ew = KernelProvider.get().elementwise();
        Scratch regs = program == null ? null : ctx.scratch(dtype, program.scratchSize());
        int lda = ctx.inputShape(0).dim(1);
        int ldb = ctx.inputShape(1).dim(1);
        boolean ta = transA;
        boolean tb = transB;
        boolean acc = accumulate;
        Program p = program;
        int[] mp = map;
        int rows = m;
        int cols = n;
        int depth = k;
        if (dtype == DType.F32) {
            return (in, out, run) -> {
                float[] c = out.floats();
                if (acc && in[2].floats() != c) {
                    System.arraycopy(in[2].floats(), 0, c, 0, c.length);
                }
                gemm.sgemm(ta, tb, rows, cols, depth, 1f, in[0].floats(), 0, lda, in[1].floats(), 0, ldb,
                        acc ? 1f : 0f, c, 0, cols);
                if (p != null) {
                    p.runF32(ew, in, mp, out, regs.floats(run));
                }
            };
        }
        return (in, out, run) -> {
            double[] c = out.doubles();
            if (acc && in[2].doubles() != c) {
                System.arraycopy(in[2].doubles(), 0, c, 0, c.length);
            }
            gemm.dgemm(ta, tb, rows, cols, depth, 1.0, in[0].doubles(), 0, lda, in[1].doubles(), 0, ldb,
                    acc ? 1.0 : 0.0, c, 0, cols);
            if (p != null) {
                p.runF64(ew, in, mp, out, regs.doubles(run));
            }
        };
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        throw new UnsupportedOperationException("matmul_epilogue is formed when a plan is compiled, after"
                + " differentiation; it has no gradient rule");
    }

}
