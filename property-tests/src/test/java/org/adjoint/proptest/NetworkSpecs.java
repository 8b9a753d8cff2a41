package org.adjoint.proptest;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Node;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.ops.conv.AvgPool2D;
import org.adjoint.ops.conv.AvgPool2DGrad;
import org.adjoint.ops.conv.Conv2D;
import org.adjoint.ops.conv.Conv2DBackpropFilter;
import org.adjoint.ops.conv.Conv2DBackpropInput;
import org.adjoint.ops.conv.MaxPool2D;
import org.adjoint.ops.conv.MaxPool2DGrad;
import org.adjoint.ops.elementwise.Add;
import org.adjoint.ops.linalg.MatMul;
import org.adjoint.ops.nn.DropoutMask;
import org.adjoint.ops.nn.LogSoftmax;
import org.adjoint.ops.nn.OneHotLike;
import org.adjoint.ops.nn.Softmax;
import org.adjoint.ops.nn.SoftmaxCrossEntropy;
import org.adjoint.ops.nn.SparseSoftmaxCrossEntropy;
import org.adjoint.testing.Gen;
import org.adjoint.testing.OpSpec;
import org.adjoint.testing.Ref;

/** Specs of the network ops: softmax family, cross-entropies, dropout, convolution, pooling, batched matmul. */
final class NetworkSpecs implements SpecProvider {

    @Override
    public List<OpSpec> specs() {
        List<OpSpec> specs = new ArrayList<>();
        specs.add(softmax("softmax", Softmax.class, false));
        specs.add(softmax("log_softmax", LogSoftmax.class, true));
        specs.add(sparseCrossEntropy());
        specs.add(denseCrossEntropy());
        specs.add(oneHotLike());
        specs.add(dropout());
        specs.add(batchedMatmul());
        specs.addAll(convolutions());
        specs.addAll(pooling());
        specs.add(convolutionWithBias());
        specs.addAll(paddedPooling());
        specs.add(layerNormOverAxes());
        return specs;
    }

    // ---- softmax family -----------------------------------------------------------------------

    /** attrs: [axis] (possibly negative); extremes use the last axis. */
    private static OpSpec softmax(String name, Class<? extends org.adjoint.graph.Op> cls, boolean log) {
        return OpSpec.of(name, cls)
                .samples(rnd -> {
                    Tensor x = Gen.uniform(rnd, Gen.shape(rnd, 1, 3), -3, 3);
                    int rank = x.shape().rank();
                    int axis = rnd.nextInt(rank) - (rnd.nextBoolean() ? rank : 0);
                    return OpSpec.Sample.of(List.of(x), axis);
                })
                .buildWith((o, in, at) -> log ? o.logSoftmax(in.get(0), axisOf(at)) : o.softmax(in.get(0), axisOf(at)))
                .referenceWith((in, at) -> NetGen.softmax(in.get(0), axisOf(at), log))
                .differentiable(0)
                .extremes(rnd -> List.of(Gen.discrete(rnd, Gen.shape(rnd, 1, 2), -1000, -50, 0, 50, 1000)))
                .error("axis out of range", o -> o.softmax(o.constant(Gen.zeros(2, 3)), 2),
                        "^softmax '.*': axis 2 is out of range for rank 2$")
                .error("scalar", o -> o.logSoftmax(o.constant(Gen.zeros())),
                        "^log_softmax '.*': needs rank >= 1, got a scalar f64\\[\\]$")
                .error("i32 input", o -> o.softmax(o.constant(Tensor.zeros(DType.I32, Shape.of(3)))),
                        "^softmax '.*': input 0 must be f32 or f64, got i32\\[3\\]$");
    }

    private static int axisOf(int[] attrs) {
        return attrs.length == 0 ? -1 : attrs[0];
    }

    private static OpSpec sparseCrossEntropy() {
        return OpSpec.of("sparse_softmax_cross_entropy", SparseSoftmaxCrossEntropy.class)
                .inputs(rnd -> {
                    int batch = Gen.dim(rnd);
                    int classes = 1 + rnd.nextInt(9);
                    return List.of(Gen.uniform(rnd, Shape.of(batch, classes), -3, 3),
                            NetGen.labels(rnd, batch, classes));
                })
                .build((o, in) -> o.sparseSoftmaxCrossEntropy(in.get(0), in.get(1)))
                .reference(in -> NetGen.crossEntropy(in.get(0),
                        NetGen.oneHot(in.get(1), in.get(0).shape().dim(1))))
                .differentiable(0)
                .extremes(rnd -> {
                    int batch = Gen.dim(rnd);
                    return List.of(Gen.discrete(rnd, Shape.of(batch, 4), -1000, -30, 0, 30, 1000),
                            NetGen.labels(rnd, batch, 4));
                })
                .error("logits not a matrix",
                        o -> o.sparseSoftmaxCrossEntropy(o.constant(Gen.zeros(6)), o.constant(Tensor.of(new int[6], 6))),
                        "^sparse_softmax_cross_entropy '.*': logits must be a \\[batch, classes\\] matrix, got f64\\[6\\]$")
                .error("f64 labels",
                        o -> o.sparseSoftmaxCrossEntropy(o.constant(Gen.zeros(2, 3)), o.constant(Gen.zeros(2))),
                        "labels must be i32 or i64 class indices, got f64\\[2\\]")
                .error("one label per row",
                        o -> o.sparseSoftmaxCrossEntropy(o.constant(Gen.zeros(2, 3)),
                                o.constant(Tensor.of(new int[3], 3))),
                        "labels \\[3\\] must be a vector of one class index per row of logits \\[2, 3\\]")
                .error("label out of range (at run time)", o -> {
                    Node x = o.placeholder("x", DType.F64, Shape.of(-1, 3));
                    Node l = o.placeholder("l", DType.I32, Shape.of(-1));
                    Node loss = o.named("ce").sparseSoftmaxCrossEntropy(x, l);
                    new Session(o.graph()).eval(Feeds.of(x, Gen.zeros(2, 3), l, Tensor.of(new int[] {0, 7}, 2)), loss);
                }, "^sparse_softmax_cross_entropy 'ce': label 7 in row 1 is out of range for 3 classes "
                        + "\\(expected 0..2\\)$");
    }

    private static OpSpec denseCrossEntropy() {
        return OpSpec.of("softmax_cross_entropy", SoftmaxCrossEntropy.class)
                .inputs(rnd -> {
                    Shape s = Shape.of(Gen.dim(rnd), 1 + rnd.nextInt(9));
                    // label rows need not sum to 1: the gradient is exact for any labels
                    return List.of(Gen.uniform(rnd, s, -3, 3), Gen.uniform(rnd, s, 0, 1));
                })
                .build((o, in) -> o.softmaxCrossEntropy(in.get(0), in.get(1)))
                .reference(in -> NetGen.crossEntropy(in.get(0), in.get(1)))
                .differentiable(0, 1)
                .extremes(rnd -> {
                    Shape s = Shape.of(Gen.dim(rnd), 3);
                    return List.of(Gen.discrete(rnd, s, -1000, -30, 0, 30, 1000), Gen.uniform(rnd, s, 0, 1));
                })
                .error("shapes differ",
                        o -> o.softmaxCrossEntropy(o.constant(Gen.zeros(2, 3)), o.constant(Gen.zeros(2, 4))),
                        "^softmax_cross_entropy '.*': logits \\[2, 3\\] and labels \\[2, 4\\] must have the same shape$")
                .error("logits rank 3",
                        o -> o.softmaxCrossEntropy(o.constant(Gen.zeros(2, 3, 1)), o.constant(Gen.zeros(2, 3, 1))),
                        "logits must be a \\[batch, classes\\] matrix, got f64\\[2, 3, 1\\]")
                .error("i32 labels",
                        o -> o.softmaxCrossEntropy(o.constant(Gen.zeros(2, 3)),
                                o.constant(Tensor.zeros(DType.I32, Shape.of(2, 3)))),
                        "input 1 must be f32 or f64, got i32\\[2, 3\\]");
    }

    private static OpSpec oneHotLike() {
        return OpSpec.of("one_hot_like", OneHotLike.class)
                .inputs(rnd -> {
                    int batch = Gen.dim(rnd);
                    int classes = 1 + rnd.nextInt(9);
                    return List.of(NetGen.labels(rnd, batch, classes), Gen.uniform(rnd, Shape.of(batch, classes), -1, 1));
                })
                .build((o, in) -> o.apply(new OneHotLike(), in.get(0), in.get(1)))
                .reference(in -> NetGen.oneHot(in.get(0), in.get(1).shape().dim(1)))
                .noGradient() // labels are indices; the second input gives only the shape
                .error("label out of range (at run time)", o -> {
                    Node l = o.constant(Tensor.of(new int[] {-2}, 1));
                    Node y = o.named("hot").apply(new OneHotLike(), l, o.constant(Gen.zeros(1, 4)));
                    new Session(o.graph()).eval(Feeds.empty(), y);
                }, "^one_hot_like 'hot': label -2 in row 0 is out of range for 4 classes \\(expected 0..3\\)$");
    }

    /**
     * The mask at keep = 1 (all ones): the stochastic masks cannot have a reference here, since every
     * run draws a new one; DropoutTest covers them (rate, mean, seeds, same mask in the gradient).
     */
    private static OpSpec dropout() {
        return OpSpec.of("dropout", DropoutMask.class)
                .inputs(rnd -> List.of(Gen.uniform(rnd, Gen.shape(rnd, 0, 4), -2, 2)))
                .build((o, in) -> o.apply(new DropoutMask(1.0, 7), in.get(0)))
                .reference(in -> Ref.full(in.get(0).shape(), 1.0))
                .noGradient() // the mask reads the shape only; x * mask gets its gradient from mul
                .error("keep 0", o -> o.named("drop").dropout(o.constant(Gen.zeros(3)), 0.0, 1),
                        "^dropout 'drop': keep probability must be in \\(0, 1\\], got keep=0.0$")
                .error("keep above 1", o -> o.dropout(o.constant(Gen.zeros(3)), 1.5, 1),
                        "^dropout '.*': keep probability must be in \\(0, 1\\], got keep=1.5$")
                .error("keep NaN, op applied directly", o -> o.apply(new DropoutMask(Double.NaN, 1), o.constant(Gen.zeros(3))),
                        "^dropout '.*': keep probability must be in \\(0, 1\\], got keep=NaN$")
                .error("i32 input", o -> o.dropout(o.constant(Tensor.zeros(DType.I32, Shape.of(3))), 0.5, 1),
                        "input 0 must be f32 or f64, got i32\\[3\\]");
    }

    // ---- batched matmul -------------------------------------------------------------------------

    /** attrs: [transA, transB, shared B (rank 2)] as 0/1. */
    private static OpSpec batchedMatmul() {
        return OpSpec.of("matmul_batched", MatMul.class)
                .samples(rnd -> {
                    int batch = 1 + rnd.nextInt(4);
                    int m = 1 + rnd.nextInt(6);
                    int k = 1 + rnd.nextInt(6);
                    int n = 1 + rnd.nextInt(6);
                    boolean ta = rnd.nextBoolean();
                    boolean tb = rnd.nextBoolean();
                    boolean shared = rnd.nextBoolean();
                    Tensor a = Gen.uniform(rnd, ta ? Shape.of(batch, k, m) : Shape.of(batch, m, k), -1, 1);
                    Shape bm = tb ? Shape.of(n, k) : Shape.of(k, n);
                    Shape bs = shared ? bm : Shape.of(batch, bm.dim(0), bm.dim(1));
                    return OpSpec.Sample.of(List.of(a, Gen.uniform(rnd, bs, -1, 1)), ta ? 1 : 0, tb ? 1 : 0,
                            shared ? 1 : 0);
                })
                .buildWith((o, in, at) -> o.matmul(in.get(0), in.get(1), at[0] == 1, at[1] == 1))
                .referenceWith((in, at) -> NetGen.batchedMatmul(in.get(0), in.get(1), at[0] == 1, at[1] == 1))
                .differentiable(0, 1)
                .f32Tol(1e-4)
                .error("batch sizes differ",
                        o -> o.matmul(o.constant(Gen.zeros(2, 3, 4)), o.constant(Gen.zeros(3, 4, 5))),
                        "^matmul '.*': batch dimensions differ: \\[2, 3, 4\\] x \\[3, 4, 5\\] \\(2 != 3\\)$")
                .error("inner dimensions, shared B",
                        o -> o.matmul(o.constant(Gen.zeros(2, 3, 4)), o.constant(Gen.zeros(5, 6)), false, true),
                        "^matmul '.*': inner dimensions differ: \\[2, 3, 4\\] x \\[5, 6\\]\\^T \\(4 != 6\\)$")
                .error("matrix times stack",
                        o -> o.matmul(o.constant(Gen.zeros(3, 4)), o.constant(Gen.zeros(2, 4, 5))),
                        "^matmul '.*': expects two matrices \\(rank 2\\), two stacks of matrices \\(rank 3\\) or a "
                                + "stack and a matrix, got \\[3, 4\\] x \\[2, 4, 5\\]$");
    }

    // ---- convolution ----------------------------------------------------------------------------

    /** A convolution geometry: {n, c, h, w, f, kh, kw, sh, sw, ph, pw}. */
    private static int[] convGeometry(SplittableRandom rnd) {
        int kh = 1 + rnd.nextInt(3);
        int kw = 1 + rnd.nextInt(3);
        return new int[] {1 + rnd.nextInt(2), 1 + rnd.nextInt(3), kh + rnd.nextInt(5), kw + rnd.nextInt(5),
            1 + rnd.nextInt(3), kh, kw, 1 + rnd.nextInt(2), 1 + rnd.nextInt(2), rnd.nextInt(2), rnd.nextInt(2)};
    }

    private static int[] stride(int[] a) {
        return new int[] {a[7], a[8]};
    }

    private static int[] padding(int[] a) {
        return new int[] {a[9], a[10]};
    }

    /** The [sh, sw, ph, pw] layout NetGen.conv takes. */
    private static int[] windows(int[] a) {
        return new int[] {a[7], a[8], a[9], a[10]};
    }

    private static Shape xShape(int[] a) {
        return Shape.of(a[0], a[1], a[2], a[3]);
    }

    private static Shape wShape(int[] a) {
        return Shape.of(a[4], a[1], a[5], a[6]);
    }

    private static Shape yShape(int[] a) {
        return Shape.of(a[0], a[4], NetGen.outSize(a[2], a[5], a[7], a[9]), NetGen.outSize(a[3], a[6], a[8], a[10]));
    }

    private static List<OpSpec> convolutions() {
        OpSpec conv = OpSpec.of("conv2d", Conv2D.class)
                .samples(rnd -> {
                    int[] a = convGeometry(rnd);
                    return OpSpec.Sample.of(List.of(Gen.uniform(rnd, xShape(a), -1, 1), Gen.uniform(rnd, wShape(a), -1, 1)),
                            a);
                })
                .buildWith((o, in, a) -> o.conv2d(in.get(0), in.get(1), stride(a), padding(a)))
                .referenceWith((in, a) -> NetGen.conv(0, in.get(0), in.get(1), null, xShape(a), wShape(a), windows(a)))
                .differentiable(0, 1)
                .f32Tol(1e-4)
                .error("channel mismatch",
                        o -> o.conv2d(o.constant(Gen.zeros(1, 3, 5, 5)), o.constant(Gen.zeros(2, 4, 3, 3)), 1, 0),
                        "^conv2d '.*': input has 3 channels but the filter expects 4 \\(input \\[1, 3, 5, 5\\], filter "
                                + "\\[2, 4, 3, 3\\]\\)$")
                .error("kernel larger than the padded input",
                        o -> o.conv2d(o.constant(Gen.zeros(1, 1, 2, 5)), o.constant(Gen.zeros(1, 1, 5, 1)), 1, 1),
                        "^conv2d '.*': input height 2 \\(padded 4\\) is smaller than the kernel 5")
                .error("input not NCHW",
                        o -> o.conv2d(o.constant(Gen.zeros(3, 5, 5)), o.constant(Gen.zeros(2, 3, 3, 3)), 1, 0),
                        "^conv2d '.*': input must be rank 4 \\[batch, channels, height, width\\], got \\[3, 5, 5\\]$")
                .error("filter rank 3",
                        o -> o.conv2d(o.constant(Gen.zeros(1, 3, 5, 5)), o.constant(Gen.zeros(3, 3, 3)), 1, 0),
                        "filter must be rank 4 \\[out_channels, in_channels, kernel_h, kernel_w\\], got \\[3, 3, 3\\]")
                .error("zero stride",
                        o -> o.conv2d(o.constant(Gen.zeros(1, 1, 5, 5)), o.constant(Gen.zeros(1, 1, 3, 3)), 0, 0),
                        "^conv2d '.*': stride must be two integers >= 1, got \\[0, 0\\]$")
                .error("negative padding",
                        o -> o.conv2d(o.constant(Gen.zeros(1, 1, 5, 5)), o.constant(Gen.zeros(1, 1, 3, 3)),
                                new int[] {1, 1}, new int[] {0, -1}),
                        "^conv2d '.*': padding must be two integers >= 0, got \\[0, -1\\]$")
                .error("dtypes differ",
                        o -> o.conv2d(o.constant(Gen.zeros(1, 1, 5, 5)),
                                o.constant(Tensor.zeros(DType.F32, Shape.of(1, 1, 3, 3))), 1, 0),
                        "dtypes differ: input 0 is f64, input 1 is f32");
        OpSpec input = OpSpec.of("conv2d_backprop_input", Conv2DBackpropInput.class)
                .samples(rnd -> {
                    int[] a = convGeometry(rnd);
                    return OpSpec.Sample.of(List.of(Gen.uniform(rnd, yShape(a), -1, 1), Gen.uniform(rnd, wShape(a), -1, 1),
                            Gen.uniform(rnd, xShape(a), -1, 1)), a);
                })
                .buildWith((o, in, a) -> o.apply(new Conv2DBackpropInput(stride(a), padding(a)), in.get(0), in.get(1),
                        in.get(2)))
                .referenceWith((in, a) -> NetGen.conv(1, null, in.get(1), in.get(0), xShape(a), wShape(a), windows(a)))
                .differentiable(0, 1)
                .f32Tol(1e-4)
                .error("gradient does not match the output",
                        o -> o.apply(new Conv2DBackpropInput(new int[] {1, 1}, new int[] {0, 0}),
                                o.constant(Gen.zeros(1, 2, 4, 4)), o.constant(Gen.zeros(2, 1, 3, 3)),
                                o.constant(Gen.zeros(1, 1, 5, 5))),
                        "^conv2d_backprop_input '.*': gradient \\[1, 2, 4, 4\\] does not match the convolution output "
                                + "\\[1, 2, 3, 3\\] of input \\[1, 1, 5, 5\\] and filter \\[2, 1, 3, 3\\]$")
                .error("channel mismatch",
                        o -> o.apply(new Conv2DBackpropInput(new int[] {1, 1}, new int[] {0, 0}),
                                o.constant(Gen.zeros(1, 2, 3, 3)), o.constant(Gen.zeros(2, 2, 3, 3)),
                                o.constant(Gen.zeros(1, 1, 5, 5))),
                        "input has 1 channels but the filter expects 2");
        OpSpec filter = OpSpec.of("conv2d_backprop_filter", Conv2DBackpropFilter.class)
                .samples(rnd -> {
                    int[] a = convGeometry(rnd);
                    return OpSpec.Sample.of(List.of(Gen.uniform(rnd, xShape(a), -1, 1), Gen.uniform(rnd, yShape(a), -1, 1),
                            Gen.uniform(rnd, wShape(a), -1, 1)), a);
                })
                .buildWith((o, in, a) -> o.apply(new Conv2DBackpropFilter(stride(a), padding(a)), in.get(0), in.get(1),
                        in.get(2)))
                .referenceWith((in, a) -> NetGen.conv(2, in.get(0), null, in.get(1), xShape(a), wShape(a), windows(a)))
                .differentiable(0, 1)
                .f32Tol(1e-4)
                .error("gradient does not match the output",
                        o -> o.apply(new Conv2DBackpropFilter(new int[] {2, 2}, new int[] {0, 0}),
                                o.constant(Gen.zeros(1, 1, 7, 7)), o.constant(Gen.zeros(1, 2, 5, 5)),
                                o.constant(Gen.zeros(2, 1, 3, 3))),
                        "^conv2d_backprop_filter '.*': gradient \\[1, 2, 5, 5\\] does not match the convolution output "
                                + "\\[1, 2, 3, 3\\] of input \\[1, 1, 7, 7\\] and filter \\[2, 1, 3, 3\\]$")
                .error("filter shape with other channels",
                        o -> o.apply(new Conv2DBackpropFilter(new int[] {1, 1}, new int[] {0, 0}),
                                o.constant(Gen.zeros(1, 1, 5, 5)), o.constant(Gen.zeros(1, 2, 3, 3)),
                                o.constant(Gen.zeros(2, 3, 3, 3))),
                        "^conv2d_backprop_filter '.*': input has 1 channels but the filter expects 3");
        return List.of(conv, input, filter);
    }

    // ---- pooling --------------------------------------------------------------------------------

    /** A pooling geometry: {kh, kw, sh, sw} followed by the input dims {n, c, h, w}. */
    private static int[] poolGeometry(SplittableRandom rnd) {
        int kh = 1 + rnd.nextInt(3);
        int kw = 1 + rnd.nextInt(3);
        return new int[] {kh, kw, 1 + rnd.nextInt(3), 1 + rnd.nextInt(3),
            1 + rnd.nextInt(2), 1 + rnd.nextInt(2), kh + rnd.nextInt(5), kw + rnd.nextInt(5)};
    }

    private static int[] kernel(int[] a) {
        return new int[] {a[0], a[1]};
    }

    private static int[] poolStride(int[] a) {
        return new int[] {a[2], a[3]};
    }

    private static Shape poolIn(int[] a) {
        return Shape.of(a[4], a[5], a[6], a[7]);
    }

    private static Shape poolOut(int[] a) {
        return Shape.of(a[4], a[5], (a[6] - a[0]) / a[2] + 1, (a[7] - a[1]) / a[3] + 1);
    }

    private static List<OpSpec> pooling() {
        OpSpec max = OpSpec.of("max_pool2d", MaxPool2D.class)
                .samples(rnd -> {
                    int[] a = poolGeometry(rnd);
                    return OpSpec.Sample.of(List.of(NetGen.distinct(rnd, poolIn(a), 0.05)), a);
                })
                .buildWith((o, in, a) -> o.maxPool2d(in.get(0), kernel(a), poolStride(a)))
                .referenceWith((in, a) -> NetGen.pool(0, in.get(0), null, poolIn(a), a))
                .differentiable(0)
                .error("kernel larger than the input",
                        o -> o.maxPool2d(o.constant(Gen.zeros(1, 1, 3, 3)), 4, 1),
                        "^max_pool2d '.*': input height 3 \\(padded 3\\) is smaller than the kernel 4")
                .error("not NCHW", o -> o.maxPool2d(o.constant(Gen.zeros(3, 3)), 2, 2),
                        "^max_pool2d '.*': input must be rank 4 \\[batch, channels, height, width\\], got \\[3, 3\\]$")
                .error("zero stride", o -> o.maxPool2d(o.constant(Gen.zeros(1, 1, 3, 3)), 2, 0),
                        "^max_pool2d '.*': stride must be two integers >= 1, got \\[0, 0\\]$")
                .error("selector and values differ",
                        o -> o.apply(new MaxPool2D(new int[] {2, 2}, new int[] {2, 2}), o.constant(Gen.zeros(1, 1, 4, 4)),
                                o.constant(Gen.zeros(1, 1, 4, 2))),
                        "selector \\[1, 1, 4, 4\\] and values \\[1, 1, 4, 2\\] must have the same shape");
        OpSpec maxGrad = OpSpec.of("max_pool2d_grad", MaxPool2DGrad.class)
                .samples(rnd -> {
                    int[] a = poolGeometry(rnd);
                    return OpSpec.Sample.of(List.of(NetGen.distinct(rnd, poolIn(a), 0.05),
                            Gen.uniform(rnd, poolOut(a), -1, 1)), a);
                })
                .buildWith((o, in, a) -> o.apply(new MaxPool2DGrad(kernel(a), poolStride(a)), in.get(0), in.get(1)))
                .referenceWith((in, a) -> NetGen.pool(2, in.get(0), in.get(1), poolIn(a), a))
                .differentiable(1) // piecewise constant in the selector x
                .error("gradient of the wrong shape",
                        o -> o.apply(new MaxPool2DGrad(new int[] {2, 2}, new int[] {2, 2}), o.constant(Gen.zeros(1, 1, 4, 4)),
                                o.constant(Gen.zeros(1, 1, 3, 3))),
                        "^max_pool2d_grad '.*': gradient \\[1, 1, 3, 3\\] does not match the pooled shape "
                                + "\\[1, 1, 2, 2\\] of input \\[1, 1, 4, 4\\]$");
        OpSpec avg = OpSpec.of("avg_pool2d", AvgPool2D.class)
                .samples(rnd -> {
                    int[] a = poolGeometry(rnd);
                    return OpSpec.Sample.of(List.of(Gen.uniform(rnd, poolIn(a), -2, 2)), a);
                })
                .buildWith((o, in, a) -> o.avgPool2d(in.get(0), kernel(a), poolStride(a)))
                .referenceWith((in, a) -> NetGen.pool(1, in.get(0), null, poolIn(a), a))
                .differentiable(0)
                .error("one-element kernel spec", o -> o.avgPool2d(o.constant(Gen.zeros(1, 1, 3, 3)), new int[] {2},
                        new int[] {1, 1}), "^avg_pool2d '.*': kernel must be two integers >= 1, got \\[2\\]$")
                .error("i32 input", o -> o.avgPool2d(o.constant(Tensor.zeros(DType.I32, Shape.of(1, 1, 2, 2))), 1, 1),
                        "input 0 must be f32 or f64, got i32\\[1, 1, 2, 2\\]");
        OpSpec avgGrad = OpSpec.of("avg_pool2d_grad", AvgPool2DGrad.class)
                .samples(rnd -> {
                    int[] a = poolGeometry(rnd);
                    return OpSpec.Sample.of(List.of(Gen.uniform(rnd, poolOut(a), -1, 1), Gen.uniform(rnd, poolIn(a), -1, 1)),
                            a);
                })
                .buildWith((o, in, a) -> o.apply(new AvgPool2DGrad(kernel(a), poolStride(a)), in.get(0), in.get(1)))
                .referenceWith((in, a) -> NetGen.pool(3, null, in.get(0), poolIn(a), a))
                .differentiable(0)
                .error("gradient of the wrong shape",
                        o -> o.apply(new AvgPool2DGrad(new int[] {3, 3}, new int[] {1, 1}), o.constant(Gen.zeros(1, 1, 3, 3)),
                                o.constant(Gen.zeros(1, 1, 4, 4))),
                        "^avg_pool2d_grad '.*': gradient \\[1, 1, 3, 3\\] does not match the pooled shape "
                                + "\\[1, 1, 2, 2\\] of input \\[1, 1, 4, 4\\]$");
        return List.of(max, maxGrad, avg, avgGrad);
    }

    // ---- conv2d with bias, padded pooling, layer norm over trailing axes -------------------------

    /** attrs: the convolution geometry; inputs x, w, b [F]. */
    private static OpSpec convolutionWithBias() {
        return OpSpec.of("conv2d(bias)", Conv2D.class)
                .samples(rnd -> {
                    int[] a = convGeometry(rnd);
                    return OpSpec.Sample.of(List.of(Gen.uniform(rnd, xShape(a), -1, 1), Gen.uniform(rnd, wShape(a), -1, 1),
                            Gen.uniform(rnd, Shape.of(a[4]), -1, 1)), a);
                })
                .buildWith((o, in, a) -> o.conv2d(in.get(0), in.get(1), in.get(2), stride(a), padding(a)))
                .referenceWith((in, a) -> {
                    Tensor y = NetGen.conv(0, in.get(0), in.get(1), null, xShape(a), wShape(a), windows(a));
                    int f = a[4];
                    int plane = y.size() / (y.shape().dim(0) * f);
                    for (int i = 0; i < y.size(); i++) {
                        y.setDouble(i, y.getDouble(i) + in.get(2).getDouble((i / plane) % f));
                    }
                    return y;
                })
                .differentiable(0, 1, 2)
                .f32Tol(1e-4)
                .error("bias of the wrong size",
                        o -> o.conv2d(o.constant(Gen.zeros(1, 1, 5, 5)), o.constant(Gen.zeros(2, 1, 3, 3)),
                                o.constant(Gen.zeros(3)), 1, 0),
                        "^conv2d '.*': bias must be \\[2\\] \\(one per filter\\), got \\[3\\] for filter \\[2, 1, 3, 3\\]$")
                .error("four inputs", o -> o.apply(new Conv2D(new int[] {1, 1}, new int[] {0, 0}),
                                o.constant(Gen.zeros(1, 1, 5, 5)), o.constant(Gen.zeros(2, 1, 3, 3)), o.constant(Gen.zeros(2)),
                                o.constant(Gen.zeros(2))),
                        "^conv2d '.*': expects input, filter and an optional bias, got 4 input\\(s\\)$");
    }

    /** {kh, kw, sh, sw, ph, pw, ceil} with padding at most half the kernel, then the input dims {n, c, h, w}. */
    private static int[] paddedPoolGeometry(SplittableRandom rnd) {
        int kh = 1 + rnd.nextInt(3);
        int kw = 1 + rnd.nextInt(3);
        return new int[] {kh, kw, 1 + rnd.nextInt(3), 1 + rnd.nextInt(3), rnd.nextInt(kh / 2 + 1), rnd.nextInt(kw / 2 + 1),
            rnd.nextInt(2), 1 + rnd.nextInt(2), 1 + rnd.nextInt(2), kh + rnd.nextInt(5), kw + rnd.nextInt(5)};
    }

    private static Shape paddedIn(int[] a) {
        return Shape.of(a[7], a[8], a[9], a[10]);
    }

    private static Shape paddedOut(int[] a) {
        boolean ceil = a[6] == 1;
        return Shape.of(a[7], a[8], NetGen.pooledSize(a[9], a[0], a[2], a[4], ceil),
                NetGen.pooledSize(a[10], a[1], a[3], a[5], ceil));
    }

    private static int[] pads(int[] a) {
        return new int[] {a[4], a[5]};
    }

    private static List<OpSpec> paddedPooling() {
        OpSpec max = OpSpec.of("max_pool2d(padded)", MaxPool2D.class)
                .samples(rnd -> {
                    int[] a = paddedPoolGeometry(rnd);
                    return OpSpec.Sample.of(List.of(NetGen.distinct(rnd, paddedIn(a), 0.05)), a);
                })
                .buildWith((o, in, a) -> o.maxPool2d(in.get(0), kernel(a), poolStride(a), pads(a), a[6] == 1))
                .referenceWith((in, a) -> NetGen.paddedPool(0, in.get(0), null, paddedIn(a), a))
                .differentiable(0)
                .error("padding over half the kernel",
                        o -> o.maxPool2d(o.constant(Gen.zeros(1, 1, 4, 4)), new int[] {2, 2}, new int[] {1, 1},
                                new int[] {2, 0}, false),
                        "^max_pool2d '.*': padding \\[2, 0\\] must be at most half the kernel \\[2, 2\\]$")
                .error("negative padding",
                        o -> o.avgPool2d(o.constant(Gen.zeros(1, 1, 4, 4)), new int[] {2, 2}, new int[] {1, 1},
                                new int[] {0, -1}, true),
                        "^avg_pool2d '.*': padding must be two integers >= 0, got \\[0, -1\\]$");
        OpSpec maxGrad = OpSpec.of("max_pool2d_grad(padded)", MaxPool2DGrad.class)
                .samples(rnd -> {
                    int[] a = paddedPoolGeometry(rnd);
                    return OpSpec.Sample.of(List.of(NetGen.distinct(rnd, paddedIn(a), 0.05),
                            Gen.uniform(rnd, paddedOut(a), -1, 1)), a);
                })
                .buildWith((o, in, a) -> o.apply(new MaxPool2DGrad(kernel(a), poolStride(a), pads(a), a[6] == 1), in.get(0),
                        in.get(1)))
                .referenceWith((in, a) -> NetGen.paddedPool(2, in.get(0), in.get(1), paddedIn(a), a))
                .differentiable(1);
        OpSpec avg = OpSpec.of("avg_pool2d(padded)", AvgPool2D.class)
                .samples(rnd -> {
                    int[] a = paddedPoolGeometry(rnd);
                    return OpSpec.Sample.of(List.of(Gen.uniform(rnd, paddedIn(a), -2, 2)), a);
                })
                .buildWith((o, in, a) -> o.avgPool2d(in.get(0), kernel(a), poolStride(a), pads(a), a[6] == 1))
                .referenceWith((in, a) -> NetGen.paddedPool(1, in.get(0), null, paddedIn(a), a))
                .differentiable(0);
        OpSpec avgGrad = OpSpec.of("avg_pool2d_grad(padded)", AvgPool2DGrad.class)
                .samples(rnd -> {
                    int[] a = paddedPoolGeometry(rnd);
                    return OpSpec.Sample.of(List.of(Gen.uniform(rnd, paddedOut(a), -1, 1),
                            Gen.uniform(rnd, paddedIn(a), -1, 1)), a);
                })
                .buildWith((o, in, a) -> o.apply(new AvgPool2DGrad(kernel(a), poolStride(a), pads(a), a[6] == 1), in.get(0),
                        in.get(1)))
                .referenceWith((in, a) -> NetGen.paddedPool(3, null, in.get(0), paddedIn(a), a))
                .differentiable(0);
        return List.of(max, maxGrad, avg, avgGrad);
    }

    /** x of rank 2-4 normalized over its last 1..rank axes (attrs: [axes]); the composite ends in add. */
    private static OpSpec layerNormOverAxes() {
        return OpSpec.of("layer_norm(axes)", Add.class)
                .samples(rnd -> {
                    Tensor x = Gen.uniform(rnd, Gen.shape(rnd, 2, 4), -2, 2);
                    int axes = 1 + rnd.nextInt(x.shape().rank());
                    int[] dims = java.util.Arrays.copyOfRange(x.shape().dims(), x.shape().rank() - axes, x.shape().rank());
                    return OpSpec.Sample.of(List.of(x, Gen.uniform(rnd, Shape.of(dims), 0.5, 1.5),
                            Gen.uniform(rnd, Shape.of(dims), -1, 1)), axes);
                })
                .buildWith((o, in, at) -> o.layerNorm(in.get(0), in.get(1), in.get(2), 1e-3, at[0]))
                .referenceWith((in, at) -> {
                    Tensor x = in.get(0);
                    int group = in.get(1).size();
                    Tensor out = Tensor.zeros(DType.F64, x.shape());
                    for (int r = 0; r < x.size() / group; r++) {
                        double mean = 0;
                        for (int j = 0; j < group; j++) {
                            mean += x.getDouble(r * group + j) / group;
                        }
                        double var = 0;
                        for (int j = 0; j < group; j++) {
                            double c = x.getDouble(r * group + j) - mean;
                            var += c * c / group;
                        }
                        for (int j = 0; j < group; j++) {
                            double z = (x.getDouble(r * group + j) - mean) / Math.sqrt(var + 1e-3);
                            out.setDouble(r * group + j, z * in.get(1).getDouble(j) + in.get(2).getDouble(j));
                        }
                    }
                    return out;
                })
                .differentiable(0, 1, 2)
                .forwardTol(1e-10)
                .gradTol(1e-4, 1e-5)
                .error("more axes than the input has",
                        o -> o.named("ln").layerNorm(o.constant(Gen.zeros(2, 3)), o.constant(Gen.zeros(2, 3)),
                                o.constant(Gen.zeros(2, 3)), 1e-5, 3),
                        "^layer_norm 'ln': cannot normalize over the last 3 axes of f64\\[2, 3\\]$")
                .error("gamma of the wrong shape",
                        o -> o.named("ln").layerNorm(o.constant(Gen.zeros(4, 2, 3)), o.constant(Gen.zeros(3, 2)),
                                o.constant(Gen.zeros(2, 3)), 1e-5, 2),
                        "^layer_norm 'ln': gamma and beta must be \\[2, 3\\] for input \\[4, 2, 3\\], got 'constant_1' \\[3, 2\\]$");
    }
}
