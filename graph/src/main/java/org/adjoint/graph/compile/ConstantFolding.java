package org.adjoint.graph.compile;

import org.adjoint.graph.Op;
import org.adjoint.graph.RunContext;
import org.adjoint.graph.RunMode;
import org.adjoint.graph.Scratch;
import org.adjoint.graph.Standalone;
import org.adjoint.graph.Tensor;

/**
 * Rule {@code fold}: a node whose every input it reads ({@link Op#readsValue}) is a constant is
 * computed once, when the plan is compiled, by its own kernel, and becomes a constant. Inputs it
 * reads only for their type (the {@code fill_like} of a loss, the {@code reduced_size} of a batch)
 * need not be constant: their types are known. Not folded: random ops (a kernel that asks for the
 * run's random step), nodes whose kernel fails (the run reports the failure as before), and nodes
 * larger than their largest constant input (a broadcast would only cost memory; at most
 * {@value #MAX_ELEMENTS} elements).
 */
final class ConstantFolding implements Rule {

    static final int MAX_ELEMENTS = 1 << 16;

    @Override
    public String name() {
        return "fold";
    }

    @Override
    public PlanNode rewrite(PlanNode n, RewriteContext ctx) {
        Op op = n.op();
        int largest = 1;
        for (int k = 0; k < n.inputCount(); k++) {
            if (op.readsValue(k)) {
                if (!n.input(k).isConstant()) {
                    return null;
                }
                largest = Math.max(largest, n.input(k).shape().size());
            } else if (n.input(k).shape().size() > MAX_ELEMENTS) {
                return null;
            }
        }
        int size = n.shape().size();
        if (size > largest || size > MAX_ELEMENTS) {
            return null;
        }
        Tensor[] in = new Tensor[n.inputCount()];
        for (int k = 0; k < in.length; k++) {
            in[k] = op.readsValue(k) ? n.input(k).value() : Tensor.zeros(n.input(k).type());
        }
        Tensor out = Tensor.zeros(n.type());
        try {
            Standalone.forward(op, in, out, new Fixed(ctx.mode()));
        } catch (RuntimeException e) {
            return null;    // random, or failing: left to the run
        }
        return ctx.constant(out, n);
    }

    /** A run context without a random step: asking for it means the value varies between runs. */
    private static final class Fixed implements RunContext {
        private final RunMode mode;

        Fixed(RunMode mode) {
            this.mode = mode;
        }

        @Override
        public RunMode mode() {
            return mode;
        }

        @Override
        public long randomStep() {
            throw new IllegalStateException("random: not folded");
        }

        @Override
        public Object scratch(Scratch s) {
            throw new IllegalStateException("no scratch outside a run");
        }
    }
}
