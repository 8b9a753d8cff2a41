package org.adjoint.graph;

/**
 * What an op's kernel may know about the run it is part of: the mode, the random step, and the
 * run's scratch arrays. Random ops (dropout masks) draw from {@code (their seed, randomStep())},
 * so a run's randomness is fixed by its options, never by thread scheduling or by how many other
 * runs happened.
 */
public interface RunContext {

    RunMode mode();

    /** The step that random ops combine with their seed: the same step gives the same draws. */
    long randomStep();

    /**
     * This run's array for a scratch buffer declared in {@link Op#prepare}: a {@code float[]},
     * {@code double[]} or {@code int[]} by the scratch's dtype (kernels use {@link Scratch#floats}
     * and friends, which check the type).
     *
     * @throws IllegalStateException if the context has no scratch (a context made by {@link #of})
     *     or {@code s} was not declared for this run
     */
    Object scratch(Scratch s);

    /** A context without scratch, for calling ops' own {@code forward} outside a plan. */
    static RunContext of(RunMode mode, long randomStep) {
        return new RunContext() {
            @Override
            public RunMode mode() {
                return mode;
            }

            @Override
            public long randomStep() {
                return randomStep;
            }

            @Override
            public Object scratch(Scratch s) {
                throw new IllegalStateException("this run context has no scratch (" + s + ")");
            }
        };
    }
}
