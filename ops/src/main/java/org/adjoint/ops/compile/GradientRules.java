package org.adjoint.ops.compile;

import java.util.ArrayList;
import java.util.List;
import org.adjoint.graph.Shape;
import org.adjoint.graph.compile.PlanNode;
import org.adjoint.graph.compile.RewriteContext;
import org.adjoint.graph.compile.Rule;
import org.adjoint.kernels.ElementwiseKernels;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.elementwise.Add;
import org.adjoint.ops.elementwise.ElementwiseBinary;
import org.adjoint.ops.elementwise.ElementwiseUnary;
import org.adjoint.ops.elementwise.UnaryGrad;
import org.adjoint.ops.grad.BroadcastLike;
import org.adjoint.ops.internal.Reduce;
import org.adjoint.ops.linalg.MatMul;
import org.adjoint.ops.shape.Transpose;
import org.adjoint.ops.shape.AxisScatter;
import org.adjoint.ops.shape.Concat;
import org.adjoint.ops.shape.Reshape;
import org.adjoint.ops.shape.SliceGrad;

/**
 * Simplifications of patterns the autodiff engine produces, found by printing the gradient
 * graphs of an MLP and of an unrolled LSTM and counting their nodes.
 */
final class GradientRules {

    private GradientRules() {
    }

    /**
     * {@code unary_grad(x, y, g)} reads y instead of x where that gives the same derivative, so
     * that the pre-activation x need not be kept for the backward pass (it can be overwritten in
     * place, or fused away): where the derivative does not read x at all (sigmoid, tanh, exp,
     * sqrt, ...: x is only a placeholder argument), and for relu and leaky relu with a slope
     * {@code >= 0}, whose derivative {@code x > 0 ? 1 : slope} equals {@code y > 0 ? 1 : slope}
     * (NaN included: both are the slope). Only when y is that function of that x.
     */
    static final class ActivationGradFromOutput implements Rule {
        static final String NAME = "activation-grad-from-output";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public PlanNode rewrite(PlanNode n, RewriteContext ctx) {
            if (n.isLeaf() || !(n.op() instanceof UnaryGrad) || n.input(0) == n.input(1)) {
                return null;
            }
            ElementwiseUnary f = ((UnaryGrad) n.op()).function();
            PlanNode x = n.input(0);
            PlanNode y = n.input(1);
            boolean readsX = (ElementwiseKernels.backwardReads(f.kind()) & 1) != 0;
            if (readsX) {
                boolean monotoneFromZero = f.kind() == UnaryOp.RELU
                        || (f.kind() == UnaryOp.LEAKY_RELU && f.alpha() >= 0);
                boolean yIsFOfX = !y.isLeaf() && y.op() instanceof ElementwiseUnary
                        && ((ElementwiseUnary) y.op()).kind() == f.kind() && ((ElementwiseUnary) y.op()).alpha() == f.alpha()
                        && y.input(0) == x;
                if (!monotoneFromZero || !yIsFOfX) {
                    return null;
                }
            }
            return ctx.apply(n.op(), n, y, y, n.input(2));
        }
    }

    /**
     * A binary elementwise op reads the source of a {@code broadcast_like} directly when its
     * other operand already has the output's shape: the op broadcasts by itself, and the
     * broadcast tensor is never written. A chain of broadcasts of a one-element tensor reads
     * that element; otherwise the source is reshaped (a view) to put back the axes the broadcast
     * inserted. Bit for bit the same values.
     */
    static final class BroadcastIntoElementwise implements Rule {
        static final String NAME = "broadcast-into-elementwise";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public PlanNode rewrite(PlanNode n, RewriteContext ctx) {
            if (n.isLeaf() || !(n.op() instanceof ElementwiseBinary)) {
                return null;
            }
            for (int k = 0; k < 2; k++) {
                PlanNode b = n.input(k);
                PlanNode other = n.input(1 - k);
                if (b.isLeaf() || !(b.op() instanceof BroadcastLike) || !other.shape().equals(n.shape())) {
                    continue;
                }
                // a chain of broadcasts only repeats its innermost source
                PlanNode s = b;
                while (!s.isLeaf() && s.op() instanceof BroadcastLike) {
                    s = s.input(0);
                }
                PlanNode operand;
                if (s.shape().size() == 1) {
                    operand = s.shape().rank() <= n.shape().rank() ? s : null;
                } else {
                    PlanNode src = b.input(0);
                    Shape t = Reduce.insertAxes(src.shape(), ((BroadcastLike) b.op()).axes());
                    if (!t.broadcastsTo(n.shape())) {
                        continue;
                    }
                    operand = t.equals(src.shape()) ? src : ctx.apply(new Reshape(t.dims()), b, src);
                }
                if (operand == null) {
                    continue;
                }
                return k == 0 ? ctx.apply(n.op(), n, operand, other) : ctx.apply(n.op(), n, other, operand);
            }
            return null;
        }
    }

    /**
     * The gradient of a split (LSTM gates): a sum of {@code slice_grad}s, or one
     * {@code axis_scatter}, placing gradients into disjoint blocks that cover a whole axis is the
     * concatenation of those gradients: one copy instead of zero-filling and adding. Equal as
     * numbers (adding to the zero fill turns {@code -0.0} into {@code +0.0}; the concatenation
     * keeps it).
     */
    static final class SliceGradsToConcat implements Rule {
        static final String NAME = "slice-grads-to-concat";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public PlanNode rewrite(PlanNode n, RewriteContext ctx) {
            if (!n.isLeaf() && n.op() instanceof AxisScatter) {
                return scatter(n, ctx);
            }
            if (n.isLeaf() || !(n.op() instanceof Add) || !n.input(0).shape().equals(n.shape())
                    || !n.input(1).shape().equals(n.shape())) {
                return null;
            }
            List<PlanNode> leaves = new ArrayList<>();
            collect(n, n, ctx, leaves);
            if (leaves.size() < 2) {
                return null;
            }
            Shape out = n.shape();
            int axis = -1;
            int[] begin = new int[leaves.size()];
            for (int i = 0; i < leaves.size(); i++) {
                PlanNode leaf = leaves.get(i);
                if (leaf.isLeaf() || !(leaf.op() instanceof SliceGrad) || !((SliceGrad) leaf.op()).isBlock()
                        || !leaf.shape().equals(out)) {
                    return null;
                }
                Shape g = leaf.input(0).shape();
                int[] start = ((SliceGrad) leaf.op()).start(out);
                for (int d = 0; d < out.rank(); d++) {
                    if (g.dim(d) != out.dim(d)) {
                        if (axis >= 0 && axis != d) {
                            return null;
                        }
                        axis = d;
                    } else if (start[d] != 0) {
                        return null;
                    }
                }
                begin[i] = axis >= 0 ? start[axis] : 0;
            }
            if (axis < 0) {
                return null;
            }
            // sort by where each block starts; blocks must tile the axis exactly
            Integer[] idx = new Integer[leaves.size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            java.util.Arrays.sort(idx, (a, b) -> Integer.compare(begin[a], begin[b]));
            int at = 0;
            PlanNode[] parts = new PlanNode[idx.length];
            for (int i = 0; i < idx.length; i++) {
                PlanNode leaf = leaves.get(idx[i]);
                if (begin[idx[i]] != at) {
                    return null;
                }
                at += leaf.input(0).shape().dim(axis);
                parts[i] = leaf.input(0);
            }
            if (at != out.dim(axis)) {
                return null;
            }
            return ctx.apply(new Concat(axis), n, parts);
        }

        /** An axis_scatter whose sources (of the output's rank) tile the axis exactly: their concatenation. */
        private static PlanNode scatter(PlanNode n, RewriteContext ctx) {
            AxisScatter op = (AxisScatter) n.op();
            Shape out = n.shape();
            int axis = op.axis() < 0 ? op.axis() + out.rank() : op.axis();
            int[] starts = op.starts();
            int parts = n.inputCount() - 1;
            Integer[] idx = new Integer[parts];
            int[] begin = new int[parts];
            for (int k = 0; k < parts; k++) {
                PlanNode src = n.input(k + 1);
                if (src.shape().rank() != out.rank() || src.dtype() != n.dtype()) {
                    return null;
                }
                begin[k] = starts[k] < 0 ? starts[k] + out.dim(axis) : starts[k];
                idx[k] = k;
            }
            java.util.Arrays.sort(idx, (a, b) -> Integer.compare(begin[a], begin[b]));
            int at = 0;
            PlanNode[] sorted = new PlanNode[parts];
            for (int i = 0; i < parts; i++) {
                PlanNode src = n.input(idx[i] + 1);
                if (begin[idx[i]] != at) {
                    return null;
                }
                at += src.shape().dim(axis);
                sorted[i] = src;
            }
            if (at != out.dim(axis)) {
                return null;
            }
            return ctx.apply(new Concat(axis), n, sorted);
        }

        /** The addends of the add tree under {@code n} whose inner adds only this tree reads. */
        private static void collect(PlanNode n, PlanNode root, RewriteContext ctx, List<PlanNode> leaves) {
            for (int k = 0; k < 2; k++) {
                PlanNode p = n.input(k);
                boolean inner = !p.isLeaf() && p.op() instanceof Add && p.shape().equals(root.shape())
                        && p.input(0).shape().equals(root.shape()) && p.input(1).shape().equals(root.shape())
                        && ctx.uses(p) == 1 && !ctx.isOutput(p);
                if (inner) {
                    collect(p, root, ctx, leaves);
                } else {
                    leaves.add(p);
                }
            }
        }
    }

    /**
     * A variable or constant that several matrix products read transposed (a recurrent weight in
     * the backward pass of an unrolled network: {@code dh = dz W^T} at every step) is transposed
     * once per run, and the products read the transpose untransposed (one shared
     * {@code transpose} node, by common-subexpression elimination). Each product sums the same
     * terms in the same order: the values are unchanged.
     *
     * <p>NOTE: for speed, measured: the GEMM kernels pack a transposed B from strided reads,
     * ~25 % slower than an untransposed one at [32, 512] x [512, 128] (JDK 25); the transpose is a
     * single copy per run.
     */
    static final class HoistWeightTranspose implements Rule {
        static final String NAME = "hoist-weight-transpose";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public PlanNode rewrite(PlanNode n, RewriteContext ctx) {
            if (n.isLeaf() || !(n.op() instanceof MatMul) || !((MatMul) n.op()).transB()) {
                return null;
            }
            PlanNode b = n.input(1);
            if (!b.isLeaf() || b.shape().rank() != 2 || n.input(0).shape().rank() != 2) {
                return null;
            }
            int readers = 0;
            for (PlanNode c : ctx.consumers(b)) {
                if (!c.isLeaf() && c.op() instanceof MatMul && ((MatMul) c.op()).transB() && c.input(1) == b) {
                    readers++;
                } else if (!c.isLeaf() && c.op() instanceof Transpose && isMatrixTranspose((Transpose) c.op())) {
                    readers += 2;       // already hoisted for an earlier product
                }
            }
            if (readers < 2) {
                return null;
            }
            PlanNode bt = ctx.apply(new Transpose(1, 0), b, b);
            return ctx.apply(new MatMul(((MatMul) n.op()).transA(), false), n, n.input(0), bt);
        }

        private static boolean isMatrixTranspose(Transpose t) {
            int[] p = t.perm();
            return p.length == 0 || (p.length == 2 && p[0] == 1 && p[1] == 0);
        }
    }
}
