package org.adjoint.proptest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Node;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.ops.Ops;
import org.adjoint.ops.elementwise.AddN;
import org.adjoint.ops.shape.AxisScatter;
import org.adjoint.ops.shape.AxisSlice;
import org.adjoint.ops.shape.GatherAxis;
import org.adjoint.ops.shape.ScatterAddAxis;
import org.adjoint.ops.shape.Select;
import org.adjoint.ops.shape.Slice;
import org.adjoint.ops.shape.SliceGrad;
import org.adjoint.ops.shape.Stack;
import org.adjoint.testing.Gen;
import org.adjoint.testing.OpSpec;
import org.adjoint.testing.Ref;

/**
 * Specs of the indexing ops: gather along an axis (torch.gather) and its scatter, strided
 * slices, select/stack (a sequence's steps and back), the placements their gradients sum into,
 * and add_n.
 */
final class IndexingSpecs implements SpecProvider {

    @Override
    public List<OpSpec> specs() {
        List<OpSpec> specs = new ArrayList<>();
        specs.add(gatherAxis());
        specs.add(scatterAddAxis());
        specs.add(stridedSlice());
        specs.add(stridedSliceGrad());
        specs.add(select());
        specs.add(stack());
        specs.add(axisScatter());
        specs.add(axisSlice());
        specs.add(addN());
        return specs;
    }

    private static Node constant(Ops o, int... dims) {
        return o.constant(Gen.zeros(dims));
    }

    private static void run(Ops o, Node n) {
        new Session(o.graph()).eval(Feeds.empty(), n);
    }

    /** x of rank 1-3, an axis, and indices of x's rank no larger off the axis; attrs: [axis (signed)]. */
    private static OpSpec.Sample gatherSample(SplittableRandom rnd) {
        Tensor x = Gen.uniform(rnd, Gen.shape(rnd, 1, 3), -2, 2);
        int rank = x.shape().rank();
        int a = rnd.nextInt(rank);
        int[] dims = x.shape().dims();
        for (int d = 0; d < rank; d++) {
            dims[d] = d == a ? 1 + rnd.nextInt(4) : 1 + rnd.nextInt(dims[d]);
        }
        Tensor idx = ShapeRefs.indices(rnd, Shape.of(dims), x.shape().dim(a));
        if (rnd.nextBoolean()) {
            idx = idx.cast(DType.I64);
        }
        return OpSpec.Sample.of(List.of(x, idx), rnd.nextBoolean() ? a : a - rank);
    }

    /** {@code y[i] = x[i with i[a] = idx[i]]} by multi-indices. */
    private static Tensor gatherRef(Tensor x, Tensor idx, int axis) {
        int a = axis < 0 ? axis + x.shape().rank() : axis;
        Tensor out = Tensor.zeros(DType.F64, idx.shape());
        int[] at = new int[idx.shape().rank()];
        for (int p = 0; p < idx.size(); p++) {
            Ref.unflatten(p, idx.shape(), at);
            at[a] = (int) idx.getLong(p);
            out.setDouble(p, x.get(at));
        }
        return out;
    }

    private static OpSpec gatherAxis() {
        return OpSpec.of("gather_axis", GatherAxis.class)
                .samples(IndexingSpecs::gatherSample)
                .buildWith((o, in, at) -> o.gather(in.get(0), at[0], in.get(1)))
                .referenceWith((in, at) -> gatherRef(in.get(0), in.get(1), at[0]))
                .differentiable(0)
                .error("index out of range (at run time)",
                        o -> run(o, o.named("score").gather(constant(o, 2, 3), 1,
                                o.constant(Tensor.of(new int[] {0, 3}, 2, 1)))),
                        "^gather_axis 'score': index 3 at position \\[1, 0\\] is out of range \\[0, 3\\)$")
                .error("ranks differ", o -> o.gather(constant(o, 2, 3), 1, o.constant(Tensor.of(new int[] {0, 1}, 2))),
                        "^gather_axis '.*': indices \\[2\\] must have the rank of the input \\[2, 3\\]$")
                .error("indices larger off the axis",
                        o -> o.gather(constant(o, 2, 3), 1, o.constant(Tensor.zeros(DType.I32, Shape.of(4, 1)))),
                        "^gather_axis '.*': indices \\[4, 1\\] are larger than the input \\[2, 3\\] on axis 0$")
                .error("f64 indices", o -> o.gather(constant(o, 2, 3), 0, constant(o, 2, 3)),
                        "^gather_axis '.*': input 1 \\(the indices\\) must be i32 or i64, got f64\\[2, 3\\]$")
                .error("axis out of range", o -> o.gather(constant(o, 2, 3), 2, o.constant(Tensor.zeros(DType.I32,
                        Shape.of(2, 3)))), "^gather_axis '.*': axis 2 is out of range for rank 2$");
    }

    private static OpSpec scatterAddAxis() {
        return OpSpec.of("scatter_add_axis", ScatterAddAxis.class)
                .samples(rnd -> {
                    OpSpec.Sample s = gatherSample(rnd);
                    Tensor idx = s.inputs().get(1);
                    return OpSpec.Sample.of(List.of(Gen.uniform(rnd, idx.shape(), -2, 2), idx, s.inputs().get(0)),
                            s.attrs());
                })
                .buildWith((o, in, at) -> o.apply(new ScatterAddAxis(at[0]), in.get(0), in.get(1), in.get(2)))
                .referenceWith((in, at) -> {
                    Tensor g = in.get(0);
                    Tensor idx = in.get(1);
                    Shape xs = in.get(2).shape();
                    int a = at[0] < 0 ? at[0] + xs.rank() : at[0];
                    Tensor out = Tensor.zeros(DType.F64, xs);
                    int[] pos = new int[xs.rank()];
                    int[] strides = xs.strides();
                    for (int p = 0; p < idx.size(); p++) {
                        Ref.unflatten(p, idx.shape(), pos);
                        pos[a] = (int) idx.getLong(p);
                        int flat = 0;
                        for (int d = 0; d < pos.length; d++) {
                            flat += pos[d] * strides[d];
                        }
                        out.setDouble(flat, out.getDouble(flat) + g.getDouble(p));
                    }
                    return out;
                })
                .differentiable(0)
                .error("updates of another shape",
                        o -> o.apply(new ScatterAddAxis(0), constant(o, 3, 1), o.constant(Tensor.zeros(DType.I32,
                                Shape.of(2, 1))), constant(o, 4, 1)),
                        "^scatter_add_axis '.*': updates \\[3, 1\\] must have the indices' shape \\[2, 1\\]$");
    }

    /** x of rank 1-3 and per axis (begin, end, step), steps in {-3..3} \ {0}; attrs: begins, ends, steps. */
    private static OpSpec.Sample stridedSample(SplittableRandom rnd) {
        Tensor x = Gen.uniform(rnd, Gen.shape(rnd, 1, 3), -2, 2);
        int rank = x.shape().rank();
        int[] at = new int[3 * rank];
        for (int d = 0; d < rank; d++) {
            int dim = x.shape().dim(d);
            int step = (1 + rnd.nextInt(3)) * (rnd.nextBoolean() ? 1 : -1);
            int b;
            int e;
            if (step > 0) {
                b = rnd.nextInt(dim);
                e = b + 1 + rnd.nextInt(dim - b);
                at[rank + d] = e == dim && rnd.nextBoolean() ? Slice.END : e;
            } else {
                b = rnd.nextInt(dim);
                e = b - 1 - rnd.nextInt(b + 1);          // in [-1, b - 1]
                at[rank + d] = e == -1 ? Slice.END : rnd.nextBoolean() ? e : e - dim;
            }
            at[d] = rnd.nextBoolean() ? b : b - dim;
            at[2 * rank + d] = step;
        }
        return OpSpec.Sample.of(List.of(x), at);
    }

    private static int[] part(int[] at, int k) {
        int rank = at.length / 3;
        return Arrays.copyOfRange(at, k * rank, (k + 1) * rank);
    }

    /** The elements a strided slice takes, by the Python rules, as {start, count} per axis. */
    private static int[][] stridedBlock(Shape s, int[] at) {
        int rank = s.rank();
        int[][] out = new int[rank][];
        for (int d = 0; d < rank; d++) {
            int dim = s.dim(d);
            int step = at[2 * rank + d];
            int b = at[d] < 0 ? at[d] + dim : at[d];
            int e = at[rank + d] == Slice.END ? (step > 0 ? dim : -1) : at[rank + d] < 0 ? at[rank + d] + dim
                    : at[rank + d];
            int count = 0;
            for (int i = b; step > 0 ? i < e : i > e; i += step) {
                count++;
            }
            out[d] = new int[] {b, count, step};
        }
        return out;
    }

    private static Tensor stridedRef(Tensor x, int[] at) {
        int[][] block = stridedBlock(x.shape(), at);
        int[] dims = new int[block.length];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = block[d][1];
        }
        Tensor out = Tensor.zeros(DType.F64, Shape.of(dims));
        int[] pos = new int[dims.length];
        int[] src = new int[dims.length];
        for (int p = 0; p < out.size(); p++) {
            Ref.unflatten(p, out.shape(), pos);
            for (int d = 0; d < dims.length; d++) {
                src[d] = block[d][0] + pos[d] * block[d][2];
            }
            out.setDouble(p, x.get(src));
        }
        return out;
    }

    private static OpSpec stridedSlice() {
        return OpSpec.of("slice(strided)", Slice.class)
                .samples(IndexingSpecs::stridedSample)
                .buildWith((o, in, at) -> o.sliceRange(in.get(0), part(at, 0), part(at, 1), part(at, 2)))
                .referenceWith((in, at) -> stridedRef(in.get(0), at))
                .differentiable(0)
                .error("step 0", o -> o.sliceRange(constant(o, 4), new int[] {0}, new int[] {4}, new int[] {0}),
                        "^slice: step \\[0\\] has a 0$")
                .error("backwards range with a positive step",
                        o -> o.sliceRange(constant(o, 5), new int[] {3}, new int[] {1}, new int[] {2}),
                        "^slice '.*': axis 0: range \\[3, 1\\) with step 2 is out of bounds for dimension 5 of \\[5\\]$")
                .error("forwards range with a negative step",
                        o -> o.sliceRange(constant(o, 5), new int[] {1}, new int[] {3}, new int[] {-1}),
                        "^slice '.*': axis 0: range \\[1, 3\\) with step -1 is out of bounds for dimension 5 of \\[5\\]$");
    }

    private static OpSpec stridedSliceGrad() {
        return OpSpec.of("slice_grad(strided)", SliceGrad.class)
                .samples(rnd -> {
                    OpSpec.Sample s = stridedSample(rnd);
                    Tensor x = s.inputs().get(0);
                    Shape block = stridedRef(x, s.attrs()).shape();
                    return OpSpec.Sample.of(List.of(Gen.uniform(rnd, block, -2, 2), x), s.attrs());
                })
                .buildWith((o, in, at) -> o.apply(new SliceGrad(part(at, 0), part(at, 1), part(at, 2)), in.get(0),
                        in.get(1)))
                .referenceWith((in, at) -> {
                    Tensor g = in.get(0);
                    Shape xs = in.get(1).shape();
                    int[][] block = stridedBlock(xs, at);
                    Tensor out = Tensor.zeros(DType.F64, xs);
                    int[] pos = new int[xs.rank()];
                    int[] strides = xs.strides();
                    for (int p = 0; p < g.size(); p++) {
                        Ref.unflatten(p, g.shape(), pos);
                        int flat = 0;
                        for (int d = 0; d < pos.length; d++) {
                            flat += (block[d][0] + pos[d] * block[d][2]) * strides[d];
                        }
                        out.setDouble(flat, g.getDouble(p));
                    }
                    return out;
                })
                .differentiable(0);
    }

    /** attrs: [axis (signed), index (signed)]. */
    private static OpSpec select() {
        return OpSpec.of("select", Select.class)
                .samples(rnd -> {
                    Tensor x = Gen.uniform(rnd, Gen.shape(rnd, 1, 4), -2, 2);
                    int rank = x.shape().rank();
                    int a = rnd.nextInt(rank);
                    int dim = x.shape().dim(a);
                    int i = rnd.nextInt(dim);
                    return OpSpec.Sample.of(List.of(x), rnd.nextBoolean() ? a : a - rank, rnd.nextBoolean() ? i : i - dim);
                })
                .buildWith((o, in, at) -> o.select(in.get(0), at[0], at[1]))
                .referenceWith((in, at) -> selectRef(in.get(0), at[0], at[1]))
                .differentiable(0)
                .error("index out of range", o -> o.select(constant(o, 2, 3), 1, 3),
                        "^select '.*': index 3 is out of range for axis 1 of \\[2, 3\\]$")
                .error("scalar", o -> o.select(constant(o), 0, 0), "^select '.*': cannot select from a scalar f64\\[\\]$");
    }

    private static Tensor selectRef(Tensor x, int axis, int index) {
        Shape s = x.shape();
        int a = axis < 0 ? axis + s.rank() : axis;
        int i = index < 0 ? index + s.dim(a) : index;
        int[] dims = new int[s.rank() - 1];
        for (int d = 0, j = 0; d < s.rank(); d++) {
            if (d != a) {
                dims[j++] = s.dim(d);
            }
        }
        Tensor out = Tensor.zeros(DType.F64, Shape.of(dims));
        int[] pos = new int[dims.length];
        int[] src = new int[s.rank()];
        for (int p = 0; p < out.size(); p++) {
            Ref.unflatten(p, out.shape(), pos);
            for (int d = 0, j = 0; d < s.rank(); d++) {
                src[d] = d == a ? i : pos[j++];
            }
            out.setDouble(p, x.get(src));
        }
        return out;
    }

    /** Three inputs of one shape (rank 0-3); attrs: [axis (signed, of the output)]. */
    private static OpSpec stack() {
        return OpSpec.of("stack", Stack.class)
                .samples(rnd -> {
                    Shape s = Gen.shape(rnd, 0, 3);
                    List<Tensor> xs = new ArrayList<>();
                    for (int k = 0; k < 3; k++) {
                        xs.add(Gen.uniform(rnd, s, -2, 2));
                    }
                    int r = s.rank() + 1;
                    int a = rnd.nextInt(r);
                    return OpSpec.Sample.of(xs, rnd.nextBoolean() ? a : a - r);
                })
                .buildWith((o, in, at) -> o.stack(in, at[0]))
                .referenceWith((in, at) -> {
                    Shape s = in.get(0).shape();
                    int r = s.rank() + 1;
                    int a = at[0] < 0 ? at[0] + r : at[0];
                    int[] dims = new int[r];
                    for (int d = 0, j = 0; d < r; d++) {
                        dims[d] = d == a ? in.size() : s.dim(j++);
                    }
                    Tensor out = Tensor.zeros(DType.F64, Shape.of(dims));
                    int[] pos = new int[r];
                    int[] src = new int[s.rank()];
                    for (int p = 0; p < out.size(); p++) {
                        Ref.unflatten(p, out.shape(), pos);
                        for (int d = 0, j = 0; d < r; d++) {
                            if (d != a) {
                                src[j++] = pos[d];
                            }
                        }
                        out.setDouble(p, in.get(pos[a]).get(src));
                    }
                    return out;
                })
                .differentiable(0, 1, 2)
                .error("shapes differ", o -> o.stack(0, constant(o, 2, 3), constant(o, 3, 2)),
                        "^stack '.*': input 1 has shape \\[3, 2\\] but input 0 has \\[2, 3\\] \\(all must agree\\)$")
                .error("axis out of range", o -> o.stack(3, constant(o, 2, 3), constant(o, 2, 3)),
                        "^stack '.*': axis 3 is out of range for rank 3$");
    }

    /**
     * like x of rank 1-3, an axis, and two sources: full-rank blocks or squeezed indices at random
     * starts (overlaps allowed); attrs: [axis, start...].
     */
    private static OpSpec.Sample placements(SplittableRandom rnd) {
        Tensor like = Gen.uniform(rnd, Gen.shape(rnd, 1, 3), -1, 1);
        int rank = like.shape().rank();
        int a = rnd.nextInt(rank);
        int dim = like.shape().dim(a);
        int n = 2;
        List<Tensor> in = new ArrayList<>();
        in.add(like);
        int[] at = new int[n + 1];
        at[0] = a;
        for (int k = 0; k < n; k++) {
            int[] dims = like.shape().dims();
            int start = rnd.nextInt(dim);
            if (rnd.nextBoolean()) {
                dims[a] = 1 + rnd.nextInt(dim - start);
            } else {
                int[] squeezed = new int[rank - 1];
                for (int d = 0, j = 0; d < rank; d++) {
                    if (d != a) {
                        squeezed[j++] = dims[d];
                    }
                }
                dims = squeezed;
            }
            in.add(Gen.uniform(rnd, Shape.of(dims), -2, 2));
            at[k + 1] = rnd.nextBoolean() ? start : start - dim;
        }
        return OpSpec.Sample.of(in, at);
    }

    private static OpSpec axisScatter() {
        return OpSpec.of("axis_scatter", AxisScatter.class)
                .samples(IndexingSpecs::placements)
                .buildWith((o, in, at) -> o.apply(new AxisScatter(at[0], Arrays.copyOfRange(at, 1, at.length)),
                        in.toArray(new Node[0])))
                .referenceWith((in, at) -> {
                    Shape ls = in.get(0).shape();
                    int a = at[0];
                    Tensor out = Tensor.zeros(DType.F64, ls);
                    int[] pos = new int[ls.rank()];
                    for (int k = 1; k < in.size(); k++) {
                        Tensor src = in.get(k);
                        int start = at[k] < 0 ? at[k] + ls.dim(a) : at[k];
                        boolean squeezed = src.shape().rank() < ls.rank();
                        int[] sp = new int[src.shape().rank()];
                        for (int p = 0; p < src.size(); p++) {
                            Ref.unflatten(p, src.shape(), sp);
                            for (int d = 0, j = 0; d < ls.rank(); d++) {
                                pos[d] = d == a && squeezed ? start : d == a ? start + sp[j++] : sp[j++];
                            }
                            int flat = 0;
                            for (int d = 0; d < pos.length; d++) {
                                flat = flat * ls.dim(d) + pos[d];
                            }
                            out.setDouble(flat, out.getDouble(flat) + src.getDouble(p));
                        }
                    }
                    return out;
                })
                .differentiable(1, 2)
                .error("source too long", o -> o.apply(new AxisScatter(0, 2), constant(o, 3, 2), constant(o, 2, 2)),
                        "^axis_scatter '.*': source 0 \\[2, 2\\] at 2 does not fit axis 0 of \\[3, 2\\]$")
                .error("other dims differ", o -> o.apply(new AxisScatter(0, 0), constant(o, 3, 2), constant(o, 1, 3)),
                        "^axis_scatter '.*': source 0 \\[1, 3\\] does not match \\[3, 2\\] off axis 0$");
    }

    private static OpSpec axisSlice() {
        return OpSpec.of("axis_slice", AxisSlice.class)
                .samples(rnd -> {
                    OpSpec.Sample s = placements(rnd);
                    return OpSpec.Sample.of(List.of(s.inputs().get(0), s.inputs().get(1)), s.attrs()[0], s.attrs()[1]);
                })
                .buildWith((o, in, at) -> o.apply(new AxisSlice(at[0], at[1]), in.get(0), in.get(1)))
                .referenceWith((in, at) -> {
                    Tensor x = in.get(0);
                    Shape like = in.get(1).shape();
                    int a = at[0];
                    int start = at[1] < 0 ? at[1] + x.shape().dim(a) : at[1];
                    boolean squeezed = like.rank() < x.shape().rank();
                    Tensor out = Tensor.zeros(DType.F64, like);
                    int[] lp = new int[like.rank()];
                    int[] src = new int[x.shape().rank()];
                    for (int p = 0; p < out.size(); p++) {
                        Ref.unflatten(p, like, lp);
                        for (int d = 0, j = 0; d < src.length; d++) {
                            src[d] = d == a && squeezed ? start : d == a ? start + lp[j++] : lp[j++];
                        }
                        out.setDouble(p, x.get(src));
                    }
                    return out;
                })
                .differentiable(0)
                .error("block too long", o -> o.apply(new AxisSlice(0, -1), constant(o, 3, 2), constant(o, 2, 2)),
                        "^axis_slice '.*': a block of 2 at -1 does not fit axis 0 of \\[3, 2\\]$");
    }

    /** Three tensors of one shape. */
    private static OpSpec addN() {
        return OpSpec.of("add_n", AddN.class)
                .inputs(rnd -> {
                    Shape s = Gen.shape(rnd, 0, 4);
                    List<Tensor> xs = new ArrayList<>();
                    for (int k = 0; k < 3; k++) {
                        xs.add(Gen.uniform(rnd, s, -2, 2));
                    }
                    return xs;
                })
                .build((o, in) -> o.apply(AddN.INSTANCE, in.toArray(new Node[0])))
                .reference(in -> {
                    Tensor out = Tensor.zeros(DType.F64, in.get(0).shape());
                    for (Tensor t : in) {
                        for (int i = 0; i < out.size(); i++) {
                            out.setDouble(i, out.getDouble(i) + t.getDouble(i));
                        }
                    }
                    return out;
                })
                .differentiable(0, 1, 2)
                .f32Tol(1e-4)
                .error("shapes differ", o -> o.addN(constant(o, 2, 3), constant(o, 3)),
                        "^add_n '.*': input 1 has shape \\[3\\] but input 0 has \\[2, 3\\] \\(add_n does not broadcast\\)$")
                .error("i32 input", o -> o.addN(o.constant(Tensor.zeros(DType.I32, Shape.of(2))),
                        o.constant(Tensor.zeros(DType.I32, Shape.of(2)))),
                        "^add_n '.*': input 0 must be f32 or f64, got i32\\[2\\]$");
    }
}
