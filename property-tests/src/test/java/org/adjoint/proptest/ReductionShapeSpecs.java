package org.adjoint.proptest;

import static org.adjoint.proptest.ShapeRefs.concat;
import static org.adjoint.proptest.ShapeRefs.tail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.ops.Ops;
import org.adjoint.ops.reduce.ArgReduce;
import org.adjoint.ops.reduce.LogSumExp;
import org.adjoint.ops.reduce.ReduceMax;
import org.adjoint.ops.reduce.ReduceMin;
import org.adjoint.ops.shape.BroadcastTo;
import org.adjoint.ops.shape.Concat;
import org.adjoint.ops.shape.ExpandDims;
import org.adjoint.ops.shape.Gather;
import org.adjoint.ops.shape.OneHot;
import org.adjoint.ops.shape.Pad;
import org.adjoint.ops.shape.ScatterAdd;
import org.adjoint.ops.shape.Slice;
import org.adjoint.ops.shape.SliceGrad;
import org.adjoint.ops.shape.SplitLike;
import org.adjoint.ops.shape.Squeeze;
import org.adjoint.testing.Gen;
import org.adjoint.testing.OpSpec;
import org.adjoint.testing.Ref;

/** Specs of the reductions (max, min, argmax/argmin, logsumexp) and the shape ops. */
final class ReductionShapeSpecs implements SpecProvider {

    @Override
    public List<OpSpec> specs() {
        List<OpSpec> specs = new ArrayList<>();
        specs.add(extremum("max", ReduceMax.class, Double.NEGATIVE_INFINITY, Math::max));
        specs.add(extremum("min", ReduceMin.class, Double.POSITIVE_INFINITY, Math::min));
        specs.add(argReduce("argmax", 1));
        specs.add(argReduce("argmin", -1));
        specs.add(logSumExp());
        specs.add(broadcastTo());
        specs.add(expandDims());
        specs.add(squeeze());
        specs.add(squeezeAll());
        specs.add(concatSpec());
        specs.add(splitLike());
        specs.add(slice());
        specs.add(sliceGrad());
        specs.add(pad());
        specs.add(gather());
        specs.add(scatterAdd());
        specs.add(oneHot());
        return specs;
    }

    private static Node constant(Ops o, int... dims) {
        return o.constant(Gen.zeros(dims));
    }

    /** A sample of one input with attrs [keepDims (0/1), signed axes...]. */
    private static OpSpec.Sample reduction(SplittableRandom rnd, Tensor x) {
        return OpSpec.Sample.of(List.of(x), concat(rnd.nextInt(2), ShapeRefs.signedAxes(rnd, x.shape().rank())));
    }

    private interface Reduction {
        Node apply(Ops o, Node x, boolean keepDims, int... axes);
    }

    private static OpSpec reductionErrors(OpSpec spec, String name, Reduction r) {
        return spec
                .error("axis out of range", o -> r.apply(o, constant(o, 2, 3), false, 2),
                        name + " '.*': axis 2 is out of range for rank 2")
                .error("repeated axis", o -> r.apply(o, constant(o, 2, 3), false, 0, -2),
                        name + " '.*': axis 0 is repeated in \\[0, -2\\]");
    }

    /** max/min over distinct values (the gradient jumps at ties; ties are covered by unit tests). */
    private static OpSpec extremum(String name, Class<? extends Op> cls, double init,
            java.util.function.DoubleBinaryOperator f) {
        Reduction r = name.equals("max") ? Ops::max : Ops::min;
        OpSpec spec = OpSpec.of(name, cls)
                .samples(rnd -> reduction(rnd, ShapeRefs.distinct(rnd, Gen.shape(rnd, 0, 4))))
                .buildWith((o, in, at) -> r.apply(o, in.get(0), at[0] == 1, tail(at)))
                .referenceWith((in, at) -> ShapeRefs.reduce(in.get(0), tail(at), at[0] == 1, init, f))
                .differentiable(0)
                .error("empty axis",
                        o -> r.apply(o, o.constant(Tensor.zeros(DType.F64, Shape.of(2, 0))), false, 1),
                        name + " '.*': cannot reduce over axis 1 of size 0 in \\[2, 0\\]");
        return reductionErrors(spec, name, r);
    }

    /** attrs: [keepDims, axis]; distinct values so F32 rounding cannot reorder them. */
    private static OpSpec argReduce(String name, int sign) {
        return OpSpec.of(name, ArgReduce.class)
                .samples(rnd -> {
                    Tensor x = ShapeRefs.distinct(rnd, Gen.shape(rnd, 1, 4));
                    int rank = x.shape().rank();
                    return OpSpec.Sample.of(List.of(x), rnd.nextInt(2), rnd.nextInt(2 * rank) - rank);
                })
                .buildWith((o, in, at) -> sign > 0 ? o.argmax(in.get(0), at[1], at[0] == 1)
                        : o.argmin(in.get(0), at[1], at[0] == 1))
                .referenceWith((in, at) -> ShapeRefs.argReduce(in.get(0), at[1], at[0] == 1, sign))
                .noGradient()
                .error("axis out of range", o -> o.argmax(constant(o, 2, 3), -3),
                        "argmax '.*': axis -3 is out of range for rank 2")
                .error("scalar input", o -> o.argmin(o.constant(Gen.zeros()), 0),
                        "argmin '.*': axis 0 is out of range for rank 0")
                .error("empty axis", o -> o.argmax(o.constant(Tensor.zeros(DType.F64, Shape.of(0, 2))), 0),
                        "argmax '.*': axis 0 of \\[0, 2\\] is empty: no argmax exists");
    }

    private static OpSpec logSumExp() {
        OpSpec spec = OpSpec.of("logsumexp", LogSumExp.class)
                .samples(rnd -> reduction(rnd, Gen.uniform(rnd, Gen.shape(rnd, 0, 4), -3, 3)))
                // extreme samples carry no attrs: all axes
                .buildWith((o, in, at) -> at.length == 0 ? o.logsumexp(in.get(0))
                        : o.logsumexp(in.get(0), at[0] == 1, tail(at)))
                .referenceWith((in, at) -> at.length == 0 ? ShapeRefs.logSumExp(in.get(0), new int[0], false)
                        : ShapeRefs.logSumExp(in.get(0), tail(at), at[0] == 1))
                .extremes(rnd -> List.of(Gen.discrete(rnd, Gen.shape(rnd, 1, 3), -900, -100, 0, 100, 900)))
                .differentiable(0)
                .f32Tol(1e-4);
        return reductionErrors(spec, "logsumexp", Ops::logsumexp)
                .error("i32 input", o -> o.logsumexp(o.constant(Tensor.zeros(DType.I32, Shape.of(2)))),
                        "logsumexp '.*': input 0 must be f32 or f64, got i32\\[2\\]");
    }

    // ---- shape ops --------------------------------------------------------------------------------

    /** attrs: the target dims. */
    private static OpSpec broadcastTo() {
        return OpSpec.of("broadcast_to", BroadcastTo.class)
                .samples(rnd -> {
                    Shape out = Gen.shape(rnd, 0, 4);
                    return OpSpec.Sample.of(List.of(Gen.uniform(rnd, Gen.broadcastableFrom(rnd, out), -2, 2)),
                            out.dims());
                })
                .buildWith((o, in, at) -> o.broadcastTo(in.get(0), at))
                .referenceWith((in, at) -> Ref.broadcastTo(in.get(0), new int[0], Shape.of(at)))
                .differentiable(0)
                .error("dimension mismatch", o -> o.broadcastTo(constant(o, 2, 3), 2, 4),
                        "broadcast_to '.*': cannot broadcast \\[2, 3\\] to \\[2, 4\\] \\(dimension 1: 3 != 4\\)")
                .error("rank too small", o -> o.broadcastTo(constant(o, 2, 3), 3),
                        "broadcast_to '.*': cannot broadcast \\[2, 3\\] to \\[3\\] \\(rank 2 > 1\\)")
                .error("-1 without an input dimension", o -> o.broadcastTo(constant(o, 3), -1, 3),
                        "broadcast_to '.*': target dimension 0 of \\[\\?, 3\\] is -1 but the input \\[3\\] has no"
                                + " dimension there");
    }

    /** attrs: the axis, in [-(rank+1), rank]. */
    private static OpSpec expandDims() {
        return OpSpec.of("expand_dims", ExpandDims.class)
                .samples(rnd -> {
                    Tensor x = Gen.uniform(rnd, Gen.shape(rnd, 0, 3), -2, 2);
                    int r = x.shape().rank() + 1;
                    return OpSpec.Sample.of(List.of(x), rnd.nextInt(2 * r) - r);
                })
                .buildWith((o, in, at) -> o.expandDims(in.get(0), at[0]))
                .referenceWith((in, at) -> {
                    Shape s = in.get(0).shape();
                    int r = s.rank() + 1;
                    return Ref.reshape(in.get(0), Ref.insertAxes(s, new int[] {at[0] < 0 ? at[0] + r : at[0]}));
                })
                .differentiable(0)
                .error("axis out of range", o -> o.expandDims(constant(o, 2, 3), 3),
                        "expand_dims '.*': axis 3 is out of range for rank 3");
    }

    /** attrs: some (at least one) of the size-1 axes. */
    private static OpSpec squeeze() {
        return OpSpec.of("squeeze", Squeeze.class)
                .samples(rnd -> {
                    int[] dims = Gen.shape(rnd, 0, 4).dims();
                    List<Integer> ones = new ArrayList<>();
                    for (int d = 0; d < dims.length; d++) {
                        if (rnd.nextInt(3) == 0) {
                            dims[d] = 1;
                        }
                        if (dims[d] == 1 && (rnd.nextBoolean() || ones.isEmpty())) {
                            ones.add(d);
                        }
                    }
                    if (ones.isEmpty()) {
                        dims = Arrays.copyOf(dims, dims.length + 1);
                        dims[dims.length - 1] = 1;
                        ones.add(dims.length - 1);
                    }
                    return OpSpec.Sample.of(List.of(Gen.uniform(rnd, Shape.of(dims), -2, 2)),
                            ones.stream().mapToInt(Integer::intValue).toArray());
                })
                .buildWith((o, in, at) -> o.squeeze(in.get(0), at))
                .referenceWith((in, at) -> {
                    Shape s = in.get(0).shape();
                    int[] dims = new int[s.rank()];
                    int n = 0;
                    for (int d = 0; d < s.rank(); d++) {
                        int axis = d;
                        boolean drop = at.length == 0 ? s.dim(d) == 1 : Arrays.stream(at).anyMatch(a -> a == axis);
                        if (!drop) {
                            dims[n++] = s.dim(d);
                        }
                    }
                    return Ref.reshape(in.get(0), Shape.of(Arrays.copyOf(dims, n)));
                })
                .differentiable(0)
                .error("axis of size 3", o -> o.squeeze(constant(o, 1, 3), 1),
                        "squeeze '.*': cannot squeeze axis 1 of shape \\[1, 3\\]: its size is 3, not 1")
                .error("axis out of range", o -> o.squeeze(constant(o, 1, 3), 2),
                        "squeeze '.*': axis 2 is out of range for rank 2");
    }

    /** Three inputs of one rank differing along the (signed) axis given as attr. */
    private static OpSpec concatSpec() {
        return OpSpec.of("concat", Concat.class)
                .samples(rnd -> {
                    int[] dims = Gen.shape(rnd, 1, 3).dims();
                    int axis = rnd.nextInt(dims.length);
                    List<Tensor> xs = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        dims[axis] = 1 + rnd.nextInt(4);
                        xs.add(Gen.uniform(rnd, Shape.of(dims), -2, 2));
                    }
                    return OpSpec.Sample.of(xs, rnd.nextBoolean() ? axis : axis - dims.length);
                })
                .buildWith((o, in, at) -> o.concat(at[0], in.toArray(new Node[0])))
                .referenceWith((in, at) -> ShapeRefs.concat(in, at[0]))
                .differentiable(0, 1, 2)
                .error("other dimension differs", o -> o.concat(1, constant(o, 2, 3), constant(o, 3, 3)),
                        "concat '.*': input 1 has shape \\[3, 3\\] but input 0 has \\[2, 3\\] \\(dimension 0: 3 != 2;"
                                + " only axis 1 may differ\\)")
                .error("ranks differ", o -> o.concat(0, constant(o, 2, 3), constant(o, 3)),
                        "concat '.*': input 1 has shape \\[3\\] but input 0 has \\[2, 3\\] \\(ranks differ\\)")
                .error("dtypes differ",
                        o -> o.concat(0, constant(o, 2), o.constant(Tensor.zeros(DType.F32, Shape.of(2)))),
                        "concat '.*': dtypes differ: input 0 is f64, input 1 is f32")
                .error("axis out of range", o -> o.concat(2, constant(o, 2, 3), constant(o, 2, 3)),
                        "concat '.*': axis 2 is out of range for rank 2")
                .error("scalars", o -> o.concat(0, constant(o), constant(o)),
                        "concat '.*': cannot concatenate scalars")
                .error("no inputs", o -> o.concat(0),
                        "concat '.*': needs at least one input");
    }

    /** A tensor of rank 1-4 and attrs: begin (rank values), then end (rank values), sometimes negative or END. */
    private static OpSpec.Sample sliceSample(SplittableRandom rnd) {
        Tensor x = Gen.uniform(rnd, Gen.shape(rnd, 1, 4), -2, 2);
        int rank = x.shape().rank();
        int[] at = new int[2 * rank];
        for (int d = 0; d < rank; d++) {
            int dim = x.shape().dim(d);
            int b = rnd.nextInt(dim);
            int e = b + 1 + rnd.nextInt(dim - b);
            at[d] = rnd.nextBoolean() ? b : b - dim;
            at[rank + d] = e == dim && rnd.nextBoolean() ? Slice.END : rnd.nextBoolean() || e == dim ? e : e - dim;
        }
        return OpSpec.Sample.of(List.of(x), at);
    }

    /** attrs: begin (rank values), then end (rank values); bounds sometimes negative or END. */
    private static OpSpec slice() {
        return OpSpec.of("slice", Slice.class)
                .samples(ReductionShapeSpecs::sliceSample)
                .buildWith((o, in, at) -> o.sliceRange(in.get(0), Arrays.copyOf(at, at.length / 2),
                        Arrays.copyOfRange(at, at.length / 2, at.length)))
                .referenceWith((in, at) -> {
                    int[][] bs = ShapeRefs.sliceBlock(in.get(0).shape(), at);
                    return ShapeRefs.block(in.get(0), bs[0], Shape.of(bs[1]));
                })
                .differentiable(0)
                .error("range past the end", o -> o.slice(constant(o, 2, 3), new int[] {0, 2}, new int[] {1, 2}),
                        "slice '.*': axis 1: range \\[2, 4\\) is out of bounds for dimension 3 of \\[2, 3\\]")
                .error("end before begin", o -> o.sliceRange(constant(o, 4), new int[] {3}, new int[] {1}),
                        "slice '.*': axis 0: range \\[3, 1\\) is out of bounds for dimension 4 of \\[4\\]")
                .error("too many axes", o -> o.slice(constant(o, 4), new int[] {0, 0}, new int[] {1, 1}),
                        "slice '.*': bounds for 2 axes, input has shape \\[4\\]")
                .error("negative size", o -> o.slice(constant(o, 4), new int[] {0}, new int[] {-2}),
                        "slice: size \\[-2\\] has a negative entry other than -1");
    }

    /**
     * squeeze with no axes drops the axes whose size is statically 1, so it depends on what is
     * known at build time: known shapes only.
     */
    private static OpSpec squeezeAll() {
        return OpSpec.of("squeeze(all)", Squeeze.class)
                .inputs(rnd -> {
                    int[] dims = Gen.shape(rnd, 0, 4).dims();
                    for (int d = 0; d < dims.length; d++) {
                        if (rnd.nextInt(3) == 0) {
                            dims[d] = 1;
                        }
                    }
                    return List.of(Gen.uniform(rnd, Shape.of(dims), -2, 2));
                })
                .build((o, in) -> o.squeeze(in.get(0)))
                .reference(in -> Ref.reshape(in.get(0), Shape.of(Arrays.stream(in.get(0).shape().dims())
                        .filter(d -> d != 1).toArray())))
                .differentiable(0)
                .knownShapesOnly();
    }

    /** concat's gradient part: g of the concatenated shape and three parts; attrs: [axis, index]. */
    private static OpSpec splitLike() {
        return OpSpec.of("split_like", SplitLike.class)
                .samples(rnd -> {
                    int[] dims = Gen.shape(rnd, 1, 3).dims();
                    int axis = rnd.nextInt(dims.length);
                    List<Tensor> parts = new ArrayList<>();
                    int total = 0;
                    for (int i = 0; i < 3; i++) {
                        dims[axis] = 1 + rnd.nextInt(4);
                        total += dims[axis];
                        parts.add(Gen.uniform(rnd, Shape.of(dims), -2, 2));
                    }
                    dims[axis] = total;
                    List<Tensor> in = new ArrayList<>();
                    in.add(Gen.uniform(rnd, Shape.of(dims), -2, 2));
                    in.addAll(parts);
                    return OpSpec.Sample.of(in, rnd.nextBoolean() ? axis : axis - dims.length, rnd.nextInt(3));
                })
                .buildWith((o, in, at) -> o.apply(new SplitLike(at[0], at[1]), in.toArray(new Node[0])))
                .referenceWith((in, at) -> {
                    Tensor g = in.get(0);
                    int a = at[0] < 0 ? at[0] + g.shape().rank() : at[0];
                    int[] begin = new int[g.shape().rank()];
                    for (int i = 0; i < at[1]; i++) {
                        begin[a] += in.get(i + 1).shape().dim(a);
                    }
                    return ShapeRefs.block(g, begin, in.get(at[1] + 1).shape());
                })
                .differentiable(0)
                .error("sizes do not add up",
                        o -> o.apply(new SplitLike(0, 0), constant(o, 5, 2), constant(o, 2, 2), constant(o, 2, 2)),
                        "split_like '.*': parts add up to 4 along axis 0, the gradient \\[5, 2\\] has 5")
                .error("no such part", o -> o.apply(new SplitLike(0, 2), constant(o, 4), constant(o, 2), constant(o, 2)),
                        "split_like '.*': part 2 does not exist among 2 part\\(s\\)");
    }

    /** slice's gradient: attrs as for slice; inputs (g of the block's shape, x). */
    private static OpSpec sliceGrad() {
        return OpSpec.of("slice_grad", SliceGrad.class)
                .samples(rnd -> {
                    OpSpec.Sample s = sliceSample(rnd);
                    Tensor x = s.inputs().get(0);
                    int[] at = s.attrs();
                    Shape block = Shape.of(ShapeRefs.sliceBlock(x.shape(), at)[1]);
                    return OpSpec.Sample.of(List.of(Gen.uniform(rnd, block, -2, 2), x), at);
                })
                .buildWith((o, in, at) -> o.apply(new SliceGrad(Arrays.copyOf(at, at.length / 2),
                        Arrays.copyOfRange(at, at.length / 2, at.length)), in.get(0), in.get(1)))
                .referenceWith((in, at) -> {
                    int[][] bs = ShapeRefs.sliceBlock(in.get(1).shape(), at);
                    int[] after = new int[bs[0].length];
                    for (int d = 0; d < after.length; d++) {
                        after[d] = in.get(1).shape().dim(d) - bs[0][d] - bs[1][d];
                    }
                    return ShapeRefs.pad(in.get(0), bs[0], after, 0);
                })
                .differentiable(0)
                .error("gradient of the wrong shape",
                        o -> o.apply(new SliceGrad(new int[] {1}, new int[] {3}), constant(o, 3), constant(o, 5)),
                        "slice_grad '.*': gradient \\[3\\] does not fit a slice of \\[5\\] \\(axis 0: 3 != 2\\)");
    }

    /** attrs: before (rank values), then after (rank values), each in [0, 2]. */
    private static OpSpec pad() {
        return OpSpec.of("pad", Pad.class)
                .samples(rnd -> {
                    Tensor x = Gen.uniform(rnd, Gen.shape(rnd, 0, 4), -2, 2);
                    int[] at = new int[2 * x.shape().rank()];
                    for (int i = 0; i < at.length; i++) {
                        at[i] = rnd.nextInt(3);
                    }
                    return OpSpec.Sample.of(List.of(x), at);
                })
                .buildWith((o, in, at) -> o.pad(in.get(0), Arrays.copyOf(at, at.length / 2),
                        Arrays.copyOfRange(at, at.length / 2, at.length), 0.75))
                .referenceWith((in, at) -> ShapeRefs.pad(in.get(0), Arrays.copyOf(at, at.length / 2),
                        Arrays.copyOfRange(at, at.length / 2, at.length), 0.75))
                .differentiable(0)
                .error("negative padding", o -> o.pad(constant(o, 2), new int[] {-1}, new int[] {0}),
                        "pad '.*': axis 0: negative padding \\(-1, 0\\)")
                .error("wrong number of axes", o -> o.pad(constant(o, 2, 3), new int[] {1}, new int[] {1}),
                        "pad '.*': padding for 1 axes, input has shape \\[2, 3\\]");
    }

    /** A table [V, ...] (rank 1-3) and i32 indices of rank 0-2 with repeats. */
    private static List<Tensor> tableAndIndices(SplittableRandom rnd) {
        int vocab = 1 + rnd.nextInt(9);
        int[] rest = Gen.shape(rnd, 0, 2).dims();
        int[] dims = new int[rest.length + 1];
        dims[0] = vocab;
        System.arraycopy(rest, 0, dims, 1, rest.length);
        Tensor table = Gen.uniform(rnd, Shape.of(dims), -2, 2);
        return List.of(table, ShapeRefs.indices(rnd, Gen.shape(rnd, 0, 2), vocab));
    }

    /** Builds and runs a graph; run-time errors surface as build-time errors of the spec. */
    private static void run(Ops o, Node n) {
        new Session(o.graph()).eval(Feeds.empty(), n);
    }

    private static OpSpec gather() {
        return OpSpec.of("gather", Gather.class)
                .inputs(ReductionShapeSpecs::tableAndIndices)
                .build((o, in) -> o.gather(in.get(0), in.get(1)))
                .reference(in -> ShapeRefs.gather(in.get(0), in.get(1)))
                .differentiable(0)
                .error("index past the end (at run time)",
                        o -> run(o, o.named("emb").gather(constant(o, 4, 2),
                                o.constant(Tensor.of(new int[] {1, 4, 0}, 3)))),
                        "gather 'emb': index 4 at position \\[1\\] is out of range \\[0, 4\\)")
                .error("negative index (at run time)",
                        o -> run(o, o.named("emb").gather(constant(o, 4, 2),
                                o.constant(Tensor.of(new int[] {0, 1, 2, -1}, 2, 2)))),
                        "gather 'emb': index -1 at position \\[1, 1\\] is out of range \\[0, 4\\)")
                .error("f64 indices", o -> o.gather(constant(o, 4, 2), constant(o, 3)),
                        "gather '.*': input 1 \\(the indices\\) must be i32 or i64, got f64\\[3\\]")
                .error("scalar table",
                        o -> o.gather(constant(o), o.constant(Tensor.zeros(DType.I32, Shape.of(2)))),
                        "gather '.*': input 0 \\(the table\\) must have rank >= 1, got shape \\[\\]");
    }

    /** gather's gradient: updates of shape indices ++ table[1:], summed into the table's shape. */
    private static OpSpec scatterAdd() {
        return OpSpec.of("scatter_add", ScatterAdd.class)
                .inputs(rnd -> {
                    List<Tensor> ti = tableAndIndices(rnd);
                    Tensor gathered = ShapeRefs.gather(ti.get(0), ti.get(1));
                    return List.of(Gen.uniform(rnd, gathered.shape(), -2, 2), ti.get(1), ti.get(0));
                })
                .build((o, in) -> o.scatterAdd(in.get(0), in.get(1), in.get(2)))
                .reference(in -> ShapeRefs.scatterAdd(in.get(0), in.get(1), in.get(2).shape()))
                .differentiable(0)
                .error("updates of the wrong shape",
                        o -> o.scatterAdd(constant(o, 3, 2), o.constant(Tensor.zeros(DType.I32, Shape.of(3))),
                                constant(o, 4, 5)),
                        "scatter_add '.*': updates have shape \\[3, 2\\], expected \\[3, 5\\] for indices \\[3\\] and"
                                + " table \\[4, 5\\]")
                .error("index out of range (at run time)",
                        o -> run(o, o.named("s").scatterAdd(constant(o, 1, 2), o.constant(Tensor.of(new int[] {7}, 1)),
                                constant(o, 4, 2))),
                        "scatter_add 's': index 7 at position \\[0\\] is out of range \\[0, 4\\)");
    }

    /** attrs: depth; indices in [0, depth). */
    private static OpSpec oneHot() {
        return OpSpec.of("one_hot", OneHot.class)
                .samples(rnd -> {
                    int depth = 1 + rnd.nextInt(12);
                    return OpSpec.Sample.of(List.of(ShapeRefs.indices(rnd, Gen.shape(rnd, 0, 3), depth)), depth);
                })
                .buildWith((o, in, at) -> o.oneHot(in.get(0), at[0], DType.F32))
                .referenceWith((in, at) -> {
                    Tensor idx = in.get(0);
                    int[] dims = Arrays.copyOf(idx.shape().dims(), idx.shape().rank() + 1);
                    dims[dims.length - 1] = at[0];
                    Tensor out = Tensor.zeros(DType.F64, Shape.of(dims));
                    for (int p = 0; p < idx.size(); p++) {
                        out.setDouble(p * at[0] + (int) idx.getDouble(p), 1);
                    }
                    return out;
                })
                .noGradient()
                .error("index out of range (at run time)",
                        o -> run(o, o.named("labels").oneHot(o.constant(Tensor.of(new int[] {0, 3}, 2)), 3,
                                DType.F32)),
                        "one_hot 'labels': index 3 at position \\[1\\] is out of range \\[0, 3\\)")
                .error("f64 indices", o -> o.oneHot(constant(o, 2), 3, DType.F32),
                        "one_hot '.*': input 0 \\(the indices\\) must be i32 or i64, got f64\\[2\\]")
                .error("depth 0", o -> o.oneHot(o.constant(Tensor.of(new int[] {0}, 1)), 0, DType.F32),
                        "one_hot: depth must be >= 1, got 0")
                .error("i32 output", o -> o.oneHot(o.constant(Tensor.of(new int[] {0}, 1)), 2, DType.I32),
                        "one_hot: dtype must be f32 or f64, got i32");
    }
}
