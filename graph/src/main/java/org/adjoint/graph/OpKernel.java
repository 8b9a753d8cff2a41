package org.adjoint.graph;

/**
 * What a node computes on every run, as {@link Op#prepare} returned it when the plan was
 * compiled: attributes are resolved, the dtype path is chosen and scratch is declared, so a call
 * does only the arithmetic.
 *
 * <p>Contract (the executor relies on it): {@code output} has the node's concrete type and
 * arbitrary contents (buffers are reused), so every element must be written and none read
 * before; the inputs must not be modified; a steady-state call allocates nothing (temporary
 * arrays come from {@link Scratch} buffers declared in {@code prepare}); one kernel object may
 * run in several threads at once (one plan serves concurrent runs), so it holds no mutable state
 * — per-run state lives in the run's scratch. A failure caused by the input values (an index
 * out of range) is an {@link IllegalArgumentException} whose message states the detail only
 * ({@code "index 7 at position [2] is out of range [0, 5)"}); the executor prefixes the op and
 * node name.
 */
@FunctionalInterface
public interface OpKernel {

    /** Computes {@code output} from {@code inputs} for one run. */
    void run(Tensor[] inputs, Tensor output, RunContext run);
}
