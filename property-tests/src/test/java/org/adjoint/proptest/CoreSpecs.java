package org.adjoint.proptest;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.adjoint.graph.DType;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.kernels.BinaryOp;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.Ops;
import org.adjoint.ops.elementwise.Add;
import org.adjoint.ops.elementwise.Compare;
import org.adjoint.ops.elementwise.Div;
import org.adjoint.ops.elementwise.ElementwiseUnary;
import org.adjoint.ops.elementwise.Exp;
import org.adjoint.ops.elementwise.Log;
import org.adjoint.ops.elementwise.Mul;
import org.adjoint.ops.elementwise.Neg;
import org.adjoint.ops.elementwise.Reciprocal;
import org.adjoint.ops.elementwise.Relu;
import org.adjoint.ops.elementwise.Sigmoid;
import org.adjoint.ops.elementwise.Square;
import org.adjoint.ops.elementwise.Sub;
import org.adjoint.ops.elementwise.Tanh;
import org.adjoint.ops.elementwise.UnaryGrad;
import org.adjoint.ops.grad.BroadcastLike;
import org.adjoint.ops.grad.FillLike;
import org.adjoint.ops.grad.ReshapeLike;
import org.adjoint.ops.grad.StopGradient;
import org.adjoint.ops.grad.SumLike;
import org.adjoint.ops.linalg.MatMul;
import org.adjoint.ops.nn.ByMode;
import org.adjoint.ops.nn.SigmoidCrossEntropyWithLogits;
import org.adjoint.ops.reduce.ReduceSum;
import org.adjoint.ops.reduce.ReducedSize;
import org.adjoint.ops.shape.Reshape;
import org.adjoint.ops.shape.Transpose;
import org.adjoint.testing.Gen;
import org.adjoint.testing.OpSpec;
import org.adjoint.testing.Ref;

/** Specs of the foundation ops (arithmetic, matmul, shape plumbing, sums). */
final class CoreSpecs implements SpecProvider {

    /** Odd matrix sizes (off the vector width). */
    private static final int[] MATMUL_SIZES = {1, 2, 3, 5, 7, 9, 13, 17};

    @Override
    public List<OpSpec> specs() {
        List<OpSpec> specs = new ArrayList<>();
        specs.addAll(arithmetic());
        specs.addAll(comparisons());
        specs.addAll(unary());
        specs.addAll(unaryGrads());
        specs.addAll(shapes());
        specs.addAll(reductions());
        specs.addAll(plumbing());
        specs.addAll(large());
        return specs;
    }

    // ---- elementwise binary ---------------------------------------------------------------------

    private static List<OpSpec> arithmetic() {
        return List.of(
                binary("add", Add.class, Ops::add, (a, b) -> a + b, rnd -> Gen.broadcastPair(rnd, -2, 2)),
                binary("sub", Sub.class, Ops::sub, (a, b) -> a - b, rnd -> Gen.broadcastPair(rnd, -2, 2)),
                binary("mul", Mul.class, Ops::mul, (a, b) -> a * b, rnd -> Gen.broadcastPair(rnd, -2, 2)),
                binary("div", Div.class, Ops::div, (a, b) -> a / b, CoreSpecs::numeratorAndDenominator)
                        .gradTol(1e-5, 1e-5));
    }

    /** A broadcasting pair whose second element stays at least 0.5 away from 0. */
    private static List<Tensor> numeratorAndDenominator(SplittableRandom rnd) {
        List<Tensor> pair = Gen.broadcastPair(rnd, -2, 2);
        return List.of(pair.get(0), Gen.awayFromZero(rnd, pair.get(1).shape(), -2, 2, 0.5));
    }

    /** The op's name in error messages: the spec name without a "(variant)" suffix. */
    private static String opName(String specName) {
        int paren = specName.indexOf('(');
        return paren < 0 ? specName : specName.substring(0, paren);
    }

    private interface BinaryBuilder {
        Node apply(Ops o, Node a, Node b);
    }

    private static OpSpec binary(String name, Class<? extends org.adjoint.graph.Op> cls, BinaryBuilder b,
            DoubleBinaryOperator f, Function<SplittableRandom, List<Tensor>> gen) {
        String op = opName(name);
        return OpSpec.of(name, cls)
                .inputs(gen)
                .build((o, in) -> b.apply(o, in.get(0), in.get(1)))
                .reference(in -> Ref.binary(in.get(0), in.get(1), f))
                .differentiable(0, 1)
                .error("incompatible shapes",
                        o -> b.apply(o, o.constant(Gen.zeros(2, 3)), o.constant(Gen.zeros(4))),
                        op + " '.*': shapes \\[2, 3\\] and \\[4\\] cannot be broadcast \\(dimension -1: 3 != 4\\)")
                .error("i32 input",
                        o -> b.apply(o, o.constant(Tensor.zeros(DType.I32, Shape.of(2))), o.constant(Gen.zeros(2))),
                        op + " '.*': input 0 must be f32 or f64, got i32\\[2\\]")
                .error("mixed dtypes",
                        o -> b.apply(o, o.constant(Gen.zeros(2)), o.constant(Tensor.zeros(DType.F32, Shape.of(2)))),
                        op + " '.*': dtypes differ: input 0 is f64, input 1 is f32");
    }

    private static List<OpSpec> comparisons() {
        List<OpSpec> specs = new ArrayList<>();
        addComparison(specs, "greater", BinaryOp.GT, (a, b) -> a > b);
        addComparison(specs, "greater_equal", BinaryOp.GE, (a, b) -> a >= b);
        addComparison(specs, "less", BinaryOp.LT, (a, b) -> a < b);
        addComparison(specs, "less_equal", BinaryOp.LE, (a, b) -> a <= b);
        addComparison(specs, "equal", BinaryOp.EQ, (a, b) -> a == b);
        addComparison(specs, "not_equal", BinaryOp.NE, (a, b) -> a != b);
        return specs;
    }

    private interface Comparison {
        boolean test(double a, double b);
    }

    /** Values from a small set, so that ties (where the comparisons differ) are frequent. */
    private static void addComparison(List<OpSpec> specs, String name, BinaryOp kind, Comparison c) {
        specs.add(OpSpec.of(name, Compare.class)
                .inputs(rnd -> {
                    List<Tensor> shapes = Gen.broadcastPair(rnd, 0, 1);
                    return List.of(Gen.discrete(rnd, shapes.get(0).shape(), -1, 0, 0.5, 2),
                            Gen.discrete(rnd, shapes.get(1).shape(), -1, 0, 0.5, 2));
                })
                .build((o, in) -> o.apply(new Compare(kind), in.get(0), in.get(1)))
                .reference(in -> Ref.binary(in.get(0), in.get(1), (a, b) -> c.test(a, b) ? 1 : 0))
                .noGradient() // piecewise constant: no gradient
                .f32Tol(0)
                .error("incompatible shapes",
                        o -> o.apply(new Compare(kind), o.constant(Gen.zeros(3, 2)), o.constant(Gen.zeros(3))),
                        name + " '.*': shapes \\[3, 2\\] and \\[3\\] cannot be broadcast")
                .error("an integer and a float",
                        o -> o.apply(new Compare(kind), o.constant(Gen.zeros(2)),
                                o.constant(Tensor.zeros(DType.I32, Shape.of(2)))),
                        "^" + name + " '.*': cannot compare f64\\[2\\] with i32\\[2\\] \\(an integer and a float: cast one"
                                + " of them\\)$"));
    }

    // ---- elementwise unary ----------------------------------------------------------------------

    interface UnaryBuilder {
        Node apply(Ops o, Node x);
    }

    private static OpSpec unarySpec(String name, Class<? extends org.adjoint.graph.Op> cls, UnaryBuilder b,
            DoubleUnaryOperator f, Function<SplittableRandom, Tensor> gen) {
        return OpSpec.of(name, cls)
                .inputs(rnd -> List.of(gen.apply(rnd)))
                .build((o, in) -> b.apply(o, in.get(0)))
                .reference(in -> Ref.unary(in.get(0), f))
                .differentiable(0)
                .error("i32 input", o -> b.apply(o, o.constant(Tensor.zeros(DType.I32, Shape.of(3, 1)))),
                        opName(name) + " '.*': input 0 must be f32 or f64, got i32\\[3, 1\\]");
    }

    private static List<OpSpec> unary() {
        return List.of(
                unarySpec("neg", Neg.class, Ops::neg, x -> -x, rnd -> Gen.uniform(rnd, Gen.shape(rnd, 0, 4), -3, 3)),
                unarySpec("exp", Exp.class, Ops::exp, Math::exp,
                        rnd -> Gen.uniform(rnd, Gen.shape(rnd, 0, 4), -3, 3)),
                unarySpec("log", Log.class, Ops::log, Math::log,
                        rnd -> Gen.uniform(rnd, Gen.shape(rnd, 0, 4), 0.2, 4)),
                unarySpec("square", Square.class, Ops::square, x -> x * x,
                        rnd -> Gen.uniform(rnd, Gen.shape(rnd, 0, 4), -3, 3)),
                unarySpec("reciprocal", Reciprocal.class, Ops::reciprocal, x -> 1 / x,
                        rnd -> Gen.awayFromZero(rnd, Gen.shape(rnd, 0, 4), -3, 3, 0.4)),
                unarySpec("sigmoid", Sigmoid.class, Ops::sigmoid, x -> 1 / (1 + Math.exp(-x)),
                        rnd -> Gen.uniform(rnd, Gen.shape(rnd, 0, 4), -6, 6))
                        .extremes(rnd -> List.of(Gen.discrete(rnd, Gen.shape(rnd, 1, 2), -800, -30, 30, 800))),
                unarySpec("tanh", Tanh.class, Ops::tanh, Math::tanh,
                        rnd -> Gen.uniform(rnd, Gen.shape(rnd, 0, 4), -3, 3))
                        .extremes(rnd -> List.of(Gen.discrete(rnd, Gen.shape(rnd, 1, 2), -800, -30, 30, 800))),
                unarySpec("relu", Relu.class, Ops::relu, x -> x > 0 ? x : 0,
                        rnd -> Gen.awayFromZero(rnd, Gen.shape(rnd, 0, 4), -3, 3, 0.01)));
    }

    /** unary_grad built as the backward of an activation: dy * f'(x), with y = f(x) computed in the graph. */
    private static List<OpSpec> unaryGrads() {
        return List.of(
                unaryGrad(UnaryOp.SIGMOID, Ops::sigmoid, x -> {
                    double s = 1 / (1 + Math.exp(-x));
                    return s * (1 - s);
                }, -5, 5, 0),
                unaryGrad(UnaryOp.TANH, Ops::tanh, x -> 1 - Math.tanh(x) * Math.tanh(x), -3, 3, 0),
                unaryGrad(UnaryOp.RELU, Ops::relu, x -> x > 0 ? 1 : 0, -3, 3, 0.01),
                unaryGrad(UnaryOp.EXP, Ops::exp, Math::exp, -2, 2, 0),
                unaryGrad(UnaryOp.LOG, Ops::log, x -> 1 / x, 0.3, 3, 0),
                unaryGrad(UnaryOp.SQUARE, Ops::square, x -> 2 * x, -2, 2, 0),
                unaryGrad(UnaryOp.RECIPROCAL, Ops::reciprocal, x -> -1 / (x * x), 0.4, 3, 0));
    }

    private static OpSpec unaryGrad(UnaryOp kind, UnaryBuilder f, DoubleUnaryOperator derivative, double lo,
            double hi, double gap) {
        String name = "unary_grad(" + kind.name().toLowerCase() + ")";
        return OpSpec.of(name, UnaryGrad.class)
                .inputs(rnd -> {
                    Shape s = Gen.shape(rnd, 0, 3);
                    Tensor x = gap > 0 ? Gen.awayFromZero(rnd, s, lo, hi, gap) : Gen.uniform(rnd, s, lo, hi);
                    return List.of(x, Gen.uniform(rnd, s, -2, 2));
                })
                .build((o, in) -> fused(o, f, in.get(0), in.get(1)))
                .reference(in -> {
                    Tensor d = Ref.unary(in.get(0), derivative);
                    return Ref.binary(d, in.get(1), (a, b) -> a * b);
                })
                // relu's derivative is piecewise constant in x: only dy gets a gradient
                .differentiable(kind == UnaryOp.RELU ? new int[] {1} : new int[] {0, 1})
                .error("gradient shape differs",
                        o -> fused(o, f, o.constant(Gen.zeros(2, 3)), o.constant(Gen.zeros(3, 2))),
                        "unary_grad '.*': input 0 has shape \\[2, 3\\] but the incoming gradient has \\[3, 2\\]")
                .error("i32 gradient",
                        o -> fused(o, f, o.constant(Gen.zeros(2)), o.constant(Tensor.zeros(DType.I32, Shape.of(2)))),
                        "unary_grad '.*': input 2 must be f32 or f64, got i32\\[2\\]");
    }

    /** {@code unary_grad(x, f(x), dy)} for the function {@code f} builds. */
    static Node fused(Ops o, UnaryBuilder f, Node x, Node dy) {
        Node y = f.apply(o, x);
        return UnaryGrad.apply((ElementwiseUnary) y.op(), x, y, dy);
    }

    // ---- linear algebra and shape ---------------------------------------------------------------

    private static List<OpSpec> shapes() {
        return List.of(matmul(), transpose(), reshape(), reshapeLike());
    }

    private static int matmulSize(SplittableRandom rnd) {
        return MATMUL_SIZES[rnd.nextInt(MATMUL_SIZES.length)];
    }

    /** attrs: [transA, transB] as 0/1. */
    private static OpSpec matmul() {
        return OpSpec.of("matmul", MatMul.class)
                .samples(rnd -> {
                    int m = matmulSize(rnd);
                    int k = matmulSize(rnd);
                    int n = matmulSize(rnd);
                    boolean ta = rnd.nextBoolean();
                    boolean tb = rnd.nextBoolean();
                    Tensor a = Gen.uniform(rnd, ta ? Shape.of(k, m) : Shape.of(m, k), -1, 1);
                    Tensor b = Gen.uniform(rnd, tb ? Shape.of(n, k) : Shape.of(k, n), -1, 1);
                    return OpSpec.Sample.of(List.of(a, b), ta ? 1 : 0, tb ? 1 : 0);
                })
                .buildWith((o, in, at) -> o.matmul(in.get(0), in.get(1), at[0] == 1, at[1] == 1))
                .referenceWith((in, at) -> Ref.matmul(in.get(0), in.get(1), at[0] == 1, at[1] == 1))
                .differentiable(0, 1)
                .f32Tol(1e-4)
                .error("inner dimensions",
                        o -> o.named("name").matmul(o.constant(Gen.zeros(2, 3)), o.constant(Gen.zeros(4, 5))),
                        "^matmul 'name': inner dimensions differ: \\[2, 3\\] x \\[4, 5\\] \\(3 != 4\\)$")
                .error("inner dimensions, transposed",
                        o -> o.matmul(o.constant(Gen.zeros(2, 3)), o.constant(Gen.zeros(4, 5)), true, true),
                        "matmul '.*': inner dimensions differ: \\[2, 3\\]\\^T x \\[4, 5\\]\\^T \\(2 != 5\\)")
                .error("rank 1",
                        o -> o.matmul(o.constant(Gen.zeros(4)), o.constant(Gen.zeros(4, 5))),
                        "matmul '.*': expects two matrices \\(rank 2\\).*, got \\[4\\] x \\[4, 5\\]")
                .error("i32 input",
                        o -> o.matmul(o.constant(Tensor.zeros(DType.I32, Shape.of(2, 2))), o.constant(Gen.zeros(2, 2))),
                        "matmul '.*': input 0 must be f32 or f64, got i32\\[2, 2\\]");
    }

    /** attrs: the permutation (empty: reverse the axes). */
    private static OpSpec transpose() {
        return OpSpec.of("transpose", Transpose.class)
                .samples(rnd -> {
                    Tensor x = Gen.uniform(rnd, Gen.shape(rnd, 0, 4), -2, 2);
                    int[] perm = rnd.nextInt(4) == 0 ? new int[0] : Gen.permutation(rnd, x.shape().rank());
                    return OpSpec.Sample.of(List.of(x), perm);
                })
                .buildWith((o, in, perm) -> o.transpose(in.get(0), perm))
                .referenceWith((in, perm) -> Ref.transpose(in.get(0), perm))
                .differentiable(0)
                .error("not a permutation", o -> o.transpose(o.constant(Gen.zeros(2, 3, 4)), 0, 0, 2),
                        "transpose '.*': perm \\[0, 0, 2\\] is not a permutation of 0..2")
                .error("axis out of range", o -> o.transpose(o.constant(Gen.zeros(2, 3)), 0, 2),
                        "transpose '.*': perm \\[0, 2\\] is not a permutation of 0..1")
                .error("wrong length", o -> o.transpose(o.constant(Gen.zeros(2, 3, 4)), 1, 0),
                        "transpose '.*': perm \\[1, 0\\] has 2 axes, input has shape \\[2, 3, 4\\]");
    }

    /** attrs: the target dims (one may be -1). */
    private static OpSpec reshape() {
        return OpSpec.of("reshape", Reshape.class)
                .samples(rnd -> {
                    Tensor x = Gen.uniform(rnd, Gen.shape(rnd, 0, 4), -2, 2);
                    int[] dims = Gen.withSize(rnd, x.size()).dims();
                    if (dims.length > 0 && rnd.nextBoolean()) {
                        dims[rnd.nextInt(dims.length)] = -1;
                    }
                    return OpSpec.Sample.of(List.of(x), dims);
                })
                .buildWith((o, in, dims) -> o.reshape(in.get(0), dims))
                .referenceWith((in, dims) -> Ref.reshape(in.get(0), inferDims(dims, in.get(0).size())))
                .differentiable(0)
                .error("size mismatch", o -> o.reshape(o.constant(Gen.zeros(2, 3)), 4, 2),
                        "reshape '.*': cannot reshape \\[2, 3\\] \\(6 elements\\) to \\[4, 2\\] \\(8 elements\\)")
                .error("-1 does not divide", o -> o.reshape(o.constant(Gen.zeros(2, 3)), 4, -1),
                        "reshape '.*': cannot reshape \\[2, 3\\] \\(6 elements\\) to \\[4, -1\\]")
                .error("two -1", o -> o.reshape(o.constant(Gen.zeros(2, 3)), -1, -1),
                        "reshape '.*': target shape \\[-1, -1\\] has more than one -1")
                .error("negative dimension", o -> o.reshape(o.constant(Gen.zeros(2, 3)), -2, -3),
                        "reshape '.*': target shape \\[-2, -3\\] has a negative dimension");
    }

    /** The reshape target with its -1 resolved (written out independently of the op). */
    private static Shape inferDims(int[] dims, int size) {
        int[] out = dims.clone();
        int known = 1;
        for (int d : dims) {
            known *= d == -1 ? 1 : d;
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                out[i] = size / known;
            }
        }
        return Shape.of(out);
    }

    private static OpSpec reshapeLike() {
        return OpSpec.of("reshape_like", ReshapeLike.class)
                .inputs(rnd -> {
                    Tensor x = Gen.uniform(rnd, Gen.shape(rnd, 0, 4), -2, 2);
                    return List.of(x, Gen.uniform(rnd, Gen.withSize(rnd, x.size()), -2, 2));
                })
                .build((o, in) -> o.reshapeLike(in.get(0), in.get(1)))
                .reference(in -> Ref.reshape(in.get(0), in.get(1).shape()))
                .differentiable(0) // input 1 only lends its shape
                .error("size mismatch", o -> o.reshapeLike(o.constant(Gen.zeros(2, 3)), o.constant(Gen.zeros(7))),
                        "reshape_like '.*': cannot reshape \\[2, 3\\] \\(6 elements\\) like \\[7\\] \\(7 elements\\)");
    }

    // ---- reductions and broadcasting ------------------------------------------------------------

    private static List<OpSpec> reductions() {
        return List.of(reduceSum(), reducedSize(), broadcastLike(), sumLike());
    }

    /** Random axes written with a random sign (axis - rank counts from the end). */
    private static int[] signedAxes(SplittableRandom rnd, int rank) {
        int[] axes = Gen.axes(rnd, rank);
        for (int i = 0; i < axes.length; i++) {
            if (rnd.nextBoolean()) {
                axes[i] -= rank;
            }
        }
        return axes;
    }

    /** attrs: [keepDims (0/1), axes...]; no axes sums everything. */
    private static OpSpec reduceSum() {
        return OpSpec.of("sum", ReduceSum.class)
                .samples(rnd -> {
                    Tensor x = Gen.uniform(rnd, Gen.shape(rnd, 0, 4), -2, 2);
                    int[] axes = signedAxes(rnd, x.shape().rank());
                    int[] attrs = new int[axes.length + 1];
                    attrs[0] = rnd.nextInt(2);
                    System.arraycopy(axes, 0, attrs, 1, axes.length);
                    return OpSpec.Sample.of(List.of(x), attrs);
                })
                .buildWith((o, in, at) -> o.sum(in.get(0), at[0] == 1, tail(at)))
                .referenceWith((in, at) -> Ref.sum(in.get(0), tail(at), at[0] == 1))
                .differentiable(0)
                .forwardTol(1e-12)
                .f32Tol(1e-4)
                .error("axis out of range", o -> o.sum(o.constant(Gen.zeros(2, 3)), 2),
                        "sum '.*': axis 2 is out of range for rank 2")
                .error("negative axis out of range", o -> o.sum(o.constant(Gen.zeros(2, 3)), -3),
                        "sum '.*': axis -3 is out of range for rank 2")
                .error("repeated axis", o -> o.sum(o.constant(Gen.zeros(2, 3)), 1, -1),
                        "sum '.*': axis 1 is repeated in \\[1, -1\\]");
    }

    private static int[] tail(int[] a) {
        return java.util.Arrays.copyOfRange(a, 1, a.length);
    }

    /** attrs: axes (none: all). */
    private static OpSpec reducedSize() {
        return OpSpec.of("reduced_size", ReducedSize.class)
                .samples(rnd -> {
                    Tensor x = Gen.uniform(rnd, Gen.shape(rnd, 0, 4), -2, 2);
                    return OpSpec.Sample.of(List.of(x), signedAxes(rnd, x.shape().rank()));
                })
                .buildWith((o, in, axes) -> o.reducedSize(in.get(0), axes))
                .referenceWith((in, axes) -> {
                    Shape s = in.get(0).shape();
                    double n = 1;
                    for (int d = 0; d < s.rank(); d++) {
                        boolean reduced = axes.length == 0;
                        for (int a : axes) {
                            reduced |= a == d || a == d - s.rank();
                        }
                        n *= reduced ? s.dim(d) : 1;
                    }
                    return Ref.scalar(n);
                })
                .noGradient() // depends on the shape only
                .f32Tol(0)
                .error("axis out of range", o -> o.reducedSize(o.constant(Gen.zeros(2, 3)), 5),
                        "reduced_size '.*': axis 5 is out of range for rank 2");
    }

    /**
     * A target shape T and a shape E that broadcasts to it (a suffix with some dims set to 1),
     * then some of E's size-1 dims removed and remembered as inserted axes: returns
     * {T dims..., -1 separator, E-without-inserted dims..., -1, inserted axes...} as three arrays.
     */
    private static int[][] broadcastLayout(SplittableRandom rnd) {
        Shape target = Gen.shape(rnd, 0, 4);
        Shape e = Gen.broadcastableFrom(rnd, target);
        int[] kept = new int[e.rank()];
        int[] inserted = new int[e.rank()];
        int nk = 0;
        int ni = 0;
        for (int d = 0; d < e.rank(); d++) {
            if (e.dim(d) == 1 && rnd.nextBoolean()) {
                inserted[ni++] = d;
            } else {
                kept[nk++] = e.dim(d);
            }
        }
        return new int[][] {target.dims(), java.util.Arrays.copyOf(kept, nk), java.util.Arrays.copyOf(inserted, ni)};
    }

    /** attrs: the inserted axes. Input 0 is broadcast to input 1's shape. */
    private static OpSpec broadcastLike() {
        return OpSpec.of("broadcast_like", BroadcastLike.class)
                .samples(rnd -> {
                    int[][] l = broadcastLayout(rnd);
                    return OpSpec.Sample.of(List.of(Gen.uniform(rnd, Shape.of(l[1]), -2, 2),
                            Gen.uniform(rnd, Shape.of(l[0]), -2, 2)), l[2]);
                })
                .buildWith((o, in, axes) -> o.broadcastLike(in.get(0), in.get(1), axes))
                .referenceWith((in, axes) -> Ref.broadcastTo(in.get(0), axes, in.get(1).shape()))
                .differentiable(0) // input 1 only lends its shape
                .error("does not broadcast",
                        o -> o.broadcastLike(o.constant(Gen.zeros(3)), o.constant(Gen.zeros(2, 4))),
                        "broadcast_like '.*': shape \\[3\\] does not broadcast to \\[2, 4\\]")
                .error("bad inserted axis",
                        o -> o.broadcastLike(o.constant(Gen.zeros(3)), o.constant(Gen.zeros(2, 3)), 2),
                        "broadcast_like '.*': cannot insert axes \\[2\\] into \\[3\\]");
    }

    /** attrs: the inserted axes. Input 0 is summed down to input 1's shape. */
    private static OpSpec sumLike() {
        return OpSpec.of("sum_like", SumLike.class)
                .samples(rnd -> {
                    int[][] l = broadcastLayout(rnd);
                    return OpSpec.Sample.of(List.of(Gen.uniform(rnd, Shape.of(l[0]), -2, 2),
                            Gen.uniform(rnd, Shape.of(l[1]), -2, 2)), l[2]);
                })
                .buildWith((o, in, axes) -> o.sumLike(in.get(0), in.get(1), axes))
                .referenceWith((in, axes) -> Ref.sumTo(in.get(0), in.get(1).shape(), axes))
                .differentiable(0) // input 1 only lends its shape
                .f32Tol(1e-4)
                .error("cannot sum down",
                        o -> o.sumLike(o.constant(Gen.zeros(2, 4)), o.constant(Gen.zeros(3))),
                        "sum_like '.*': cannot sum \\[2, 4\\] down to \\[3\\]")
                .error("bad inserted axis",
                        o -> o.sumLike(o.constant(Gen.zeros(2, 3)), o.constant(Gen.zeros(3)), 2),
                        "sum_like '.*': cannot insert axes \\[2\\] into \\[3\\]");
    }

    // ---- large sizes: kernel vector bodies, tails and blocking ---------------------------------------

    /** Sizes for matmul(large): around 32/64/128 and primes, so that blocked GEMM paths and their edges run. */
    private static final int[] LARGE_MATMUL_SIZES = {1, 31, 33, 64, 67, 129};

    private static List<OpSpec> large() {
        return List.of(
                binary("mul(large)", Mul.class, Ops::mul, (a, b) -> a * b, rnd -> {
                    Shape s = Gen.largeShape(rnd);
                    Shape b = rnd.nextBoolean() ? s : Shape.of(s.dim(-1));
                    return List.of(Gen.uniform(rnd, s, -2, 2), Gen.uniform(rnd, b, -2, 2));
                }).gradTol(1e-5, 1e-5),
                unarySpec("sigmoid(large)", Sigmoid.class, Ops::sigmoid, x -> 1 / (1 + Math.exp(-x)),
                        rnd -> Gen.uniform(rnd, Gen.largeShape(rnd), -6, 6)),
                OpSpec.of("sum(large)", ReduceSum.class)
                        .samples(rnd -> {
                            Tensor x = Gen.uniform(rnd, Gen.largeShape(rnd), -2, 2);
                            return OpSpec.Sample.of(List.of(x), rnd.nextInt(2), rnd.nextInt(x.shape().rank()));
                        })
                        .buildWith((o, in, at) -> o.sum(in.get(0), at[0] == 1, at[1]))
                        .referenceWith((in, at) -> Ref.sum(in.get(0), new int[] {at[1]}, at[0] == 1))
                        .differentiable(0)
                        .f32Tol(1e-4),
                OpSpec.of("matmul(large)", MatMul.class)
                        .samples(rnd -> {
                            int[] d = new int[3];
                            for (int i = 0; i < 3; i++) {
                                d[i] = LARGE_MATMUL_SIZES[rnd.nextInt(LARGE_MATMUL_SIZES.length)];
                            }
                            boolean ta = rnd.nextBoolean();
                            boolean tb = rnd.nextBoolean();
                            Tensor a = Gen.uniform(rnd, ta ? Shape.of(d[1], d[0]) : Shape.of(d[0], d[1]), -1, 1);
                            Tensor b = Gen.uniform(rnd, tb ? Shape.of(d[2], d[1]) : Shape.of(d[1], d[2]), -1, 1);
                            return OpSpec.Sample.of(List.of(a, b), ta ? 1 : 0, tb ? 1 : 0);
                        })
                        .buildWith((o, in, at) -> o.matmul(in.get(0), in.get(1), at[0] == 1, at[1] == 1))
                        .referenceWith((in, at) -> Ref.matmul(in.get(0), in.get(1), at[0] == 1, at[1] == 1))
                        .differentiable(0, 1)
                        .f32Tol(1e-4)
                        .gradTol(1e-5, 1e-5));
    }

    // ---- network op and gradient plumbing -------------------------------------------------------

    private static List<OpSpec> plumbing() {
        return List.of(sigmoidCrossEntropy(), stopGradient(), fillLike(), byMode());
    }

    /** Plain two-branch form of log(1 + e^-|x|) + max(x, 0) - x z, evaluated without overflow. */
    private static double bce(double x, double z) {
        return x >= 0 ? x * (1 - z) + Math.log1p(Math.exp(-x)) : -x * z + Math.log1p(Math.exp(x));
    }

    private static OpSpec sigmoidCrossEntropy() {
        return OpSpec.of("sigmoid_cross_entropy_with_logits", SigmoidCrossEntropyWithLogits.class)
                .inputs(rnd -> {
                    Shape s = Gen.shape(rnd, 0, 4);
                    return List.of(Gen.uniform(rnd, s, -6, 6), Gen.uniform(rnd, s, 0, 1));
                })
                .build((o, in) -> o.sigmoidCrossEntropyWithLogits(in.get(0), in.get(1)))
                .reference(in -> Ref.binary(in.get(0), in.get(1), CoreSpecs::bce))
                .differentiable(0, 1)
                .extremes(rnd -> {
                    Shape s = Gen.shape(rnd, 1, 2);
                    return List.of(Gen.discrete(rnd, s, -1000, -30, 30, 1000), Gen.discrete(rnd, s, 0, 0.3, 1));
                })
                .error("shapes differ",
                        o -> o.sigmoidCrossEntropyWithLogits(o.constant(Gen.zeros(4, 1)), o.constant(Gen.zeros(4))),
                        "sigmoid_cross_entropy_with_logits '.*': logits \\[4, 1\\] and labels \\[4\\] must have the"
                                + " same shape")
                .error("i32 labels",
                        o -> o.sigmoidCrossEntropyWithLogits(o.constant(Gen.zeros(4)),
                                o.constant(Tensor.zeros(DType.I32, Shape.of(4)))),
                        "sigmoid_cross_entropy_with_logits '.*': input 1 must be f32 or f64, got i32\\[4\\]");
    }

    private static OpSpec stopGradient() {
        return OpSpec.of("stop_gradient", StopGradient.class)
                .inputs(rnd -> List.of(Gen.uniform(rnd, Gen.shape(rnd, 0, 4), -2, 2)))
                .build((o, in) -> o.stopGradient(in.get(0)))
                .reference(in -> Ref.unary(in.get(0), x -> x))
                .noGradient(); // blocks the gradient by definition
    }

    private static OpSpec fillLike() {
        return OpSpec.of("fill_like", FillLike.class)
                .inputs(rnd -> List.of(Gen.uniform(rnd, Gen.shape(rnd, 0, 4), -2, 2)))
                .build((o, in) -> o.fillLike(in.get(0), 2.5))
                .reference(in -> Ref.full(in.get(0).shape(), 2.5))
                .noGradient(); // reads the shape only
    }

    /** Checked in training runs (the suite's mode): the value and gradient of input 0, zero gradient for input 1. */
    private static OpSpec byMode() {
        return OpSpec.of("by_mode", ByMode.class)
                .inputs(rnd -> {
                    Shape s = Gen.shape(rnd, 0, 4);
                    return List.of(Gen.uniform(rnd, s, -2, 2), Gen.uniform(rnd, s, -2, 2));
                })
                .build((o, in) -> o.byMode(in.get(0), in.get(1)))
                .reference(in -> Ref.unary(in.get(0), x -> x))
                .differentiable(0, 1)
                .error("shapes differ", o -> o.named("bn").byMode(o.constant(Gen.zeros(4, 1)), o.constant(Gen.zeros(4))),
                        "^by_mode 'bn': the training and evaluation values must have compatible shapes, got \\[4, 1\\]"
                                + " and \\[4\\]$")
                .error("dtypes differ", o -> o.byMode(o.constant(Gen.zeros(2)),
                                o.constant(Tensor.zeros(DType.I32, Shape.of(2)))),
                        "^by_mode '.*': dtypes differ: input 0 is f64, input 1 is i32 .*");
    }
}
