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

    /** Matrix product of two matrices, two stacks of matrices [batch, m, k] x [batch, k, n], or a stack and a matrix. */
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

    /** Softmax along the last axis. */
    public Node softmax(Node x) {
        return softmax(x, -1);
    }

    /** Softmax along {@code axis} (negative counts from the end). */
    public Node softmax(Node x, int axis) {
        return apply(new Softmax(axis), x);
    }

    /** Log-softmax along the last axis: {@code x - logsumexp(x)}, stable. */
    public Node logSoftmax(Node x) {
        return logSoftmax(x, -1);
    }

    /** Log-softmax along {@code axis} (negative counts from the end). */
    public Node logSoftmax(Node x, int axis) {
        return apply(new LogSoftmax(axis), x);
    }

    /**
     * Per-example softmax cross-entropy of logits [batch, C] against I32 class indices [batch]; a
     * [batch] vector. A label outside [0, C) fails the run naming the label, its row and C.
     */
    public Node sparseSoftmaxCrossEntropy(Node logits, Node labels) {
        return apply(new SparseSoftmaxCrossEntropy(), logits, labels);
    }

    /** Per-example softmax cross-entropy of logits [batch, C] against label distributions [batch, C]; [batch]. */
    public Node softmaxCrossEntropy(Node logits, Node labels) {
        return apply(SoftmaxCrossEntropy.INSTANCE, logits, labels);
    }

    /** {@code mean((predictions - targets)^2)} over all elements; the shapes must match (no broadcasting). */
    public Node meanSquaredError(Node predictions, Node targets) {
        if (!predictions.shape().isCompatibleWith(targets.shape())) {
            throw networkError("mean_squared_error", "predictions " + predictions.type() + " and targets "
                    + targets.type() + " must have the same shape");
        }
        return mean(plain().square(plain().sub(predictions, targets)));
    }

    /**
     * Inverted dropout: {@code x * mask}, the mask 1/keep with probability {@code keep} and 0 otherwise,
     * a new mask each run drawn from {@code seed} (see {@link DropoutMask}); the gradient uses the same
     * mask. {@code keep} must be in (0, 1]; {@code keep == 1} returns {@code x}.
     */
    public Node dropout(Node x, double keep, long seed) {
        if (!(keep > 0 && keep <= 1)) {
            throw networkError("dropout", "keep probability must be in (0, 1], got keep=" + keep);
        }
        if (keep == 1.0) {
            return x;
        }
        return mul(x, plain().apply(new DropoutMask(keep, seed), x));
    }

    /**
     * Batch normalization in training mode: {@code (x - mean) / sqrt(var + eps) * gamma + beta} with the
     * batch statistics over axis 0 of x [batch, C], or over (N, H, W) of x [N, C, H, W]; gamma and beta
     * are [C]. The variance is the biased two-pass one, {@code mean((x - mean)^2)}.
     *
     * <p>NOTE: a composite (stable: two-pass variance; the gradient comes for free, second order too).
     */
    public Node batchNorm(Node x, Node gamma, Node beta, double eps) {
        int[] axes = batchNormAxes(x, eps, gamma, beta);
        Ops p = plain();
        Node mean = p.mean(x, true, axes);
        Node centered = p.sub(x, mean);
        Node variance = p.mean(p.square(centered), true, axes);
        return scaleShift(p.mul(centered, p.inverseSqrt(p.add(variance, eps))), gamma, beta, x.shape().rank());
    }

    /**
     * Batch normalization in inference mode with given per-channel {@code mean} and {@code variance}
     * (each [C]): {@code (x - mean) / sqrt(variance + eps) * gamma + beta}, x [batch, C] or [N, C, H, W].
     */
    public Node batchNormInference(Node x, Node mean, Node variance, Node gamma, Node beta, double eps) {
        batchNormAxes(x, eps, mean, variance, gamma, beta);
        Ops p = plain();
        int rank = x.shape().rank();
        Node scale = p.inverseSqrt(p.add(p.channels(variance, rank), eps));
        return scaleShift(p.mul(p.sub(x, p.channels(mean, rank)), scale), gamma, beta, rank);
    }

    /**
     * Layer normalization over the last axis: {@code (x - mean) / sqrt(var + eps) * gamma + beta}, the
     * statistics per row, gamma and beta of the last dimension's size.
     *
     * <p>NOTE: a composite like {@link #batchNorm}.
     */
    public Node layerNorm(Node x, Node gamma, Node beta, double eps) {
        checkEps("layer_norm", eps);
        Shape s = x.shape();
        if (s.rank() < 1) {
            throw networkError("layer_norm", "input must have rank >= 1, got " + x.type());
        }
        for (Node param : new Node[] {gamma, beta}) {
            if (!param.shape().isCompatibleWith(Shape.of(s.dim(-1)))) {
                throw networkError("layer_norm", "gamma and beta must be [" + s.dim(-1) + "] for input " + s + ", got '"
                        + param.name() + "' " + param.shape());
            }
        }
        Ops p = plain();
        Node mean = p.mean(x, true, -1);
        Node centered = p.sub(x, mean);
        Node variance = p.mean(p.square(centered), true, -1);
        return add(p.mul(p.mul(centered, p.inverseSqrt(p.add(variance, eps))), gamma), beta);
    }

    /** 2-D convolution of NCHW {@code x} with filters w [F, C, KH, KW] (see {@link Conv2D}). */
    public Node conv2d(Node x, Node w, int[] stride, int[] padding) {
        return apply(new Conv2D(stride, padding), x, w);
    }

    /** 2-D convolution with the same stride and padding in both directions. */
    public Node conv2d(Node x, Node w, int stride, int padding) {
        return conv2d(x, w, new int[] {stride, stride}, new int[] {padding, padding});
    }

    /** Max pooling of NCHW {@code x}: window {@code kernel}, step {@code stride}, no padding. */
    public Node maxPool2d(Node x, int[] kernel, int[] stride) {
        return apply(new MaxPool2D(kernel, stride), x, x);
    }

    /** Max pooling with square windows. */
    public Node maxPool2d(Node x, int kernel, int stride) {
        return maxPool2d(x, new int[] {kernel, kernel}, new int[] {stride, stride});
    }

    /** Average pooling of NCHW {@code x}: window {@code kernel}, step {@code stride}, no padding. */
    public Node avgPool2d(Node x, int[] kernel, int[] stride) {
        return apply(new AvgPool2D(kernel, stride), x);
    }

    /** Average pooling with square windows. */
    public Node avgPool2d(Node x, int kernel, int stride) {
        return avgPool2d(x, new int[] {kernel, kernel}, new int[] {stride, stride});
    }

    /** {@code 1 / sqrt(v)} for v &gt; 0, from exp and log (kept private: the elementwise family owns rsqrt). */
    private Node inverseSqrt(Node v) {
        return exp(mul(log(v), -0.5));
    }

    /** A per-channel [C] vector shaped to broadcast against x of the given rank (2: [C]; 4: [C, 1, 1]). */
    private Node channels(Node v, int rank) {
        return rank == 4 ? reshape(v, -1, 1, 1) : v;
    }

    private Node scaleShift(Node normalized, Node gamma, Node beta, int rank) {
        Ops p = plain();
        return add(p.mul(normalized, p.channels(gamma, rank)), p.channels(beta, rank));
    }

    /** Checks x's rank, eps and the [C] parameters of batch normalization; returns the statistics axes. */
    private int[] batchNormAxes(Node x, double eps, Node... params) {
        checkEps("batch_norm", eps);
        Shape s = x.shape();
        if (s.rank() != 2 && s.rank() != 4) {
            throw networkError("batch_norm", "input must be [batch, C] or [N, C, H, W], got " + x.type());
        }
        for (Node param : params) {
            if (!param.shape().isCompatibleWith(Shape.of(s.dim(1)))) {
                throw networkError("batch_norm", "per-channel parameters must be [" + s.dim(1) + "] for input " + s
                        + ", got '" + param.name() + "' " + param.shape());
            }
        }
        return s.rank() == 2 ? new int[] {0} : new int[] {0, 2, 3};
    }

    private void checkEps(String op, double eps) {
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw networkError(op, "eps must be a positive number, got eps=" + eps);
        }
    }

    /** An error of a composite op, named like a primitive's: {@code <op> '<name>': <detail>}. */
    private org.adjoint.graph.ShapeException networkError(String op, String detail) {
        return new org.adjoint.graph.ShapeException(op + " '" + (name == null ? op : name) + "': " + detail);
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
