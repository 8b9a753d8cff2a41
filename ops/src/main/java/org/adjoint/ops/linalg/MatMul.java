package org.adjoint.ops.linalg;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.GemmKernels;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.ops.AbstractOp;
import org.adjoint.ops.Ops;

/**
 * Matrix product {@code C = op(A) op(B)}, op = identity or transpose (flags, so that gradients
 * never materialize a transpose), of two matrices, of two stacks of matrices ([batch, m, k] x
 * [batch, k, n], the batch possibly unknown until run time), or of a stack and one shared matrix
 * ([batch, m, k] x [k, n]). For C = A B: {@code dA = g B^T}, {@code dB = A^T g}; the other flag
 * combinations follow from the same identity. A shared B gets the sum over the batch of the
 * per-matrix gradients.
 */
public final class MatMul extends AbstractOp {

    private final boolean transA;
    private final boolean transB;

    public MatMul(boolean transA, boolean transB) {
        super("matmul", 2);
        this.transA = transA;
        this.transB = transB;
    }

    public boolean transA() {
        return transA;
    }

    public boolean transB() {
        return transB;
    }

    @Override
    public String attributes() {
        return (transA ? "transA" : "") + (transA && transB ? ", " : "") + (transB ? "transB" : "");
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        ctx.requireFloating(in, 1);
        DType t = ctx.requireSameDType(in);
        Shape a = in[0].shape();
        Shape b = in[1].shape();
        boolean ok = (a.rank() == 2 && b.rank() == 2) || (a.rank() == 3 && (b.rank() == 3 || b.rank() == 2));
        if (!ok) {
            throw ctx.error("expects two matrices (rank 2), two stacks of matrices (rank 3) or a stack and a matrix,"
                    + " got " + describe(a, b));
        }
        int ra = a.rank() - 2;
        int rb = b.rank() - 2;
        int m = transA ? a.dim(ra + 1) : a.dim(ra);
        int ka = transA ? a.dim(ra) : a.dim(ra + 1);
        int kb = transB ? b.dim(rb + 1) : b.dim(rb);
        int n = transB ? b.dim(rb) : b.dim(rb + 1);
        if (ka != kb && ka != Shape.UNKNOWN && kb != Shape.UNKNOWN) {
            throw ctx.error("inner dimensions differ: " + describe(a, b) + " (" + ka + " != " + kb + ")");
        }
        if (a.rank() == 2) {
            return new TensorType(t, Shape.of(m, n));
        }
        int batch = a.dim(0);
        if (b.rank() == 3) {
            int bb = b.dim(0);
            if (batch != bb && batch != Shape.UNKNOWN && bb != Shape.UNKNOWN) {
                throw ctx.error("batch dimensions differ: " + describe(a, b) + " (" + batch + " != " + bb + ")");
            }
            batch = batch == Shape.UNKNOWN ? bb : batch;
        }
        return new TensorType(t, Shape.of(batch, m, n));
    }

    private String describe(Shape a, Shape b) {
        return a + (transA ? "^T" : "") + " x " + b + (transB ? "^T" : "");
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        Shape a = ctx.inputShape(0);
        Shape b = ctx.inputShape(1);
        Shape c = ctx.outputShape();
        int ra = a.rank() - 2;
        int rb = b.rank() - 2;
        int m = c.dim(-2);
        int n = c.dim(-1);
        int k = transA ? a.dim(ra) : a.dim(ra + 1);
        int lda = a.dim(-1);
        int ldb = b.dim(-1);
        boolean ta = transA;
        boolean tb = transB;
        GemmKernels gemm = KernelProvider.get().gemm();
        boolean f32 = ctx.outputDType() == DType.F32;
        if (c.rank() == 2 || (rb == 0 && !transA)) {
            // one GEMM; a stack times a shared B (A not transposed) is one tall matrix [batch*m, k]
            int rows = c.rank() == 2 ? m : c.dim(0) * m;
            if (f32) {
                return (in, out, run) -> gemm.sgemm(ta, tb, rows, n, k, 1f, in[0].floats(), 0, lda, in[1].floats(), 0,
                        ldb, 0f, out.floats(), 0, n);
            }
            return (in, out, run) -> gemm.dgemm(ta, tb, rows, n, k, 1.0, in[0].doubles(), 0, lda, in[1].doubles(), 0,
                    ldb, 0.0, out.doubles(), 0, n);
        }
        int batch = c.dim(0);
        int strideA = a.dim(1) * a.dim(2);
        int strideB = rb == 1 ? b.dim(1) * b.dim(2) : 0;   // 0: one B shared by every matrix of A
        if (f32) {
            return (in, out, run) -> gemm.sgemmBatched(ta, tb, batch, m, n, k, 1f, in[0].floats(), 0, lda, strideA,
                    in[1].floats(), 0, ldb, strideB, 0f, out.floats(), 0, n, m * n);
        }
        return (in, out, run) -> gemm.dgemmBatched(ta, tb, batch, m, n, k, 1.0, in[0].doubles(), 0, lda, strideA,
                in[1].doubles(), 0, ldb, strideB, 0.0, out.doubles(), 0, n, m * n);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = ops(node);
        Node a = node.input(0);
        Node b = node.input(1);
        int k = transB ? b.shape().dim(1) : b.shape().dim(0);
        int n = transB ? b.shape().dim(0) : b.shape().dim(1);
        if (a.shape().rank() == 3 && b.shape().rank() == 2 && !transA && k != Shape.UNKNOWN && n != Shape.UNKNOWN) {
            // shared B: fold the batch into the rows, one GEMM sums the per-matrix gradients
            Node a2 = o.reshape(a, -1, k);
            Node g2 = o.reshape(g, -1, n);
            Node da = transB ? o.matmul(g, b, false, false) : o.matmul(g, b, false, true);
            Node db = transB ? o.matmul(g2, a2, true, false) : o.matmul(a2, g2, true, false);
            return List.of(Grad.of(da), Grad.of(db));
        }
        if (a.shape().rank() == 3 && b.shape().rank() == 2) {
            // shared B that cannot be folded (A stored transposed, or B's size unknown until run
            // time): per-matrix gradients, dB summed over the batch
            if (!transA) {
                Node da = transB ? o.matmul(g, b, false, false) : o.matmul(g, b, false, true);
                Node db = transB ? o.matmul(g, a, true, false) : o.matmul(a, g, true, false);
                return List.of(Grad.of(da), Grad.of(o.sum(db, 0)));
            }
            Node da = o.transpose(o.matmul(g, b, false, !transB), 0, 2, 1);
            Node db = transB ? o.matmul(g, a, true, true) : o.matmul(a, g, false, false);
            return List.of(Grad.of(da), Grad.of(o.sum(db, 0)));
        }
        Node da;
        Node db;
        if (!transA && !transB) {          // C = A B
            da = o.matmul(g, b, false, true);
            db = o.matmul(a, g, true, false);
        } else if (transA && !transB) {    // C = A^T B
            da = o.matmul(b, g, false, true);
            db = o.matmul(a, g, false, false);
        } else if (!transA) {              // C = A B^T
            da = o.matmul(g, b, false, false);
            db = o.matmul(g, a, true, false);
        } else {                           // C = A^T B^T
            da = o.matmul(b, g, true, true);
            db = o.matmul(g, a, true, true);
        }
        return List.of(Grad.of(da), Grad.of(db));
    }
}
