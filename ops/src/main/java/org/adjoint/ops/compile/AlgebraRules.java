package org.adjoint.ops.compile;

import org.adjoint.graph.Tensor;
import org.adjoint.graph.compile.PlanNode;
import org.adjoint.graph.compile.RewriteContext;
import org.adjoint.graph.compile.Rule;
import org.adjoint.ops.elementwise.Add;
import org.adjoint.ops.elementwise.Div;
import org.adjoint.ops.elementwise.Mul;
import org.adjoint.ops.elementwise.Neg;
import org.adjoint.ops.elementwise.Sub;

/** Algebraic identities on constants known when the plan is compiled. */
final class AlgebraRules {

    private AlgebraRules() {
    }

    /** Whether {@code n} is a constant whose every element equals {@code v}. */
    static boolean constantEqualTo(PlanNode n, double v) {
        if (!n.isConstant()) {
            return false;
        }
        Tensor t = n.value();
        if (!t.dtype().isFloating()) {
            return false;
        }
        for (int i = 0; i < t.size(); i++) {
            if (t.getDouble(i) != v) {
                return false;
            }
        }
        return true;
    }

    /** {@code neg(neg(x)) -> x} (exact: negation only flips the sign bit). */
    static final class NegOfNeg implements Rule {
        static final String NAME = "neg-of-neg";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public PlanNode rewrite(PlanNode n, RewriteContext ctx) {
            if (n.op() instanceof Neg && !n.input(0).isLeaf() && n.input(0).op() instanceof Neg) {
                return n.input(0).input(0);
            }
            return null;
        }
    }

    /**
     * {@code x * 1 -> x}, {@code 1 * x -> x}, {@code x / 1 -> x} when the constant does not
     * enlarge the result by broadcasting (exact: multiplying by one is the identity, NaN and
     * signed zeros included).
     */
    static final class MulByOne implements Rule {
        static final String NAME = "mul-by-one";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public PlanNode rewrite(PlanNode n, RewriteContext ctx) {
            if (n.isLeaf()) {
                return null;
            }
            boolean mul = n.op() instanceof Mul;
            if (!mul && !(n.op() instanceof Div)) {
                return null;
            }
            if (constantEqualTo(n.input(1), 1) && n.input(0).type().equals(n.type())) {
                return n.input(0);
            }
            if (mul && constantEqualTo(n.input(0), 1) && n.input(1).type().equals(n.type())) {
                return n.input(1);
            }
            return null;
        }
    }

    /**
     * {@code x + 0 -> x}, {@code 0 + x -> x}, {@code x - 0 -> x} when the constant does not
     * enlarge the result. NOTE: equal as numbers, not always as bits: {@code -0.0 + 0.0} is
     * {@code +0.0}, the rewrite keeps {@code -0.0}.
     */
    static final class AddZero implements Rule {
        static final String NAME = "add-zero";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public PlanNode rewrite(PlanNode n, RewriteContext ctx) {
            if (n.isLeaf()) {
                return null;
            }
            boolean add = n.op() instanceof Add;
            if (!add && !(n.op() instanceof Sub)) {
                return null;
            }
            if (constantEqualTo(n.input(1), 0) && n.input(0).type().equals(n.type())) {
                return n.input(0);
            }
            if (add && constantEqualTo(n.input(0), 0) && n.input(1).type().equals(n.type())) {
                return n.input(1);
            }
            return null;
        }
    }
}
