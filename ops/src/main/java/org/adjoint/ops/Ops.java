package org.adjoint.ops;

import org.adjoint.graph.DType;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Init;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.kernels.BinaryOp;

/**
 * The user-facing builder: one method per op, appending nodes to a graph. Shapes and dtypes are
 * checked as each node is built.
 *
 * <pre>{@code
 * Ops o = Ops.on(graph);
 * Node logits = o.named("logits").add(o.matmul(x, w), b);
 * }</pre>
 *
 * <p>Instances are cheap and immutable; {@link #named} returns a builder whose next nodes carry
 * that name (made unique by the graph).
 */
public final class Ops {

    private final Graph graph;
    private final String name;

    private Ops(Graph graph, String name) {
        this.graph = graph;
        this.name = name;
    }

    /** A builder for {@code graph}. */
    public static Ops on(Graph graph) {
        return new Ops(graph, null);
    }

    /** A builder whose nodes are named {@code name} (composites name their final node). */
    public Ops named(String name) {
        return new Ops(graph, name);
    }

    public Graph graph() {
        return graph;
    }

    /** Appends {@code op} applied to {@code inputs}; for ops without a builder method. */
    public Node apply(Op op, Node... inputs) {
        return graph.apply(op, name, inputs);
    }

    private Ops plain() {
        return name == null ? this : new Ops(graph, null);
    }

    // ---- leaves -----------------------------------------------------------------------------

    /** A value fed at run time; -1 dimensions (the batch) are taken from the feed. */
    public Node placeholder(String name, DType dtype, Shape shape) {
        return graph.placeholder(name, dtype, shape);
    }

    /** An F32 variable initialized by {@code init}. */
    public Node variable(String name, Init init, Shape shape) {
        return graph.variable(name, DType.F32, shape, init);
    }

    /** A variable of the given dtype initialized by {@code init}. */
    public Node variable(String name, DType dtype, Init init, Shape shape) {
        return graph.variable(name, dtype, shape, init);
    }

    /** A variable holding {@code initial} (not copied). */
    public Node variable(String name, Tensor initial) {
        return graph.variable(name, initial);
    }

    public Node constant(Tensor value) {
        return graph.constant(name, value);
    }

    /** A rank-0 constant. */
    public Node scalar(double value, DType dtype) {
        return graph.constant(name, Tensor.scalar(dtype, value));
    }

    /** A rank-0 constant with {@code like}'s dtype. */
    public Node scalarLike(double value, Node like) {
        return scalar(value, like.dtype());
    }

    // ---- elementwise arithmetic (broadcasting) --------------------------------------------------

    public Node add(Node a, Node b) {
        return apply(Add.INSTANCE, a, b);
    }

    public Node add(Node a, double b) {
        return apply(Add.INSTANCE, a, plain().scalarLike(b, a));
    }

    public Node sub(Node a, Node b) {
        return apply(Sub.INSTANCE, a, b);
    }

    public Node sub(Node a, double b) {
        return apply(Sub.INSTANCE, a, plain().scalarLike(b, a));
    }

    /** {@code a - b} for a scalar {@code a}. */
    public Node rsub(double a, Node b) {
        return apply(Sub.INSTANCE, plain().scalarLike(a, b), b);
    }

    public Node mul(Node a, Node b) {
        return apply(Mul.INSTANCE, a, b);
    }

    public Node mul(Node a, double b) {
        return apply(Mul.INSTANCE, a, plain().scalarLike(b, a));
    }

    public Node div(Node a, Node b) {
        return apply(Div.INSTANCE, a, b);
    }

    public Node div(Node a, double b) {
        return apply(Div.INSTANCE, a, plain().scalarLike(b, a));
    }

    // ---- elementwise functions --------------------------------------------------------------------

    public Node neg(Node x) {
        return apply(Neg.INSTANCE, x);
    }

    public Node exp(Node x) {
        return apply(Exp.INSTANCE, x);
    }

    public Node log(Node x) {
        return apply(Log.INSTANCE, x);
    }

    public Node square(Node x) {
        return apply(Square.INSTANCE, x);
    }

    public Node reciprocal(Node x) {
        return apply(Reciprocal.INSTANCE, x);
    }

    public Node sigmoid(Node x) {
        return apply(Sigmoid.INSTANCE, x);
    }

    public Node tanh(Node x) {
        return apply(Tanh.INSTANCE, x);
    }

    public Node relu(Node x) {
        return apply(Relu.INSTANCE, x);
    }

    // ---- comparisons (0/1 masks, no gradient) ----------------------------------------------------

    public Node greater(Node a, Node b) {
        return apply(new Compare(BinaryOp.GT), a, b);
    }

    public Node greaterEqual(Node a, Node b) {
        return apply(new Compare(BinaryOp.GE), a, b);
    }

    public Node less(Node a, Node b) {
        return apply(new Compare(BinaryOp.LT), a, b);
    }

    public Node lessEqual(Node a, Node b) {
        return apply(new Compare(BinaryOp.LE), a, b);
    }

    public Node equal(Node a, Node b) {
        return apply(new Compare(BinaryOp.EQ), a, b);
    }

    public Node notEqual(Node a, Node b) {
        return apply(new Compare(BinaryOp.NE), a, b);
    }

    // ---- linear algebra and shape ---------------------------------------------------------------

    /** Matrix product of two rank-2 tensors. */
    public Node matmul(Node a, Node b) {
        return matmul(a, b, false, false);
    }

    /** {@code op(a) op(b)} where op transposes when its flag is set. */
    public Node matmul(Node a, Node b, boolean transA, boolean transB) {
        return apply(new MatMul(transA, transB), a, b);
    }

    /** Permutes axes ({@code perm[i]} is the input axis of output axis i); no perm reverses them. */
    public Node transpose(Node x, int... perm) {
        return apply(new Transpose(perm), x);
    }

    /** Reshapes; one dimension may be -1 (inferred). */
    public Node reshape(Node x, int... dims) {
        return apply(new Reshape(dims), x);
    }

    /** Reshapes {@code x} to {@code like}'s run-time shape. */
    public Node reshapeLike(Node x, Node like) {
        return apply(ReshapeLike.INSTANCE, x, like);
    }

    // ---- reductions -------------------------------------------------------------------------------

    /** Sum of all elements (a scalar). */
    public Node sum(Node x) {
        return apply(new ReduceSum(null, false), x);
    }

    /** Sum over {@code axes}, which are removed. */
    public Node sum(Node x, int... axes) {
        return apply(new ReduceSum(axes, false), x);
    }

    /** Sum over {@code axes} (all if none); with {@code keepDims} they stay as size 1. */
    public Node sum(Node x, boolean keepDims, int... axes) {
        return apply(new ReduceSum(axes, keepDims), x);
    }

    /** Mean of all elements (a scalar). */
    public Node mean(Node x) {
        return mean(x, false);
    }

    /** Mean over {@code axes}, which are removed. */
    public Node mean(Node x, int... axes) {
        return mean(x, false, axes);
    }

    /** Mean over {@code axes} (all if none): {@code sum(x, axes) / reduced_size(x, axes)}. */
    public Node mean(Node x, boolean keepDims, int... axes) {
        Ops p = plain();
        return div(p.sum(x, keepDims, axes), p.reducedSize(x, axes));
    }

    /** The element count of a reduction of {@code x} over {@code axes} (all if none), as a scalar. */
    public Node reducedSize(Node x, int... axes) {
        return apply(new ReducedSize(axes), x);
    }

    /** Broadcasts {@code x} (with size-1 axes inserted at {@code axes}) to {@code like}'s run-time shape. */
    public Node broadcastLike(Node x, Node like, int... axes) {
        return apply(new BroadcastLike(axes), x, like);
    }

    /** Sums {@code g} down to {@code like}'s run-time shape (removing inserted {@code axes}). */
    public Node sumLike(Node g, Node like, int... axes) {
        return apply(new SumLike(axes), g, like);
    }

    // ---- network ops ------------------------------------------------------------------------------

    /** Elementwise, numerically stable binary cross-entropy of logits against targets in [0, 1]. */
    public Node sigmoidCrossEntropyWithLogits(Node logits, Node labels) {
        return apply(SigmoidCrossEntropyWithLogits.INSTANCE, logits, labels);
    }

    // ---- gradient plumbing ----------------------------------------------------------------------

    /** Identity whose gradient is none: autodiff treats {@code x} as a constant here. */
    public Node stopGradient(Node x) {
        return apply(StopGradient.INSTANCE, x);
    }

    /** A tensor of {@code like}'s run-time type filled with {@code value}. */
    public Node fillLike(Node like, double value) {
        return apply(new FillLike(value), like);
    }

    public Node zerosLike(Node like) {
        return fillLike(like, 0.0);
    }

    public Node onesLike(Node like) {
        return fillLike(like, 1.0);
    }
}
