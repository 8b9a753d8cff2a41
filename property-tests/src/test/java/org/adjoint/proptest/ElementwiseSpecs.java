package org.adjoint.proptest;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.adjoint.graph.DType;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.kernels.UnaryOp;
import org.adjoint.ops.Ops;
import org.adjoint.ops.elementwise.Abs;
import org.adjoint.ops.elementwise.Cast;
import org.adjoint.ops.elementwise.Elu;
import org.adjoint.ops.elementwise.Expm1;
import org.adjoint.ops.elementwise.LeakyRelu;
import org.adjoint.ops.elementwise.Log1p;
import org.adjoint.ops.elementwise.Maximum;
import org.adjoint.ops.elementwise.Minimum;
import org.adjoint.ops.elementwise.Pow;
import org.adjoint.ops.elementwise.Rsqrt;
import org.adjoint.ops.elementwise.Sign;
import org.adjoint.ops.elementwise.Softplus;
import org.adjoint.ops.elementwise.Sqrt;
import org.adjoint.ops.elementwise.UnaryGrad;
import org.adjoint.ops.elementwise.Where;
import org.adjoint.testing.Gen;
import org.adjoint.testing.OpSpec;
import org.adjoint.testing.Ref;

/** Specs of the elementwise ops beyond the core set: functions, activations, pow, max/min, where, cast. */
final class ElementwiseSpecs implements SpecProvider {

    @Override
    public List<OpSpec> specs() {
        List<OpSpec> specs = new ArrayList<>();
        specs.addAll(unary());
        specs.addAll(unaryGrads());
        specs.addAll(binary());
        specs.add(where());
        specs.addAll(casts());
        return specs;
    }

    private interface UnaryBuilder {
        Node apply(Ops o, Node x);
    }

    private static OpSpec unary(String name, Class<? extends Op> cls, UnaryBuilder b, DoubleUnaryOperator f,
            Function<SplittableRandom, Tensor> gen) {
        return OpSpec.of(name, cls)
                .inputs(rnd -> List.of(gen.apply(rnd)))
                .build((o, in) -> b.apply(o, in.get(0)))
                .reference(in -> Ref.unary(in.get(0), f))
                .differentiable(0)
                .error("i32 input", o -> b.apply(o, o.constant(Tensor.zeros(DType.I32, Shape.of(2, 1)))),
                        name + " '.*': input 0 must be f32 or f64, got i32\\[2, 1\\]");
    }

    private static Function<SplittableRandom, Tensor> uniform(double lo, double hi) {
        return rnd -> Gen.uniform(rnd, Gen.shape(rnd, 0, 4), lo, hi);
    }

    /** Values away from the kink at 0. */
    private static Function<SplittableRandom, Tensor> kinked(double lo, double hi) {
        return rnd -> Gen.awayFromZero(rnd, Gen.shape(rnd, 0, 4), lo, hi, 0.01);
    }

    private static List<OpSpec> unary() {
        return List.of(
                unary("abs", Abs.class, Ops::abs, Math::abs, kinked(-3, 3)),
                // piecewise constant: no gradient at all (noGradient checks it is Grad.none())
                unary("sign", Sign.class, Ops::sign, Math::signum, kinked(-3, 3)).noGradient(),
                unary("sqrt", Sqrt.class, Ops::sqrt, Math::sqrt, uniform(0.3, 4)),
                unary("rsqrt", Rsqrt.class, Ops::rsqrt, x -> 1 / Math.sqrt(x), uniform(0.3, 4)),
                unary("log1p", Log1p.class, Ops::log1p, Math::log1p, uniform(-0.6, 3)),
                unary("expm1", Expm1.class, Ops::expm1, Math::expm1, uniform(-3, 2)),
                unary("leaky_relu", LeakyRelu.class, (o, x) -> o.leakyRelu(x, 0.2), x -> x > 0 ? x : 0.2 * x,
                        kinked(-3, 3)),
                unary("elu", Elu.class, (o, x) -> o.elu(x, 1.5), x -> x > 0 ? x : 1.5 * Math.expm1(x), kinked(-3, 3)),
                unary("softplus", Softplus.class, Ops::softplus, x -> Math.log(1 + Math.exp(x)), uniform(-5, 5))
                        .extremes(rnd -> List.of(Gen.discrete(rnd, Gen.shape(rnd, 1, 2), -800, -40, 40, 800))));
    }

    /** unary_grad of the new activations, built as their backward: dy * f'(x). */
    private static List<OpSpec> unaryGrads() {
        return List.of(
                unaryGrad(UnaryOp.ABS, 0, Ops::abs, Math::signum, kinked(-3, 3), false),
                unaryGrad(UnaryOp.SQRT, 0, Ops::sqrt, x -> 0.5 / Math.sqrt(x), uniform(0.3, 4), true),
                unaryGrad(UnaryOp.RSQRT, 0, Ops::rsqrt, x -> -0.5 * Math.pow(x, -1.5), uniform(0.3, 4), true),
                unaryGrad(UnaryOp.LOG1P, 0, Ops::log1p, x -> 1 / (1 + x), uniform(-0.6, 3), true),
                unaryGrad(UnaryOp.EXPM1, 0, Ops::expm1, Math::exp, uniform(-3, 2), true),
                unaryGrad(UnaryOp.LEAKY_RELU, 0.2, (o, x) -> o.leakyRelu(x, 0.2), x -> x > 0 ? 1 : 0.2,
                        kinked(-3, 3), false),
                unaryGrad(UnaryOp.ELU, 1.5, (o, x) -> o.elu(x, 1.5), x -> x > 0 ? 1 : 1.5 * Math.exp(x),
                        kinked(-3, 3), true),
                unaryGrad(UnaryOp.SOFTPLUS, 0, Ops::softplus, x -> 1 / (1 + Math.exp(-x)), uniform(-5, 5), true));
    }

    /**
     * @param smooth whether f' depends smoothly on x (else it is piecewise constant and only dy has
     *     a gradient)
     */
    private static OpSpec unaryGrad(UnaryOp kind, double alpha, UnaryBuilder f, DoubleUnaryOperator derivative,
            Function<SplittableRandom, Tensor> gen, boolean smooth) {
        return OpSpec.of("unary_grad(" + kind.name().toLowerCase() + ")", UnaryGrad.class)
                .inputs(rnd -> {
                    Tensor x = gen.apply(rnd);
                    return List.of(x, Gen.uniform(rnd, x.shape(), -2, 2));
                })
                .build((o, in) -> CoreSpecs.fused(o, f::apply, in.get(0), in.get(1)))
                .reference(in -> Ref.binary(Ref.unary(in.get(0), derivative), in.get(1), (a, b) -> a * b))
                .differentiable(smooth ? new int[] {0, 1} : new int[] {1});
    }

    // ---- binary -----------------------------------------------------------------------------------

    private interface BinaryBuilder {
        Node apply(Ops o, Node a, Node b);
    }

    /** Broadcasting operands drawn by {@code a} and {@code b} on a common output shape. */
    private static List<Tensor> pair(SplittableRandom rnd, Function<Shape, Tensor> a, Function<Shape, Tensor> b) {
        Shape out = Gen.shape(rnd, 0, 4);
        return List.of(a.apply(Gen.broadcastableFrom(rnd, out)), b.apply(Gen.broadcastableFrom(rnd, out)));
    }

    private static OpSpec binary(String name, Class<? extends Op> cls, BinaryBuilder b, DoubleBinaryOperator f,
            Function<SplittableRandom, List<Tensor>> gen) {
        return OpSpec.of(name, cls)
                .inputs(gen)
                .build((o, in) -> b.apply(o, in.get(0), in.get(1)))
                .reference(in -> Ref.binary(in.get(0), in.get(1), f))
                .differentiable(0, 1)
                .error("incompatible shapes", o -> b.apply(o, o.constant(Gen.zeros(2, 3)), o.constant(Gen.zeros(2))),
                        name + " '.*': shapes \\[2, 3\\] and \\[2\\] cannot be broadcast \\(dimension -1: 3 != 2\\)")
                .error("dtypes differ",
                        o -> b.apply(o, o.constant(Gen.zeros(2)), o.constant(Tensor.zeros(DType.F32, Shape.of(2)))),
                        name + " '.*': dtypes differ: input 0 is f64, input 1 is f32")
                .error("i32 input",
                        o -> b.apply(o, o.constant(Tensor.zeros(DType.I32, Shape.of(2))), o.constant(Gen.zeros(2))),
                        name + " '.*': input 0 must be f32 or f64, got i32\\[2\\]");
    }

    private static List<OpSpec> binary() {
        return List.of(
                binary("pow", Pow.class, Ops::pow, Math::pow,
                        rnd -> pair(rnd, s -> Gen.uniform(rnd, s, 0.3, 2.5), s -> Gen.uniform(rnd, s, -2, 2.5)))
                        .gradTol(1e-5, 1e-5),
                // integer exponents on bases of either sign; the exponent is a constant
                OpSpec.of("pow(x, 3)", Pow.class)
                        .inputs(rnd -> List.of(Gen.uniform(rnd, Gen.shape(rnd, 0, 4), -2, 2)))
                        .build((o, in) -> o.pow(in.get(0), 3.0))
                        .reference(in -> Ref.unary(in.get(0), x -> x * x * x))
                        .differentiable(0),
                // grids with different offsets: a and b never tie (the gradient jumps there)
                binary("maximum", Maximum.class, Ops::maximum, Math::max,
                        rnd -> pair(rnd, s -> ShapeRefs.grid(rnd, s, 0), s -> ShapeRefs.grid(rnd, s, 0.05))),
                binary("minimum", Minimum.class, Ops::minimum, Math::min,
                        rnd -> pair(rnd, s -> ShapeRefs.grid(rnd, s, 0), s -> ShapeRefs.grid(rnd, s, 0.05))),
                // the composite clamp = minimum(maximum(x, lo), hi), values away from both bounds
                OpSpec.of("clamp", Minimum.class)
                        .inputs(rnd -> List.of(ShapeRefs.awayFrom(rnd, Gen.shape(rnd, 0, 4), -2, 2, 0.01, -0.5, 0.7)))
                        .build((o, in) -> o.clamp(in.get(0), -0.5, 0.7))
                        .reference(in -> Ref.unary(in.get(0), x -> Math.min(Math.max(x, -0.5), 0.7)))
                        .differentiable(0)
                        .error("lo > hi", o -> o.clamp(o.constant(Gen.zeros(2)), 1, 0),
                                "clamp: lo must be <= hi, got \\[1.0, 0.0\\]"),
                // one-sided clamps: maximum(x, lo) and minimum(x, hi), values away from the bound
                OpSpec.of("clamp_min", Maximum.class)
                        .inputs(rnd -> List.of(ShapeRefs.awayFrom(rnd, Gen.shape(rnd, 0, 4), -2, 2, 0.01, 0.3)))
                        .build((o, in) -> o.clampMin(in.get(0), 0.3))
                        .reference(in -> Ref.unary(in.get(0), x -> Math.max(x, 0.3)))
                        .differentiable(0)
                        .error("NaN bound", o -> o.clampMin(o.constant(Gen.zeros(2)), Double.NaN),
                                "^clamp_min: lo must be a number, got NaN$"),
                OpSpec.of("clamp_max", Minimum.class)
                        .inputs(rnd -> List.of(ShapeRefs.awayFrom(rnd, Gen.shape(rnd, 0, 4), -2, 2, 0.01, -0.4)))
                        .build((o, in) -> o.clampMax(in.get(0), -0.4))
                        .reference(in -> Ref.unary(in.get(0), x -> Math.min(x, -0.4)))
                        .differentiable(0)
                        .error("NaN bound", o -> o.clampMax(o.constant(Gen.zeros(2)), Double.NaN),
                                "^clamp_max: hi must be a number, got NaN$"));
    }

    /** mask, a, b broadcast together; the mask is 0/1 (f64, so the F32 run casts it too). */
    private static OpSpec where() {
        return OpSpec.of("where", Where.class)
                .inputs(rnd -> {
                    Shape out = Gen.shape(rnd, 0, 4);
                    return List.of(Gen.discrete(rnd, Gen.broadcastableFrom(rnd, out), 0, 1),
                            Gen.uniform(rnd, Gen.broadcastableFrom(rnd, out), -2, 2),
                            Gen.uniform(rnd, Gen.broadcastableFrom(rnd, out), -2, 2));
                })
                .build((o, in) -> o.where(in.get(0), in.get(1), in.get(2)))
                .reference(in -> ShapeRefs.where(in.get(0), in.get(1), in.get(2)))
                .differentiable(1, 2)
                .error("branch dtypes differ",
                        o -> o.where(o.constant(Gen.zeros(2)), o.constant(Gen.zeros(2)),
                                o.constant(Tensor.zeros(DType.F32, Shape.of(2)))),
                        "where '.*': branches must have one dtype: input 1 is f64\\[2\\], input 2 is f32\\[2\\]")
                .error("branch shapes",
                        o -> o.where(o.constant(Gen.zeros(2)), o.constant(Gen.zeros(3)), o.constant(Gen.zeros(2))),
                        "where '.*': branch shapes \\[3\\] and \\[2\\] cannot be broadcast")
                .error("mask shape",
                        o -> o.where(o.constant(Gen.zeros(4)), o.constant(Gen.zeros(3)),
                                o.constant(Gen.zeros(2, 1, 3))),
                        "where '.*': mask shape \\[4\\] cannot be broadcast with branch shapes \\[3\\] and"
                                + " \\[2, 1, 3\\]");
    }

    /**
     * cast: float there and back (F32 -> F64 -> F32 in the F32 run, whose output must stay F32;
     * identity in F64, where gradient checking happens), and i32 to f32 (no gradient).
     */
    private static List<OpSpec> casts() {
        return List.of(
                OpSpec.of("cast", Cast.class)
                        .inputs(uniform(-3, 3).andThen(List::of))
                        .build((o, in) -> o.cast(o.cast(in.get(0), DType.F64), in.get(0).dtype()))
                        .reference(in -> in.get(0))
                        .differentiable(0)
                        .error("float to int", o -> o.cast(o.constant(Gen.zeros(2)), DType.I32),
                                "cast '.*': cannot cast f64\\[2\\] to i32 \\(float to int is not supported\\)"),
                OpSpec.of("cast(i32)", Cast.class)
                        .inputs(rnd -> List.of(ShapeRefs.indices(rnd, Gen.shape(rnd, 0, 3), 1000)))
                        .build((o, in) -> o.cast(in.get(0), DType.F32))
                        .reference(in -> in.get(0).cast(DType.F64))
                        .noGradient());
    }
}
