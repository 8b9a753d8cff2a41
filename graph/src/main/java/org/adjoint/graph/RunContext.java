package org.adjoint.graph;

/**
 * What an op's forward may know about the run it is part of: the mode and the random step.
 * Random ops (dropout masks) draw from {@code (their seed, randomStep())}, so a run's randomness
 * is fixed by its options, never by thread scheduling or by how many other runs happened.
 */
public interface RunContext {

    RunMode mode();

    /** The step that random ops combine with their seed: the same step gives the same draws. */
    long randomStep();
}
