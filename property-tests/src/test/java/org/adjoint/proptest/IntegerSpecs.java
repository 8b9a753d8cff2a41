package org.adjoint.proptest;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.kernels.BinaryOp;
import org.adjoint.ops.elementwise.Cast;
import org.adjoint.ops.elementwise.Compare;
import org.adjoint.ops.elementwise.Div;
import org.adjoint.ops.elementwise.Where;
import org.adjoint.ops.nn.SparseSoftmaxCrossEntropy;
import org.adjoint.ops.reduce.ArgReduce;
import org.adjoint.ops.reduce.ReduceMax;
import org.adjoint.ops.reduce.ReduceMin;
import org.adjoint.ops.reduce.ReduceSum;
import org.adjoint.ops.shape.Gather;
import org.adjoint.ops.shape.OneHot;
import org.adjoint.testing.Gen;
import org.adjoint.testing.OpSpec;
import org.adjoint.testing.Ref;

/**
 * Integer tensors (i32 labels and masks, i64 labels from other tools) where they make sense:
 * comparisons (exact, mixed widths give an i64 mask), where with integer branches, sum (exact,
 * into i64), max/min, argmax/argmin, mean (f32: accuracy), indices and labels of gather, one-hot
 * and the sparse cross-entropy, casts between the integer widths. None has a gradient.
 */
final class IntegerSpecs implements SpecProvider {

    @Override
    public List<OpSpec> specs() {
        List<OpSpec> specs = new ArrayList<>();
        specs.add(comparison("equal(int)", BinaryOp.EQ, DType.I32, DType.I32));
        specs.add(comparison("less(int)", BinaryOp.LT, DType.I64, DType.I32));
        specs.add(comparison("greater_equal(int)", BinaryOp.GE, DType.I64, DType.I64));
        specs.add(whereInt());
        specs.add(reduction("sum(int)", ReduceSum.class, 0));
        specs.add(reduction("max(int)", ReduceMax.class, 1));
        specs.add(reduction("min(int)", ReduceMin.class, -1));
        specs.add(argReduce());
        specs.add(meanOfMask());
        specs.add(gatherI64());
        specs.add(oneHotI64());
        specs.add(sparseCrossEntropyI64());
        specs.add(castWidths());
        return specs;
    }

    private static DType width(SplittableRandom rnd) {
        return rnd.nextBoolean() ? DType.I32 : DType.I64;
    }

    /** Values from {-2..2} so that ties are frequent; broadcasting shapes. */
    private static OpSpec comparison(String name, BinaryOp kind, DType a, DType b) {
        String op = name.substring(0, name.indexOf('('));
        DType mask = a == DType.I64 || b == DType.I64 ? DType.I64 : DType.I32;
        return OpSpec.of(name, Compare.class)
                .inputs(rnd -> {
                    List<Tensor> shapes = Gen.broadcastPair(rnd, 0, 1);
                    return List.of(Gen.integers(rnd, shapes.get(0).shape(), -2, 3, a),
                            Gen.integers(rnd, shapes.get(1).shape(), -2, 3, b));
                })
                .build((o, in) -> {
                    var n = o.apply(new Compare(kind), in.get(0), in.get(1));
                    if (n.dtype() != mask) {
                        throw new AssertionError(op + " of " + a + " and " + b + " gave a " + n.dtype() + " mask");
                    }
                    return n;
                })
                .reference(in -> Ref.binary(in.get(0), in.get(1), (x, y) -> kind.apply(x, y)))
                .noGradient()
                .error("integer with a fraction", o -> o.equal(o.constant(Tensor.of(new int[] {1, 2}, 2)), 1.5),
                        "^equal: cannot compare i32\\[2\\] 'constant' with 1.5 \\(not an integer\\)$");
    }

    private static OpSpec whereInt() {
        return OpSpec.of("where(int)", Where.class)
                .inputs(rnd -> {
                    Shape s = Gen.shape(rnd, 0, 3);
                    DType t = width(rnd);
                    return List.of(Gen.integers(rnd, s, 0, 2, DType.I32), Gen.integers(rnd, s, -9, 9, t),
                            Gen.integers(rnd, s, -9, 9, t));
                })
                .build((o, in) -> o.where(in.get(0), in.get(1), in.get(2)))
                .reference(in -> ShapeRefs.where(in.get(0), in.get(1), in.get(2)))
                .noGradient();
    }

    /** attrs: [keepDims, axes...]; sign 0 sums, 1 max, -1 min. */
    private static OpSpec reduction(String name, Class<? extends org.adjoint.graph.Op> cls, int kind) {
        return OpSpec.of(name, cls)
                .samples(rnd -> {
                    Tensor x = Gen.integers(rnd, Gen.shape(rnd, 0, 4), -1000, 1000, width(rnd));
                    return OpSpec.Sample.of(List.of(x),
                            ShapeRefs.concat(rnd.nextInt(2), ShapeRefs.signedAxes(rnd, x.shape().rank())));
                })
                .buildWith((o, in, at) -> {
                    int[] axes = ShapeRefs.tail(at);
                    var n = kind == 0 ? o.sum(in.get(0), at[0] == 1, axes) : kind > 0 ? o.max(in.get(0), at[0] == 1, axes)
                            : o.min(in.get(0), at[0] == 1, axes);
                    DType expected = kind == 0 ? DType.I64 : in.get(0).dtype();
                    if (n.dtype() != expected) {
                        throw new AssertionError(name + " of " + in.get(0).type() + " is " + n.dtype());
                    }
                    return n;
                })
                .referenceWith((in, at) -> kind == 0 ? Ref.sum(in.get(0), ShapeRefs.tail(at), at[0] == 1)
                        : ShapeRefs.reduce(in.get(0), ShapeRefs.tail(at), at[0] == 1,
                                kind > 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY,
                                kind > 0 ? Math::max : Math::min))
                .noGradient();
    }

    /** Small value range: ties go to the lowest index. attrs: [keepDims, axis, argmax?]. */
    private static OpSpec argReduce() {
        return OpSpec.of("argmax(int)", ArgReduce.class)
                .samples(rnd -> {
                    Tensor x = Gen.integers(rnd, Gen.shape(rnd, 1, 3), -3, 3, width(rnd));
                    int rank = x.shape().rank();
                    return OpSpec.Sample.of(List.of(x), rnd.nextInt(2), rnd.nextInt(2 * rank) - rank, rnd.nextInt(2));
                })
                .buildWith((o, in, at) -> at[2] == 1 ? o.argmax(in.get(0), at[1], at[0] == 1)
                        : o.argmin(in.get(0), at[1], at[0] == 1))
                .referenceWith((in, at) -> ShapeRefs.argReduce(in.get(0), at[1], at[0] == 1, at[2] == 1 ? 1 : -1))
                .noGradient();
    }

    /** Accuracy: the mean of an i32 mask over some axes is f32 (the composite's last node divides). */
    private static OpSpec meanOfMask() {
        return OpSpec.of("mean(int)", Div.class)
                .samples(rnd -> {
                    Tensor mask = Gen.integers(rnd, Gen.shape(rnd, 0, 3), 0, 2, DType.I32);
                    return OpSpec.Sample.of(List.of(mask),
                            ShapeRefs.concat(rnd.nextInt(2), ShapeRefs.signedAxes(rnd, mask.shape().rank())));
                })
                .buildWith((o, in, at) -> {
                    var n = o.mean(in.get(0), at[0] == 1, ShapeRefs.tail(at));
                    if (n.dtype() != DType.F32) {
                        throw new AssertionError("the mean of an i32 mask is " + n.dtype());
                    }
                    return n;
                })
                .referenceWith((in, at) -> {
                    Tensor sum = Ref.sum(in.get(0), ShapeRefs.tail(at), at[0] == 1);
                    double count = (double) in.get(0).size() / Math.max(1, sum.size());
                    return Ref.unary(sum, v -> v / count);
                })
                .forwardTol(1e-6) // f32
                .noGradient()
                .error("variance of integers", o -> o.named("v").variance(o.constant(Tensor.of(new int[] {1, 2}, 2))),
                        "^variance 'v': input must be f32 or f64, got i32\\[2\\] \\(cast it first\\)$");
    }

    private static Tensor i64(Tensor indices) {
        return indices.cast(DType.I64);
    }

    private static void run(org.adjoint.ops.Ops o, org.adjoint.graph.Node n) {
        new Session(o.graph()).eval(Feeds.empty(), n);
    }

    private static OpSpec gatherI64() {
        return OpSpec.of("gather(i64)", Gather.class)
                .inputs(rnd -> {
                    int vocab = 1 + rnd.nextInt(9);
                    Tensor table = Gen.uniform(rnd, Shape.of(vocab, 1 + rnd.nextInt(4)), -2, 2);
                    return List.of(table, i64(ShapeRefs.indices(rnd, Gen.shape(rnd, 0, 2), vocab)));
                })
                .build((o, in) -> o.gather(in.get(0), in.get(1)))
                .reference(in -> ShapeRefs.gather(in.get(0), in.get(1)))
                .differentiable(0)
                .error("i64 index out of range (at run time)",
                        o -> run(o, o.named("emb").gather(o.constant(Gen.zeros(4, 2)),
                                o.constant(Tensor.of(new long[] {1, 5000000000L}, 2)))),
                        "^gather 'emb': index 5000000000 at position \\[1\\] is out of range \\[0, 4\\)$");
    }

    private static OpSpec oneHotI64() {
        return OpSpec.of("one_hot(i64)", OneHot.class)
                .samples(rnd -> {
                    int depth = 1 + rnd.nextInt(6);
                    return OpSpec.Sample.of(List.of(i64(ShapeRefs.indices(rnd, Gen.shape(rnd, 0, 2), depth))), depth);
                })
                .buildWith((o, in, at) -> o.oneHot(in.get(0), at[0], DType.F32))
                .referenceWith((in, at) -> {
                    Tensor idx = in.get(0);
                    int[] dims = java.util.Arrays.copyOf(idx.shape().dims(), idx.shape().rank() + 1);
                    dims[dims.length - 1] = at[0];
                    Tensor out = Tensor.zeros(DType.F64, Shape.of(dims));
                    for (int p = 0; p < idx.size(); p++) {
                        out.setDouble(p * at[0] + (int) idx.getLong(p), 1);
                    }
                    return out;
                })
                .noGradient();
    }

    private static OpSpec sparseCrossEntropyI64() {
        return OpSpec.of("sparse_softmax_cross_entropy(i64)", SparseSoftmaxCrossEntropy.class)
                .inputs(rnd -> {
                    int batch = Gen.dim(rnd);
                    int classes = 1 + rnd.nextInt(6);
                    return List.of(Gen.uniform(rnd, Shape.of(batch, classes), -3, 3),
                            i64(NetGen.labels(rnd, batch, classes)));
                })
                .build((o, in) -> o.sparseSoftmaxCrossEntropy(in.get(0), in.get(1)))
                .reference(in -> NetGen.crossEntropy(in.get(0), NetGen.oneHot(in.get(1), in.get(0).shape().dim(1))))
                .differentiable(0);
    }

    /** i32 to i64 and back (values that fit); attrs: [to i64?]. */
    private static OpSpec castWidths() {
        return OpSpec.of("cast(int)", Cast.class)
                .samples(rnd -> {
                    boolean widen = rnd.nextBoolean();
                    Tensor x = Gen.integers(rnd, Gen.shape(rnd, 0, 3), -100000, 100000, widen ? DType.I32 : DType.I64);
                    return OpSpec.Sample.of(List.of(x), widen ? 1 : 0);
                })
                .buildWith((o, in, at) -> o.cast(in.get(0), at[0] == 1 ? DType.I64 : DType.I32))
                .referenceWith((in, at) -> Ref.unary(in.get(0), v -> v))
                .noGradient()
                .error("i64 that does not fit i32 (at run time)",
                        o -> run(o, o.named("narrow").cast(o.constant(Tensor.of(new long[] {7, -3000000000L}, 2)),
                                DType.I32)),
                        "^cast 'narrow': value -3000000000 at flat index 1 does not fit i32$");
    }
}
