package org.adjoint.ops.compile;

import static org.adjoint.ops.compile.Plans.OFF;
import static org.adjoint.ops.compile.Plans.ON;
import static org.adjoint.ops.compile.Plans.fired;
import static org.adjoint.ops.compile.Plans.info;
import static org.adjoint.ops.compile.Plans.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.compile.CompileOptions;
import org.adjoint.graph.compile.PlanInfo;
import org.adjoint.ops.Ops;
import org.adjoint.ops.elementwise.ElementwiseUnary;
import org.adjoint.ops.elementwise.UnaryGrad;
import org.adjoint.ops.shape.Slice;
import org.adjoint.ops.shape.SliceGrad;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link OpRules}: it fires on its pattern (the plan shrinks), leaves the values
 * unchanged (compared with the unoptimized plan), and does not fire where it must not. Inputs are
 * placeholders, so constant folding does not hide the patterns; the gradient patterns are built
 * as the autodiff engine builds them (ops cannot depend on autodiff; the property suite checks
 * real gradient graphs). Fusion is off here
 * ({@code CompileOptions.disable("fusion")}) where it would merge the nodes a test counts.
 */
class RulesTest {

    private static final CompileOptions RULES_ONLY = ON.disable("fusion");
    private final SplittableRandom rnd = new SplittableRandom(11);
    private final Graph g = new Graph();
    private final Ops o = Ops.on(g);
    private Feeds feeds = Feeds.empty();

    private Node input(String name, int... dims) {
        Node p = o.placeholder(name, DType.F64, Shape.of(dims));
        int[] fed = dims.clone();
        for (int i = 0; i < fed.length; i++) {
            fed[i] = fed[i] < 0 ? 4 : fed[i];
        }
        feeds = feeds.and(p, Plans.random(rnd, DType.F64, fed));
        return p;
    }

    private Node variable(String name, int... dims) {
        return o.variable(name, Plans.random(rnd, DType.F64, dims));
    }

    private PlanInfo plan(List<Node> outs, CompileOptions options) {
        return info(g, feeds, outs, options);
    }

    @Test
    void sumLikeThatSumsNothingIsItsInput() {
        Node g1 = input("g", -1, 3);
        Node x = input("x", -1, 3);
        Node b = variable("b", 3);
        List<Node> outs = List.of(o.tanh(o.sumLike(g1, x)), o.tanh(o.sumLike(g1, b)));
        PlanInfo on = plan(outs, RULES_ONLY);
        assertEquals(1, fired(on, ShapeRules.SumLikeIdentity.NAME), on.text());
        assertEquals(1, steps(on, "sum_like"), "the sum over the batch stays:\n" + on.text());
        assertEquals(2, steps(plan(outs, OFF), "sum_like"));
        Plans.assertSameBits(g, feeds, outs);
    }

    @Test
    void broadcastLikeToTheShapeItHasIsItsInputAndAddingOnesIsAView() {
        Node x = input("x", -1, 3);
        Node ref = input("ref", -1, 3);
        Node row = input("row", 3);
        Node same = o.broadcastLike(x, ref);
        Node ones = o.broadcastLike(row, o.reshape(row, 1, 3), 0);
        Node real = o.broadcastLike(row, ref, 0);
        List<Node> outs = List.of(o.neg(same), o.neg(ones), o.neg(real));
        PlanInfo on = plan(outs, RULES_ONLY);
        assertEquals(2, fired(on, ShapeRules.BroadcastLikeIdentity.NAME), on.text());
        assertEquals(1, steps(on, "broadcast_like"), "the real broadcast stays:\n" + on.text());
        Plans.assertSameBits(g, feeds, outs);
    }

    @Test
    void reshapesToTheSameShapeAndStopGradientDisappear() {
        Node x = input("x", 2, 3);
        Node r = o.reshape(x, 2, 3);
        Node s = o.stopGradient(x);
        Node e = o.squeeze(o.expandDims(x, 0), 0);
        List<Node> outs = List.of(o.neg(r), o.neg(s), o.neg(e));
        PlanInfo on = plan(outs, RULES_ONLY);
        assertTrue(fired(on, ShapeRules.ReshapeIdentity.NAME) >= 2, on.text());
        assertEquals(0, steps(on, "reshape") + steps(on, "stop_gradient") + steps(on, "squeeze"), on.text());
        Plans.assertSameBits(g, feeds, outs);
    }

    @Test
    void aReshapeOfAReshapeIsOneReshape() {
        Node x = input("x", 2, 3);
        Node twice = o.reshape(o.reshape(x, 6), 3, 2);
        Node back = o.reshape(o.reshape(x, 6), 2, 3);
        List<Node> outs = List.of(o.neg(twice), o.neg(back));
        PlanInfo on = plan(outs, RULES_ONLY);
        assertEquals(1, steps(on, "reshape"), on.text());
        assertTrue(fired(on, ShapeRules.ReshapeOfReshape.NAME) >= 2, on.text());
        Plans.assertSameBits(g, feeds, outs);
    }

    @Test
    void aTransposeOfATransposeIsOneTransposeOrNone() {
        Node x = input("x", 2, 3, 4);
        Node identity = o.transpose(o.transpose(x, 1, 2, 0), 2, 0, 1);
        Node composed = o.transpose(o.transpose(x, 1, 0, 2), 0, 2, 1);
        Node matrix = o.transpose(o.transpose(input("m", 3, 5)));
        List<Node> outs = List.of(o.neg(identity), o.neg(composed), o.neg(matrix));
        PlanInfo on = plan(outs, RULES_ONLY);
        assertEquals(1, steps(on, "transpose"), on.text());
        assertEquals(3, fired(on, ShapeRules.TransposeOfTranspose.NAME), on.text());
        Plans.assertSameBits(g, feeds, outs);
    }

    @Test
    void negOfNegIsTheInput() {
        Node x = input("x", 5);
        List<Node> outs = List.of(o.exp(o.neg(o.neg(x))));
        PlanInfo on = plan(outs, RULES_ONLY);
        assertEquals(0, steps(on, "neg"), on.text());
        assertEquals(1, fired(on, AlgebraRules.NegOfNeg.NAME));
        Plans.assertSameBits(g, feeds, outs);
    }

    @Test
    void multiplyingByOneIsTheInputUnlessTheOnesBroadcastIt() {
        Node x = input("x", 2, 3);
        Node row = input("row", 3);
        Node one = o.scalar(1.0, DType.F64);
        Node ones = o.constant(Tensor.full(DType.F64, Shape.of(2, 3), 1));
        List<Node> outs = List.of(o.exp(o.mul(x, one)), o.exp(o.mul(one, x)), o.exp(o.div(x, ones)),
                o.exp(o.mul(row, ones)));
        PlanInfo on = plan(outs, RULES_ONLY);
        assertEquals(3, fired(on, AlgebraRules.MulByOne.NAME), on.text());
        assertEquals(1, steps(on, "mul"), "row * ones enlarges the row: kept\n" + on.text());
        Plans.assertSameBits(g, feeds, outs);
    }

    @Test
    void addingZeroIsTheInputAsANumber() {
        Node x = o.placeholder("x", DType.F64, Shape.of(3));
        feeds = Feeds.of(x, Tensor.of(new double[] {-0.0, 2, Double.NaN}, 3));
        Node zero = o.scalar(0.0, DType.F64);
        List<Node> outs = List.of(o.add(x, zero), o.sub(x, zero), o.add(zero, x));
        PlanInfo on = plan(outs, RULES_ONLY);
        assertEquals(3, fired(on, AlgebraRules.AddZero.NAME), on.text());
        Plans.assertSameValues(g, feeds, outs);
        // NOTE: -0.0 + 0.0 is +0.0 without the rule; the rule keeps -0.0 (equal as numbers)
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(
                Plans.run(g, feeds, outs, RULES_ONLY).get(0).getDouble(0)));
    }

    @Test
    void activationGradientsReadTheActivationNotItsInput() {
        Node z = input("z", 4, 6);
        Node dy = input("dy", 4, 6);
        Node relu = o.relu(z);
        Node sig = o.sigmoid(z);
        Node leakyNeg = o.leakyRelu(z, -0.5);
        List<Node> outs = List.of(grad(z, relu, dy), grad(z, sig, dy), grad(z, leakyNeg, dy), o.neg(relu),
                o.neg(sig), o.neg(leakyNeg));
        PlanInfo on = plan(outs, RULES_ONLY);
        assertEquals(2, fired(on, GradientRules.ActivationGradFromOutput.NAME), "relu and sigmoid, not the"
                + " leaky relu with a negative slope:\n" + on.text());
        for (PlanInfo.Step s : on.steps()) {
            if (s.op().equals("unary_grad") && !s.attributes().startsWith("leaky_relu")) {
                assertEquals(s.inputs()[0], s.inputs()[1], "x replaced by y:\n" + on.text());
            }
        }
        Plans.assertSameBits(g, feeds, outs);
        // a unary_grad whose y is not relu(x) is left alone
        Node a = input("a", 3);
        Node b = input("b", 3);
        Node odd = grad(a, o.relu(b), a);
        assertEquals(0, fired(plan(List.of(odd), RULES_ONLY), GradientRules.ActivationGradFromOutput.NAME));
        Plans.assertSameBits(g, feeds, List.of(odd));
    }

    /** {@code unary_grad(x, y, dy)} for the function y was computed by, as a gradient rule builds it. */
    private static Node grad(Node x, Node y, Node dy) {
        return UnaryGrad.apply((ElementwiseUnary) y.op(), x, y, dy);
    }

    @Test
    void broadcastsOfTheLossGradientAreReadByTheElementwiseOpsDirectly() {
        // the gradient of mean(f(x)) for x [?, 5]: a scalar broadcast to [?] then to [?, 5]
        Node x = input("x", -1, 5);
        Node scalar = input("s");
        Node perRow = o.sum(x, 1);
        Node seed = o.broadcastLike(o.broadcastLike(scalar, perRow, 0), x, 1);
        Node column = o.broadcastLike(perRow, x, 1);
        List<Node> outs = List.of(o.mul(seed, o.square(x)), o.mul(o.exp(x), column));
        PlanInfo off = plan(outs, OFF);
        assertEquals(3, steps(off, "broadcast_like"), off.text());
        PlanInfo on = plan(outs, RULES_ONLY);
        assertEquals(2, fired(on, GradientRules.BroadcastIntoElementwise.NAME), on.text());
        assertEquals(0, steps(on, "broadcast_like"), on.text());
        Plans.assertSameBits(g, feeds, outs);
    }

    @Test
    void theGradientOfASplitIsAConcatenation() {
        Node z = input("z", -1, 12);
        List<Node> parts = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            parts.add(o.apply(new SliceGrad(new int[] {0, 4 * k}, new int[] {Slice.END, 4 * k + 4}),
                    o.tanh(input("g" + k, -1, 4)), z));
        }
        Node sum = o.add(o.add(parts.get(2), parts.get(0)), parts.get(1));
        List<Node> outs = List.of(o.neg(sum));
        PlanInfo on = plan(outs, RULES_ONLY);
        assertEquals(1, fired(on, GradientRules.SliceGradsToConcat.NAME), on.text());
        assertEquals(0, steps(on, "slice_grad") + steps(on, "add"), on.text());
        assertEquals(1, steps(on, "concat"), on.text());
        Plans.assertSameValues(g, feeds, outs);
        // blocks that do not cover the axis keep their slice_grads
        Node partial = o.add(parts.get(0), o.apply(new SliceGrad(new int[] {0, 8}, new int[] {Slice.END, 12}),
                input("h", -1, 4), z));
        PlanInfo pi = plan(List.of(o.neg(partial)), RULES_ONLY);
        assertEquals(0, fired(pi, GradientRules.SliceGradsToConcat.NAME), pi.text());
        Plans.assertSameValues(g, feeds, List.of(partial));
    }

    @Test
    void aWeightReadTransposedByManyProductsIsTransposedOnce() {
        Node w = variable("w", 6, 4);
        List<Node> outs = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            outs.add(o.matmul(input("x" + t, 5, 4), w, false, true));
        }
        Node single = o.matmul(input("y", 5, 3), variable("v", 4, 3), false, true);
        outs.add(single);
        PlanInfo on = plan(outs, RULES_ONLY);
        assertEquals(3, fired(on, GradientRules.HoistWeightTranspose.NAME), on.text());
        assertEquals(1, steps(on, "transpose"), "one transpose of w, none of v (read once):\n" + on.text());
        Plans.assertSameBits(g, feeds, outs);
    }

    @Test
    void eachRuleCanBeTurnedOffByName() {
        Node x = input("x", 5);
        List<Node> outs = List.of(o.exp(o.neg(o.neg(x))));
        PlanInfo without = plan(outs, RULES_ONLY.disable(AlgebraRules.NegOfNeg.NAME));
        assertEquals(2, steps(without, "neg"), without.text());
        assertEquals(0, fired(without, AlgebraRules.NegOfNeg.NAME));
    }
}
