package org.adjoint.graph;

import java.util.List;

/**
 * Runs one op outside a plan: prepares it for the given tensors' types and runs its kernel once,
 * with fresh scratch arrays. For tests and for the two-argument {@link Op#forward} of ops that
 * implement {@link Op#prepare}; a plan prepares once and reuses its scratch, this allocates on
 * every call.
 */
public final class Standalone {

    private Standalone() {
    }

    /**
     * {@code out = op(inputs)} in a run of {@code run}'s mode and random step.
     *
     * @throws IllegalArgumentException from the kernel, prefixed with {@code <op> '?': }
     */
    public static void forward(Op op, Tensor[] inputs, Tensor out, RunContext run) {
        TensorType[] types = new TensorType[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            types[i] = inputs[i].type();
        }
        PrepareContext ctx = new PrepareContext(op.name(), "?", types, out.type(), run.mode());
        OpKernel kernel = op.prepare(ctx);
        List<Scratch> declared = ctx.declaredScratch();
        Object[] arrays = new Object[declared.size()];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = Scratch.allocate(declared.get(i).dtype(), declared.get(i).size());
        }
        RunContext withScratch = new RunContext() {
            @Override
            public RunMode mode() {
                return run.mode();
            }

            @Override
            public long randomStep() {
                return run.randomStep();
            }

            @Override
            public Object scratch(Scratch s) {
                int i = declared.indexOf(s);
                if (i < 0) {
                    throw new IllegalStateException(s + " was not declared by " + op.name() + ".prepare");
                }
                return arrays[i];
            }
        };
        try {
            kernel.run(inputs, out, withScratch);
        } catch (RuntimeException e) {
            throw Plan.named(op.name(), "?", e, "failed");
        }
    }

    /** {@link #forward(Op, Tensor[], Tensor, RunContext)} in a training run at random step 0. */
    public static void forward(Op op, Tensor[] inputs, Tensor out) {
        forward(op, inputs, out, RunContext.of(RunMode.TRAIN, 0));
    }
}
