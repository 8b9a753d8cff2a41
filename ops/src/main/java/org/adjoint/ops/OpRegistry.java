package org.adjoint.ops;

import java.util.List;
import org.adjoint.graph.Op;

/**
 * Every op class, in one place. The property suite requires an {@code OpSpec} for each entry, so
 * an op cannot be added without its derivative checks.
 */
public final class OpRegistry {

    private static final List<Class<? extends Op>> OPS = List.of(
            // elementwise binary
            Add.class, Sub.class, Mul.class, Div.class, Compare.class,
            Pow.class, Maximum.class, Minimum.class, Where.class, Cast.class,
            // elementwise unary
            Neg.class, Exp.class, Log.class, Square.class, Reciprocal.class, Sigmoid.class, Tanh.class, Relu.class,
            UnaryGrad.class,
            Abs.class, Sign.class, Sqrt.class, Rsqrt.class, Log1p.class, Expm1.class, LeakyRelu.class, Elu.class,
            Softplus.class,
            // linear algebra and shape
            MatMul.class, Transpose.class, Reshape.class, ReshapeLike.class,
            BroadcastTo.class, ExpandDims.class, Squeeze.class, Concat.class, Slice.class, Pad.class, Gather.class,
            ScatterAdd.class, OneHot.class, SliceGrad.class, SplitLike.class,
            // reductions and broadcasting
            ReduceSum.class, ReducedSize.class, BroadcastLike.class, SumLike.class,
            ReduceMax.class, ReduceMin.class, ArgReduce.class, LogSumExp.class,
            // network ops
            SigmoidCrossEntropyWithLogits.class,
            Softmax.class, LogSoftmax.class, SparseSoftmaxCrossEntropy.class, SoftmaxCrossEntropy.class, OneHotLike.class,
            DropoutMask.class, Conv2D.class, Conv2DBackpropInput.class, Conv2DBackpropFilter.class,
            MaxPool2D.class, MaxPool2DGrad.class, AvgPool2D.class, AvgPool2DGrad.class,
            // gradient plumbing
            StopGradient.class, FillLike.class, ByMode.class);

    private OpRegistry() {
    }

    /** All registered op classes. */
    public static List<Class<? extends Op>> all() {
        return OPS;
    }
}
