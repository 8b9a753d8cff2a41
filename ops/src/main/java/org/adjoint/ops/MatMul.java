package org.adjoint.ops;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.kernels.GemmKernels;
import org.adjoint.kernels.KernelProvider;

/**
 * 2-D matrix product {@code C = op(A) op(B)}, op = identity or transpose (flags, so that gradients
 * never materialize a transpose). For C = A B: {@code dA = g B^T}, {@code dB = A^T g}; the other
 * flag combinations follow from the same identity.
 */
public final class MatMul implements Op {

    private final boolean transA;
    private final boolean transB;

    public MatMul(boolean transA, boolean transB) {
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
    public String name() {
        return "matmul";
    }

    @Override
    public String attributes() {
        return (transA ? "transA" : "") + (transA && transB ? ", " : "") + (transB ? "transB" : "");
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        ctx.requireFloating(in, 0);
        ctx.requireFloating(in, 1);
        DType t = ctx.requireSameDType(in);
        Shape a = in[0].shape();
        Shape b = in[1].shape();
        if (a.rank() != 2 || b.rank() != 2) {
            throw ctx.error("expects two matrices (rank 2), got " + describe(a, b));
        }
        int m = transA ? a.dim(1) : a.dim(0);
        int ka = transA ? a.dim(0) : a.dim(1);
        int kb = transB ? b.dim(1) : b.dim(0);
        int n = transB ? b.dim(0) : b.dim(1);
        if (ka != kb && ka != Shape.UNKNOWN && kb != Shape.UNKNOWN) {
            throw ctx.error("inner dimensions differ: " + describe(a, b) + " (" + ka + " != " + kb + ")");
        }
        return new TensorType(t, Shape.of(m, n));
    }

    private String describe(Shape a, Shape b) {
        return a + (transA ? "^T" : "") + " x " + b + (transB ? "^T" : "");
    }

    @Override
    public void forward(Tensor[] in, Tensor out) {
        Shape a = in[0].shape();
        Shape b = in[1].shape();
        int m = out.shape().dim(0);
        int n = out.shape().dim(1);
        int k = transA ? a.dim(0) : a.dim(1);
        int lda = a.dim(1);
        int ldb = b.dim(1);
        GemmKernels gemm = KernelProvider.get().gemm();
        if (out.dtype() == DType.F32) {
            gemm.sgemm(transA, transB, m, n, k, 1f, in[0].floats(), 0, lda, in[1].floats(), 0, ldb, 0f,
                    out.floats(), 0, n);
        } else {
            gemm.dgemm(transA, transB, m, n, k, 1.0, in[0].doubles(), 0, lda, in[1].doubles(), 0, ldb, 0.0,
                    out.doubles(), 0, n);
        }
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        Ops o = Ops.on(node.graph());
        Node a = node.input(0);
        Node b = node.input(1);
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
