package org.adjoint.ops.compile;

import org.adjoint.graph.Op;
import org.adjoint.graph.Shape;
import org.adjoint.graph.compile.PlanNode;
import org.adjoint.graph.compile.RewriteContext;
import org.adjoint.graph.compile.Rule;
import org.adjoint.ops.grad.BroadcastLike;
import org.adjoint.ops.grad.ReshapeLike;
import org.adjoint.ops.grad.StopGradient;
import org.adjoint.ops.grad.SumLike;
import org.adjoint.ops.shape.ExpandDims;
import org.adjoint.ops.shape.Reshape;
import org.adjoint.ops.shape.Squeeze;
import org.adjoint.ops.shape.Transpose;

/**
 * Rules about shapes, most of which become identities once the run-time shapes are known: the
 * gradient graph keeps a {@code sum_like} or {@code broadcast_like} wherever an op broadcasts,
 * even where at run time nothing is broadcast. Every rule here keeps values bit for bit.
 */
final class ShapeRules {

    private ShapeRules() {
    }

    /** Ops whose output is their input's elements in the same order. */
    static boolean isReshape(PlanNode n) {
        Op op = n.op();
        return !n.isLeaf() && (op instanceof Reshape || op instanceof ReshapeLike || op instanceof ExpandDims
                || op instanceof Squeeze);
    }

    /** {@code sum_like(g, x) -> g} when g already has the output's shape (nothing to sum). */
    static final class SumLikeIdentity implements Rule {
        static final String NAME = "sum-like-identity";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public PlanNode rewrite(PlanNode n, RewriteContext ctx) {
            if (n.op() instanceof SumLike && n.input(0).shape().equals(n.shape())) {
                return n.input(0);
            }
            return null;
        }
    }

    /**
     * {@code broadcast_like(x, ref) -> x} when x already has the output's shape; a reshape (a view)
     * when only size-1 axes are added.
     */
    static final class BroadcastLikeIdentity implements Rule {
        static final String NAME = "broadcast-like-identity";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public PlanNode rewrite(PlanNode n, RewriteContext ctx) {
            if (!(n.op() instanceof BroadcastLike)) {
                return null;
            }
            PlanNode x = n.input(0);
            if (x.shape().equals(n.shape())) {
                return x;
            }
            if (x.shape().size() == n.shape().size()) {
                return ctx.apply(new Reshape(n.shape().dims()), n, x);
            }
            return null;
        }
    }

    /**
     * A reshape (reshape, reshape_like, expand_dims, squeeze) to the shape its input already has,
     * and {@code stop_gradient} (an identity when the plan runs), are their input.
     */
    static final class ReshapeIdentity implements Rule {
        static final String NAME = "reshape-identity";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public PlanNode rewrite(PlanNode n, RewriteContext ctx) {
            if (!n.isLeaf() && n.op() instanceof StopGradient) {
                return n.input(0);
            }
            if (isReshape(n) && n.input(0).shape().equals(n.shape())) {
                return n.input(0);
            }
            return null;
        }
    }

    /** A reshape of a reshape is one reshape of the first input (or that input, if the shapes agree). */
    static final class ReshapeOfReshape implements Rule {
        static final String NAME = "reshape-of-reshape";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public PlanNode rewrite(PlanNode n, RewriteContext ctx) {
            if (!isReshape(n) || !isReshape(n.input(0))) {
                return null;
            }
            PlanNode x = n.input(0).input(0);
            if (x.shape().equals(n.shape())) {
                return x;
            }
            return ctx.apply(new Reshape(n.shape().dims()), n, x);
        }
    }

    /** {@code transpose(transpose(x, p), q)} is {@code transpose(x, p∘q)}, or x when that is the identity. */
    static final class TransposeOfTranspose implements Rule {
        static final String NAME = "transpose-of-transpose";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public PlanNode rewrite(PlanNode n, RewriteContext ctx) {
            if (n.isLeaf() || !(n.op() instanceof Transpose) || n.input(0).isLeaf()
                    || !(n.input(0).op() instanceof Transpose)) {
                return null;
            }
            PlanNode inner = n.input(0);
            PlanNode x = inner.input(0);
            int rank = x.shape().rank();
            int[] p = resolved(((Transpose) inner.op()).perm(), rank);
            int[] q = resolved(((Transpose) n.op()).perm(), rank);
            // out axis i = inner axis q[i] = x axis p[q[i]]
            int[] composed = new int[rank];
            boolean identity = true;
            for (int i = 0; i < rank; i++) {
                composed[i] = p[q[i]];
                identity &= composed[i] == i;
            }
            return identity ? x : ctx.apply(new Transpose(composed), n, x);
        }

        private static int[] resolved(int[] perm, int rank) {
            if (perm.length != 0) {
                return perm;
            }
            int[] rev = new int[rank];
            for (int i = 0; i < rank; i++) {
                rev[i] = rank - 1 - i;
            }
            return rev;
        }
    }

    /** Whether {@code s} broadcasts to {@code target} (right-aligned; every dim equal or 1). */
    static boolean broadcastsTo(Shape s, Shape target) {
        return s.broadcastsTo(target);
    }
}
