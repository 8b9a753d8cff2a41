package org.adjoint.ops;

import java.util.List;
import org.adjoint.graph.Op;
import org.adjoint.ops.conv.AvgPool2D;
import org.adjoint.ops.conv.AvgPool2DGrad;
import org.adjoint.ops.conv.Conv2D;
import org.adjoint.ops.conv.Conv2DBackpropFilter;
import org.adjoint.ops.conv.Conv2DBackpropInput;
import org.adjoint.ops.conv.MaxPool2D;
import org.adjoint.ops.conv.MaxPool2DGrad;
import org.adjoint.ops.elementwise.Abs;
import org.adjoint.ops.elementwise.Add;
import org.adjoint.ops.elementwise.AddN;
import org.adjoint.ops.elementwise.Cast;
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
import org.adjoint.ops.elementwise.UnaryGrad;
import org.adjoint.ops.elementwise.Where;
import org.adjoint.ops.grad.BroadcastLike;
import org.adjoint.ops.grad.FillLike;
import org.adjoint.ops.grad.ReshapeLike;
import org.adjoint.ops.grad.StopGradient;
import org.adjoint.ops.grad.SumLike;
import org.adjoint.ops.linalg.MatMul;
import org.adjoint.ops.nn.ByMode;
import org.adjoint.ops.nn.DropoutMask;
import org.adjoint.ops.nn.LogSoftmax;
import org.adjoint.ops.nn.OneHotLike;
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
import org.adjoint.ops.shape.AxisScatter;
import org.adjoint.ops.shape.AxisSlice;
import org.adjoint.ops.shape.BroadcastTo;
import org.adjoint.ops.shape.Concat;
import org.adjoint.ops.shape.ExpandDims;
import org.adjoint.ops.shape.Gather;
import org.adjoint.ops.shape.GatherAxis;
import org.adjoint.ops.shape.OneHot;
import org.adjoint.ops.shape.Pad;
import org.adjoint.ops.shape.Reshape;
import org.adjoint.ops.shape.ScatterAdd;
import org.adjoint.ops.shape.ScatterAddAxis;
import org.adjoint.ops.shape.Select;
import org.adjoint.ops.shape.Slice;
import org.adjoint.ops.shape.SliceGrad;
import org.adjoint.ops.shape.SplitLike;
import org.adjoint.ops.shape.Squeeze;
import org.adjoint.ops.shape.Stack;
import org.adjoint.ops.shape.Transpose;

/**
 * Every op class, in one place. The property suite requires an {@code OpSpec} for each entry, so
 * an op cannot be added without its derivative checks.
 */
public final class OpRegistry {

    private static final List<Class<? extends Op>> OPS = List.of(
            // elementwise: arithmetic, comparisons, selection, casts
            Add.class, Sub.class, Mul.class, Div.class, Pow.class, Maximum.class, Minimum.class, AddN.class,
            Compare.class, Where.class, Cast.class,
            // elementwise: functions and their fused backward
            Neg.class, Exp.class, Log.class, Square.class, Reciprocal.class, Abs.class, Sign.class,
            Sqrt.class, Rsqrt.class, Log1p.class, Expm1.class, Sigmoid.class, Tanh.class, Relu.class,
            LeakyRelu.class, Elu.class, Softplus.class, UnaryGrad.class,
            // reductions
            ReduceSum.class, ReduceMax.class, ReduceMin.class, ArgReduce.class, LogSumExp.class, ReducedSize.class,
            // linear algebra
            MatMul.class,
            // shape
            Transpose.class, Reshape.class, BroadcastTo.class, ExpandDims.class, Squeeze.class, Concat.class,
            SplitLike.class, Slice.class, SliceGrad.class, Pad.class, Gather.class, ScatterAdd.class,
            GatherAxis.class, ScatterAddAxis.class, OneHot.class, Stack.class, Select.class,
            AxisScatter.class, AxisSlice.class,
            // network ops
            SigmoidCrossEntropyWithLogits.class, Softmax.class, LogSoftmax.class,
            SparseSoftmaxCrossEntropy.class, SoftmaxCrossEntropy.class, OneHotLike.class, DropoutMask.class,
            ByMode.class,
            // convolution and pooling
            Conv2D.class, Conv2DBackpropInput.class, Conv2DBackpropFilter.class, MaxPool2D.class,
            MaxPool2DGrad.class, AvgPool2D.class, AvgPool2DGrad.class,
            // gradient plumbing
            BroadcastLike.class, SumLike.class, ReshapeLike.class, FillLike.class, StopGradient.class);

    private OpRegistry() {
    }

    /** All registered op classes. */
    public static List<Class<? extends Op>> all() {
        return OPS;
    }
}
