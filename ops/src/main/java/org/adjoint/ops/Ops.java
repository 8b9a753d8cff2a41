package org.adjoint.ops;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Init;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.kernels.BinaryOp;
import org.adjoint.kernels.ReduceOp;
import org.adjoint.ops.conv.AvgPool2D;
import org.adjoint.ops.conv.Conv2D;
import org.adjoint.ops.conv.MaxPool2D;
import org.adjoint.ops.elementwise.Abs;
import org.adjoint.ops.elementwise.Add;
import org.adjoint.ops.elementwise.AddN;
import org.adjoint.ops.elementwise.Cast;
import org.adjoint.ops.elementwise.Clamp;
import org.adjoint.ops.elementwise.Compare;
import org.adjoint.ops.elementwise.Div;
import org.adjoint.ops.elementwise.Elu;
import org.adjoint.ops.elementwise.Exp;
import org.adjoint.ops.elementwise.Expm1;
import org.adjoint.ops.elementwise.LeakyRelu;
import org.adjoint.ops.elementwise.Log1p;
import org.adjoint.ops.elementwise.Log;
import org.adjoint.ops.elementwise.Maximum;
import org.adjoint.ops.elementwise.Minimum;
import org.adjoint.ops.elementwise.Mul;
import org.adjoint.ops.elementwise.Neg;
import org.adjoint.ops.elementwise.Pow;
import org.adjoint.ops.elementwise.Reciprocal;
import org.adjoint.ops.elementwise.Relu;
import org.adjoint.ops.elementwise.Rsqrt;
import org.adjoint.ops.elementwise.Sigmoid;
import org.adjoint.ops.elementwise.Sign;
import org.adjoint.ops.elementwise.Softplus;
import org.adjoint.ops.elementwise.Sqrt;
import org.adjoint.ops.elementwise.Square;
import org.adjoint.ops.elementwise.Sub;
import org.adjoint.ops.elementwise.Tanh;
import org.adjoint.ops.elementwise.Where;
import org.adjoint.ops.grad.BroadcastLike;
import org.adjoint.ops.grad.FillLike;
import org.adjoint.ops.grad.ReshapeLike;
import org.adjoint.ops.grad.StopGradient;
import org.adjoint.ops.grad.SumLike;
import org.adjoint.ops.linalg.MatMul;
import org.adjoint.ops.nn.ByMode;
import org.adjoint.ops.nn.Dropout;
import org.adjoint.ops.nn.LogSoftmax;
import org.adjoint.ops.nn.Losses;
import org.adjoint.ops.nn.Normalization;
import org.adjoint.ops.nn.SigmoidCrossEntropyWithLogits;
import org.adjoint.ops.nn.Softmax;
import org.adjoint.ops.nn.SoftmaxCrossEntropy;
import org.adjoint.ops.nn.SparseSoftmaxCrossEntropy;
import org.adjoint.ops.reduce.ArgReduce;
import org.adjoint.ops.reduce.LogSumExp;
import org.adjoint.ops.reduce.ReduceMax;
import org.adjoint.ops.reduce.ReduceMin;
import org.adjoint.ops.reduce.ReduceSum;
import org.adjoint.ops.reduce.ReducedSize;
import org.adjoint.ops.reduce.Statistics;
import org.adjoint.ops.shape.AxisScatter;
import org.adjoint.ops.shape.BroadcastTo;
import org.adjoint.ops.shape.Concat;
import org.adjoint.ops.shape.ExpandDims;
import org.adjoint.ops.shape.Gather;
import org.adjoint.ops.shape.GatherAxis;
import org.adjoint.ops.shape.OneHot;
import org.adjoint.ops.shape.Pad;
import org.adjoint.ops.shape.Reshape;
import org.adjoint.ops.shape.ScatterAdd;
import org.adjoint.ops.shape.Select;
import org.adjoint.ops.shape.ShapeComposites;
import org.adjoint.ops.shape.Slice;
import org.adjoint.ops.shape.Squeeze;
import org.adjoint.ops.shape.Stack;
import org.adjoint.ops.shape.Transpose;

/**
 * The user-facing builder: one line per op, appending nodes to a graph. Shapes and dtypes are
 * checked as each node is built. Ops live in packages by family ({@code elementwise},
 * {@code reduce}, {@code shape}, {@code linalg}, {@code nn}, {@code conv}, {@code grad}); composites
 * (mean, layer norm, dropout, ...) in classes of their family, built through {@link Composite}.
 *
 * <pre>{@code
 * Ops o = Ops.on(graph);
 * Node logits = o.named("logits").add(o.matmul(x, w), b);
 * }</pre>
 *
 * <p>Instances are cheap and immutable; {@link #named} returns a builder whose next node carries
 * that name (made unique by the graph), {@link #scoped} one whose unnamed nodes are named
 * {@code <scope>/<op>}.
 */
public final class Ops {

    private final Graph graph;
    private final String name;
    private final String scope;

    private Ops(Graph graph, String name, String scope) {
        this.graph = graph;
        this.name = name;
        this.scope = scope;
    }

    /** A builder for {@code graph}. */
    public static Ops on(Graph graph) {
        return new Ops(graph, null, null);
    }

    /** A builder whose nodes are named {@code name} (composites name their final node). */
    public Ops named(String name) {
        return new Ops(graph, name, scope);
    }

    /** A builder whose unnamed nodes are named {@code <prefix>/<op>} (a layer's or composite's inner nodes). */
    public Ops scoped(String prefix) {
        return new Ops(graph, null, prefix);
    }

    /** This builder without a pending name (keeps the scope). */
    public Ops plain() {
        return name == null ? this : new Ops(graph, null, scope);
    }

    /** The name the next node gets, or null for the op's name (or {@code <scope>/<op>}). */
    public String name() {
        return name;
    }

    public Graph graph() {
        return graph;
    }

    /** Appends {@code op} applied to {@code inputs}; for ops without a builder method. */
    public Node apply(Op op, Node... inputs) {
        return graph.apply(op, name != null ? name : scope != null ? scope + "/" + op.name() : null, inputs);
    }

    /** The name a composite {@code op} built now gets: the pending name, or a fresh one from the op (and scope). */
    String compositeName(String op) {
        return name != null ? name : graph.freshName(scope != null ? scope + "/" + op : op);
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
        return graph.constant(name != null ? name : scope != null ? scope + "/constant" : null, value);
    }

    /** A rank-0 constant. */
    public Node scalar(double value, DType dtype) {
        return constant(Tensor.scalar(dtype, value));
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

    /** The sum of tensors of one dtype and shape in one pass ({@link AddN}); see {@link #addN(List)}. */
    public Node addN(Node... xs) {
        return addN(java.util.Arrays.asList(xs));
    }

    /**
     * The sum of tensors of one dtype and shape: one of them, or one {@link AddN} pass. Placements
     * along one axis of one tensor ({@link AxisScatter}: the gradients of the steps of an unstack
     * or the parts of a split) are merged into one placement first, so summing the gradients of T
     * steps costs one pass over the sequence, not T. The autodiff engine sums fan-out with this.
     */
    public Node addN(List<Node> xs) {
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("add_n: no inputs");
        }
        List<Node> parts = GradientSums.mergePlacements(this, xs);
        return parts.size() == 1 && name == null ? parts.get(0) : apply(AddN.INSTANCE, parts.toArray(new Node[0]));
    }

    /** {@code a^b} elementwise with broadcasting. */
    public Node pow(Node a, Node b) {
        return apply(Pow.INSTANCE, a, b);
    }

    /** {@code x^p} for a constant exponent. */
    public Node pow(Node x, double p) {
        return apply(Pow.INSTANCE, x, plain().scalarLike(p, x));
    }

    /** Elementwise maximum with broadcasting (gradient to {@code a} at ties). */
    public Node maximum(Node a, Node b) {
        return apply(Maximum.INSTANCE, a, b);
    }

    public Node maximum(Node a, double b) {
        return apply(Maximum.INSTANCE, a, plain().scalarLike(b, a));
    }

    /** Elementwise minimum with broadcasting (gradient to {@code a} at ties). */
    public Node minimum(Node a, Node b) {
        return apply(Minimum.INSTANCE, a, b);
    }

    public Node minimum(Node a, double b) {
        return apply(Minimum.INSTANCE, a, plain().scalarLike(b, a));
    }

    /**
     * {@code min(max(x, lo), hi)}: the gradient passes where {@code lo <= x <= hi} (including the
     * bounds) and is 0 outside (see {@link Clamp}).
     *
     * @throws IllegalArgumentException if {@code lo > hi} or either is NaN
     */
    public Node clamp(Node x, double lo, double hi) {
        return Clamp.clamp(this, x, lo, hi);
    }

    /** {@code max(x, lo)}: clamps from below only (see {@link Clamp}). */
    public Node clampMin(Node x, double lo) {
        return Clamp.clampMin(this, x, lo);
    }

    /** {@code min(x, hi)}: clamps from above only (see {@link Clamp}). */
    public Node clampMax(Node x, double hi) {
        return Clamp.clampMax(this, x, hi);
    }

    /** {@code mask != 0 ? a : b} elementwise, all three broadcast together. */
    public Node where(Node mask, Node a, Node b) {
        return apply(Where.INSTANCE, mask, a, b);
    }

    /** Converts to {@code dtype}: f32 and f64 both ways, an integer to either, i32 and i64 both ways (see {@link Cast}). */
    public Node cast(Node x, DType dtype) {
        return apply(new Cast(dtype), x);
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

    /** {@code |x|}. */
    public Node abs(Node x) {
        return apply(Abs.INSTANCE, x);
    }

    /** {@code sign(x)} in {-1, 0, 1}; no gradient. */
    public Node sign(Node x) {
        return apply(Sign.INSTANCE, x);
    }

    public Node sqrt(Node x) {
        return apply(Sqrt.INSTANCE, x);
    }

    /** {@code 1 / sqrt(x)}. */
    public Node rsqrt(Node x) {
        return apply(Rsqrt.INSTANCE, x);
    }

    /** {@code ln(1 + x)}, accurate for small x. */
    public Node log1p(Node x) {
        return apply(Log1p.INSTANCE, x);
    }

    /** {@code e^x - 1}, accurate for small x. */
    public Node expm1(Node x) {
        return apply(Expm1.INSTANCE, x);
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

    /** {@code x} where positive, else {@code slope * x}. */
    public Node leakyRelu(Node x, double slope) {
        return apply(new LeakyRelu(slope), x);
    }

    /** ELU with scale 1. */
    public Node elu(Node x) {
        return elu(x, 1.0);
    }

    /** {@code x} where positive, else {@code alpha * (e^x - 1)}. */
    public Node elu(Node x, double alpha) {
        return apply(new Elu(alpha), x);
    }

    /** {@code ln(1 + e^x)}, without overflow. */
    public Node softplus(Node x) {
        return apply(Softplus.INSTANCE, x);
    }

    // ---- comparisons (1/0 masks in the operands' dtype, no gradient) --------------------------------
    // Floating operands share a dtype; integer operands (i32, i64) compare exactly, mixed widths
    // giving an i64 mask: equal(argmax(logits, 1), labels) is the accuracy mask, mean of it the accuracy.

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

    public Node greater(Node a, double b) {
        return greater(a, comparand("greater", a, b));
    }

    public Node greaterEqual(Node a, double b) {
        return greaterEqual(a, comparand("greater_equal", a, b));
    }

    public Node less(Node a, double b) {
        return less(a, comparand("less", a, b));
    }

    public Node lessEqual(Node a, double b) {
        return lessEqual(a, comparand("less_equal", a, b));
    }

    public Node equal(Node a, double b) {
        return equal(a, comparand("equal", a, b));
    }

    public Node notEqual(Node a, double b) {
        return notEqual(a, comparand("not_equal", a, b));
    }

    /** {@code b} as a scalar of {@code a}'s dtype; for an integer {@code a}, {@code b} must be an integer. */
    private Node comparand(String op, Node a, double b) {
        if (a.dtype().isInteger() && !(b == Math.rint(b) && Math.abs(b) < 0x1p63)) {
            throw new IllegalArgumentException(op + ": cannot compare " + a.type() + " '" + a.name() + "' with " + b
                    + " (not an integer)");
        }
        return plain().scalarLike(b, a);
    }

    // ---- reductions -------------------------------------------------------------------------------

    /** Sum of all elements (a scalar); integers sum exactly into i64. */
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

    /** Mean of all elements (a scalar); the mean of an integer tensor (a mask: accuracy) is f32. */
    public Node mean(Node x) {
        return mean(x, false);
    }

    /** Mean over {@code axes}, which are removed. */
    public Node mean(Node x, int... axes) {
        return mean(x, false, axes);
    }

    /** Mean over {@code axes} (all if none): {@code sum(x, axes) / reduced_size(x, axes)} (see {@link Statistics}). */
    public Node mean(Node x, boolean keepDims, int... axes) {
        return Statistics.mean(this, x, keepDims, axes);
    }

    /** Population variance of all elements (a scalar). */
    public Node variance(Node x) {
        return variance(x, false);
    }

    /** Population variance over {@code axes}, which are removed. */
    public Node variance(Node x, int... axes) {
        return variance(x, false, axes);
    }

    /** Population variance over {@code axes} (all if none), two-pass (see {@link Statistics}). */
    public Node variance(Node x, boolean keepDims, int... axes) {
        return Statistics.variance(this, x, keepDims, axes);
    }

    /** Maximum of all elements (a scalar). */
    public Node max(Node x) {
        return apply(new ReduceMax(null, false), x);
    }

    /** Maximum over {@code axes}, which are removed. */
    public Node max(Node x, int... axes) {
        return apply(new ReduceMax(axes, false), x);
    }

    /** Maximum over {@code axes} (all if none); ties share the gradient equally. */
    public Node max(Node x, boolean keepDims, int... axes) {
        return apply(new ReduceMax(axes, keepDims), x);
    }

    /** Minimum of all elements (a scalar). */
    public Node min(Node x) {
        return apply(new ReduceMin(null, false), x);
    }

    /** Minimum over {@code axes}, which are removed. */
    public Node min(Node x, int... axes) {
        return apply(new ReduceMin(axes, false), x);
    }

    /** Minimum over {@code axes} (all if none); ties share the gradient equally. */
    public Node min(Node x, boolean keepDims, int... axes) {
        return apply(new ReduceMin(axes, keepDims), x);
    }

    /** The i32 index of the maximum along {@code axis} (ties: lowest index). */
    public Node argmax(Node x, int axis) {
        return argmax(x, axis, false);
    }

    public Node argmax(Node x, int axis, boolean keepDims) {
        return apply(new ArgReduce(ReduceOp.MAX, axis, keepDims), x);
    }

    /** The i32 index of the minimum along {@code axis} (ties: lowest index). */
    public Node argmin(Node x, int axis) {
        return argmin(x, axis, false);
    }

    public Node argmin(Node x, int axis, boolean keepDims) {
        return apply(new ArgReduce(ReduceOp.MIN, axis, keepDims), x);
    }

    /** {@code log(sum(exp(x)))} over all elements, computed stably. */
    public Node logsumexp(Node x) {
        return apply(new LogSumExp(null, false), x);
    }

    /** {@code log(sum(exp(x)))} over {@code axes}, which are removed. */
    public Node logsumexp(Node x, int... axes) {
        return apply(new LogSumExp(axes, false), x);
    }

    public Node logsumexp(Node x, boolean keepDims, int... axes) {
        return apply(new LogSumExp(axes, keepDims), x);
    }

    /** The element count of a reduction of {@code x} over {@code axes} (all if none), as a scalar. */
    public Node reducedSize(Node x, int... axes) {
        return apply(new ReducedSize(axes), x);
    }

    // ---- linear algebra -------------------------------------------------------------------------

    /** Matrix product of two matrices, two stacks of matrices [batch, m, k] x [batch, k, n], or a stack and a matrix. */
    public Node matmul(Node a, Node b) {
        return matmul(a, b, false, false);
    }

    /** {@code op(a) op(b)} where op transposes when its flag is set. */
    public Node matmul(Node a, Node b, boolean transA, boolean transB) {
        return apply(new MatMul(transA, transB), a, b);
    }

    // ---- shape ------------------------------------------------------------------------------------

    /** Permutes axes ({@code perm[i]} is the input axis of output axis i); no perm reverses them. */
    public Node transpose(Node x, int... perm) {
        return apply(new Transpose(perm), x);
    }

    /** Permutes axes: output axis i is input axis {@code perm[i]} (same as {@link #transpose}). */
    public Node permute(Node x, int... perm) {
        return transpose(x, perm);
    }

    /** Exchanges two axes (negative counts from the end). */
    public Node swapAxes(Node x, int a, int b) {
        return ShapeComposites.swapAxes(this, x, a, b);
    }

    /** Reshapes; one dimension may be -1 (inferred). */
    public Node reshape(Node x, int... dims) {
        return apply(new Reshape(dims), x);
    }

    /** Broadcasts to a static shape; a -1 keeps the input's dimension (e.g. the batch). */
    public Node broadcastTo(Node x, int... dims) {
        return apply(new BroadcastTo(dims), x);
    }

    /** Inserts a size-1 axis at output position {@code axis}. */
    public Node expandDims(Node x, int axis) {
        return apply(new ExpandDims(axis), x);
    }

    /** Removes the given size-1 axes, or every static size-1 axis if none are given. */
    public Node squeeze(Node x, int... axes) {
        return apply(new Squeeze(axes), x);
    }

    /** Joins tensors along {@code axis}. */
    public Node concat(int axis, Node... xs) {
        return apply(new Concat(axis), xs);
    }

    public Node concat(List<Node> xs, int axis) {
        return concat(axis, xs.toArray(new Node[0]));
    }

    /**
     * The block starting at {@code begin} with extent {@code size} per axis; a size of -1 runs to
     * the end of the axis; axes beyond the arrays are kept whole.
     */
    public Node slice(Node x, int[] begin, int[] size) {
        return ShapeComposites.slice(this, x, begin, size);
    }

    /** Elements {@code [begin[d], end[d])} per axis (negative counts from the end; {@link Slice#END}). */
    public Node sliceRange(Node x, int[] begin, int[] end) {
        return apply(new Slice(begin, end), x);
    }

    /**
     * Elements {@code begin[d], begin[d] + step[d], ...} before {@code end[d]} per axis, Python
     * style: a negative step walks backwards ({@code end} {@link Slice#END} then runs past the first
     * element), a negative bound counts from the end.
     */
    public Node sliceRange(Node x, int[] begin, int[] end, int[] step) {
        return apply(new Slice(begin, end, step), x);
    }

    /** Splits along {@code axis} into {@code parts} equal slices (the axis size must be known and divisible). */
    public List<Node> split(Node x, int parts, int axis) {
        return ShapeComposites.split(this, x, parts, axis);
    }

    /** Splits along {@code axis} into slices of the given sizes, which must add up to the axis size. */
    public List<Node> split(Node x, int[] sizes, int axis) {
        return ShapeComposites.split(this, x, sizes, axis);
    }

    /** Index {@code index} along {@code axis}, the axis removed ({@link Select}): the step t of a sequence. */
    public Node select(Node x, int axis, int index) {
        return apply(new Select(axis, index), x);
    }

    /** The slices along {@code axis}, the axis removed: a [batch, time, feature] sequence into its steps. */
    public List<Node> unstack(Node x, int axis) {
        return ShapeComposites.unstack(this, x, axis);
    }

    /** Stacks tensors of one shape along a new {@code axis} of the output ({@link Stack}); unstack's inverse. */
    public Node stack(int axis, Node... xs) {
        return apply(new Stack(axis), xs);
    }

    public Node stack(List<Node> xs, int axis) {
        return stack(axis, xs.toArray(new Node[0]));
    }

    /** Pads with zeros: {@code before[d]} and {@code after[d]} elements along axis d. */
    public Node pad(Node x, int[] before, int[] after) {
        return pad(x, before, after, 0.0);
    }

    /** Pads with {@code value}: {@code before[d]} and {@code after[d]} elements along axis d. */
    public Node pad(Node x, int[] before, int[] after, double value) {
        return apply(new Pad(before, after, value), x);
    }

    /** Rows of {@code table} ([V, ...]) at the i32 or i64 {@code indices}: shape {@code indices.shape ++ [...]}. */
    public Node gather(Node table, Node indices) {
        return apply(new Gather(), table, indices);
    }

    /**
     * {@code torch.gather}: {@code y[i] = x[i with i[axis] = indices[i]]} for integer indices of x's
     * rank (no larger than x off the axis); y has the indices' shape (see {@link GatherAxis}).
     */
    public Node gather(Node x, int axis, Node indices) {
        return apply(new GatherAxis(axis), x, indices);
    }

    /** Zeros like {@code table} with the rows of {@code updates} added at {@code indices} (gather's gradient). */
    public Node scatterAdd(Node updates, Node indices, Node table) {
        return apply(new ScatterAdd(), updates, indices, table);
    }

    /** One-hot rows of length {@code depth} for i32 or i64 indices, in {@code dtype}. */
    public Node oneHot(Node indices, int depth, DType dtype) {
        return apply(new OneHot(depth, dtype), indices);
    }

    // ---- network ops ------------------------------------------------------------------------------

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

    /** Elementwise, numerically stable binary cross-entropy of logits against targets in [0, 1]. */
    public Node sigmoidCrossEntropyWithLogits(Node logits, Node labels) {
        return apply(SigmoidCrossEntropyWithLogits.INSTANCE, logits, labels);
    }

    /**
     * Per-example softmax cross-entropy of logits [batch, C] against i32 or i64 class indices [batch]; a
     * [batch] vector. A label outside [0, C) fails the run naming the label, its row and C.
     */
    public Node sparseSoftmaxCrossEntropy(Node logits, Node labels) {
        return apply(new SparseSoftmaxCrossEntropy(), logits, labels);
    }

    /** Per-example softmax cross-entropy of logits [batch, C] against label distributions [batch, C]; [batch]. */
    public Node softmaxCrossEntropy(Node logits, Node labels) {
        return apply(SoftmaxCrossEntropy.INSTANCE, logits, labels);
    }

    /** {@code mean((predictions - targets)^2)} over all elements; the shapes must match (see {@link Losses}). */
    public Node meanSquaredError(Node predictions, Node targets) {
        return Losses.meanSquaredError(this, predictions, targets);
    }

    /**
     * Inverted dropout in training runs, the identity in evaluation runs (see {@link Dropout}):
     * {@code keep} must be in (0, 1]; {@code keep == 1} returns {@code x}.
     */
    public Node dropout(Node x, double keep, long seed) {
        return Dropout.dropout(this, x, keep, seed);
    }

    /**
     * {@code train} in training runs and {@code eval} in evaluation runs (see {@link ByMode}); the
     * branch a run does not take is not computed.
     */
    public Node byMode(Node train, Node eval) {
        return apply(ByMode.INSTANCE, train, eval);
    }

    /** Batch normalization in training mode (batch statistics; see {@link Normalization}). */
    public Node batchNorm(Node x, Node gamma, Node beta, double eps) {
        return Normalization.batchNorm(this, x, gamma, beta, eps);
    }

    /** Batch normalization in inference mode with given per-channel statistics (see {@link Normalization}). */
    public Node batchNormInference(Node x, Node mean, Node variance, Node gamma, Node beta, double eps) {
        return Normalization.batchNormInference(this, x, mean, variance, gamma, beta, eps);
    }

    /** Layer normalization over the last axis (see {@link Normalization}). */
    public Node layerNorm(Node x, Node gamma, Node beta, double eps) {
        return Normalization.layerNorm(this, x, gamma, beta, eps);
    }

    /** Layer normalization over the last {@code axes} axes, gamma and beta of their shape (see {@link Normalization}). */
    public Node layerNorm(Node x, Node gamma, Node beta, double eps, int axes) {
        return Normalization.layerNorm(this, x, gamma, beta, eps, axes);
    }

    // ---- convolution and pooling ------------------------------------------------------------------

    /** 2-D convolution of NCHW {@code x} with filters w [F, C, KH, KW] (see {@link Conv2D}). */
    public Node conv2d(Node x, Node w, int[] stride, int[] padding) {
        return apply(new Conv2D(stride, padding), x, w);
    }

    /** 2-D convolution with the same stride and padding in both directions. */
    public Node conv2d(Node x, Node w, int stride, int padding) {
        return conv2d(x, w, new int[] {stride, stride}, new int[] {padding, padding});
    }

    /** 2-D convolution with a bias b [F] added per output channel (see {@link Conv2D}). */
    public Node conv2d(Node x, Node w, Node b, int[] stride, int[] padding) {
        return apply(new Conv2D(stride, padding), x, w, b);
    }

    /** 2-D convolution with a bias, the same stride and padding in both directions. */
    public Node conv2d(Node x, Node w, Node b, int stride, int padding) {
        return conv2d(x, w, b, new int[] {stride, stride}, new int[] {padding, padding});
    }

    /** Max pooling of NCHW {@code x}: window {@code kernel}, step {@code stride}, no padding. */
    public Node maxPool2d(Node x, int[] kernel, int[] stride) {
        return apply(new MaxPool2D(kernel, stride), x, x);
    }

    /** Max pooling with square windows. */
    public Node maxPool2d(Node x, int kernel, int stride) {
        return maxPool2d(x, new int[] {kernel, kernel}, new int[] {stride, stride});
    }

    /**
     * Max pooling with symmetric zero-free {@code padding} (at most half the kernel; padded
     * elements are never selected) and, with {@code ceilMode}, a last partial window.
     */
    public Node maxPool2d(Node x, int[] kernel, int[] stride, int[] padding, boolean ceilMode) {
        return apply(new MaxPool2D(kernel, stride, padding, ceilMode), x, x);
    }

    /** Average pooling of NCHW {@code x}: window {@code kernel}, step {@code stride}, no padding. */
    public Node avgPool2d(Node x, int[] kernel, int[] stride) {
        return apply(new AvgPool2D(kernel, stride), x);
    }

    /** Average pooling with square windows. */
    public Node avgPool2d(Node x, int kernel, int stride) {
        return avgPool2d(x, new int[] {kernel, kernel}, new int[] {stride, stride});
    }

    /**
     * Average pooling with symmetric {@code padding} (at most half the kernel) and optionally ceil
     * mode; each window averages the input elements it holds (padding is not counted).
     */
    public Node avgPool2d(Node x, int[] kernel, int[] stride, int[] padding, boolean ceilMode) {
        return apply(new AvgPool2D(kernel, stride, padding, ceilMode), x);
    }

    // ---- gradient plumbing ----------------------------------------------------------------------

    /** Reshapes {@code x} to {@code like}'s run-time shape. */
    public Node reshapeLike(Node x, Node like) {
        return apply(ReshapeLike.INSTANCE, x, like);
    }

    /** Broadcasts {@code x} (with size-1 axes inserted at {@code axes}) to {@code like}'s run-time shape. */
    public Node broadcastLike(Node x, Node like, int... axes) {
        return apply(new BroadcastLike(axes), x, like);
    }

    /** Sums {@code g} down to {@code like}'s run-time shape (removing inserted {@code axes}). */
    public Node sumLike(Node g, Node like, int... axes) {
        return apply(new SumLike(axes), g, like);
    }

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
