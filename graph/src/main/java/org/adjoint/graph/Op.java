package org.adjoint.graph;

import java.util.List;

/**
 * An operation: its name, its type rule, its forward computation and its gradient rule, in one
 * class. Op instances are immutable (attributes such as axes are final fields) and independent
 * of dtype, so one instance may serve many nodes.
 *
 * <p>The graph module knows no concrete op; ops live in {@code org.adjoint.ops}.
 */
public interface Op {

    /** The op's name as users see it in errors, e.g. {@code "matmul"}. */
    String name();

    /** Number of inputs, or -1 for a variable count (checked when a node is built). */
    int arity();

    /**
     * The output type for the given input types. Called when a node is built (shapes may have
     * unknown dimensions) and again when a plan is compiled (all dimensions known).
     *
     * @throws ShapeException via {@link OpContext#error} when the inputs do not fit
     */
    TensorType infer(TensorType[] inputs, OpContext ctx);

    /**
     * Computes the output into {@code out}, which has the type {@link #infer} returned for these
     * inputs and arbitrary initial contents. Must not modify the inputs. Ops that implement
     * {@link #prepare} run this through {@link Standalone} (prepare, then the kernel once); the
     * executor calls the prepared kernel instead.
     */
    void forward(Tensor[] inputs, Tensor out);

    /**
     * The forward computation with the run's context (mode, random step). The default
     * {@link #prepare} makes this the kernel; the default ignores the context. Ops whose values
     * depend on the run (random masks) override it or {@link #prepare}.
     */
    default void forward(Tensor[] inputs, Tensor out, RunContext run) {
        forward(inputs, out);
    }

    /**
     * The plan-time step: called once per node when a plan is compiled, with the node's concrete
     * input and output types ({@link PrepareContext}); returns the {@link OpKernel} the plan calls
     * on every run. Resolve attributes (normalize axes, compute offsets and strides, build index
     * tables), choose the dtype path and declare scratch arrays here, so that the kernel only
     * computes and allocates nothing. Throw {@link PrepareContext#error} for types the op cannot
     * run with.
     *
     * <p>The default runs {@link #forward(Tensor[], Tensor, RunContext)} as the kernel (ops
     * written before this step existed keep working); the ops of {@code org.adjoint.ops} all
     * implement it.
     */
    default OpKernel prepare(PrepareContext ctx) {
        return this::forward;
    }

    /**
     * The input this node stands for in {@code mode}, or -1 if it computes a value of its own.
     * A plan resolves such a node to that input at compile time (no computation, no buffer) and
     * never computes the other inputs for it: this is how one graph holds a training and an
     * evaluation path (dropout, batch normalization).
     */
    default int modeAlias(RunMode mode) {
        return -1;
    }

    /**
     * The gradient rule: given the node and the gradient of the objective with respect to its
     * output ({@code gradOutput}, same type as the node), returns one {@link Grad} per input, built
     * from graph nodes. A returned gradient may have a shape that the input broadcasts to; the
     * autodiff engine sums it back down to the input's shape.
     */
    List<Grad> backward(Node node, Node gradOutput);

    /**
     * Whether an input may be broadcast against another (so that at run time its shape can be
     * smaller than the gradient the rule returns even where the static shapes look equal). The
     * autodiff engine then sums the gradient down to the input's run-time shape.
     */
    default boolean broadcasts() {
        return false;
    }

    /**
     * This op in a copy of the graph whose F32 values are widened to F64 ({@link GraphCopy#toF64},
     * used by gradient checking). Ops are dtype-independent, so the default is the op itself; an op
     * whose attributes name an F32 output type (a cast, a one-hot encoding) returns its F64 twin,
     * or the copy would narrow values back to F32 or mix F32 and F64 inputs.
     */
    default Op widenedToF64() {
        return this;
    }

    /** Short description of the attributes for error messages and graph dumps (e.g. {@code axes=[1]}). */
    default String attributes() {
        return "";
    }
}
