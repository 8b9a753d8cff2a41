package org.adjoint.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.Tensor;
import org.adjoint.ops.Ops;

/**
 * One declaration per op that drives every generic property: how to draw inputs, how to build the
 * op from input nodes, an F64 reference written as plain loops, which inputs are differentiable,
 * tolerances, and the error cases with their expected messages.
 *
 * <p>Input generators receive a seeded {@link SplittableRandom} (derived from the run's seed and
 * the spec's name, so a reported failure replays exactly with {@link OpCheck}) and return F64
 * tensors (i32 or i64 for index inputs). They choose shapes
 * (including broadcasting, ranks 0-4, sizes off the vector width) and keep values away from
 * kinks and poles of the op.
 */
public final class OpSpec {

    /** A build that must fail, and the pattern its message must match ({@code find}, not full match). */
    public record ErrorCase(String description, java.util.function.Consumer<Ops> build, Pattern message) {
    }

    /**
     * One draw: the input tensors plus integer attributes of the op (axes, a permutation, target
     * dims, transpose flags...) drawn together with them; empty when the op has none.
     */
    public record Sample(List<Tensor> inputs, int[] attrs) {

        public Sample {
            inputs = List.copyOf(inputs);
            attrs = attrs.clone();
        }

        /** A draw without attributes. */
        public static Sample of(List<Tensor> inputs) {
            return new Sample(inputs, new int[0]);
        }

        /** A draw with attributes. */
        public static Sample of(List<Tensor> inputs, int... attrs) {
            return new Sample(inputs, attrs);
        }

        @Override
        public int[] attrs() {
            return attrs.clone();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("inputs ");
            for (int i = 0; i < inputs.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(inputs.get(i).type());
            }
            return sb.append(attrs.length == 0 ? "" : ", attrs " + Arrays.toString(attrs)).toString();
        }
    }

    /** Builds the op from input nodes and the drawn attributes. */
    @FunctionalInterface
    public interface BuildWithAttrs {
        Node build(Ops o, List<Node> inputs, int[] attrs);
    }

    /** The F64 reference given the inputs and the drawn attributes. */
    @FunctionalInterface
    public interface ReferenceWithAttrs {
        Tensor apply(List<Tensor> inputs, int[] attrs);
    }

    private final String name;
    private final Class<? extends Op> opClass;
    private final String declaredAt;
    private Function<SplittableRandom, Sample> samples;
    private BuildWithAttrs build;
    private ReferenceWithAttrs reference;
    private Function<SplittableRandom, Sample> extremes;
    private int[] differentiable = new int[0];
    private boolean secondOrder = true;
    private boolean unknownDims = true;
    private double forwardTol = 1e-12;
    private double f32Tol = 1e-5;
    private double gradRtol = 1e-5;
    private double gradAtol = 1e-6;
    private final List<ErrorCase> errors = new ArrayList<>();

    private OpSpec(String name, Class<? extends Op> opClass, String declaredAt) {
        this.name = Objects.requireNonNull(name, "name");
        this.opClass = Objects.requireNonNull(opClass, "opClass");
        this.declaredAt = declaredAt;
    }

    /**
     * Starts a spec for the op class (named as in error messages, e.g. "add"). The spec remembers
     * where it was declared (the caller's class, method and line), so a failure's replay hint
     * points at your own declaration.
     */
    public static OpSpec of(String name, Class<? extends Op> opClass) {
        String site = StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().equals(OpSpec.class.getName()))
                .findFirst()
                .map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber()
                        + ")")
                .orElse("?"));
        return new OpSpec(name, opClass, site);
    }

    /** Where {@link #of} was called: {@code com.example.MyOpTest.swish(MyOpTest.java:42)}. */
    public String declaredAt() {
        return declaredAt;
    }

    /** The line that replays {@code check} of this spec on {@code seed}, naming the declaration. */
    public String replay(String check, long seed) {
        return "OpCheck." + check + "(spec, " + seed + "L) with spec '" + name + "' declared at " + declaredAt;
    }

    /** Draws the input tensors (F64, or I32 for indices). */
    public OpSpec inputs(Function<SplittableRandom, List<Tensor>> gen) {
        this.samples = rnd -> Sample.of(gen.apply(rnd));
        return this;
    }

    /**
     * Draws the inputs together with integer attributes of the op (use with
     * {@link #buildWith} and {@link #referenceWith}), e.g. a random permutation for transpose.
     */
    public OpSpec samples(Function<SplittableRandom, Sample> gen) {
        this.samples = gen;
        return this;
    }

    /** Builds the op under test from placeholders holding the inputs. */
    public OpSpec build(BiFunction<Ops, List<Node>, Node> build) {
        this.build = (o, in, attrs) -> build.apply(o, in);
        return this;
    }

    /** Builds the op under test from placeholders holding the inputs and the drawn attributes. */
    public OpSpec buildWith(BuildWithAttrs build) {
        this.build = build;
        return this;
    }

    /** The F64 reference, plain loops, independent of the kernels. */
    public OpSpec reference(Function<List<Tensor>, Tensor> reference) {
        this.reference = (in, attrs) -> reference.apply(in);
        return this;
    }

    /** The F64 reference given the drawn attributes. */
    public OpSpec referenceWith(ReferenceWithAttrs reference) {
        this.reference = reference;
        return this;
    }

    /**
     * Extreme inputs (e.g. logits of +-30) checked only for stability: the F64 and F32 forward
     * passes and the gradients must be finite, and the F64 forward must match the reference.
     */
    public OpSpec extremes(Function<SplittableRandom, List<Tensor>> gen) {
        this.extremes = rnd -> Sample.of(gen.apply(rnd));
        return this;
    }

    /** Indices of the inputs whose gradients are checked (none: the op has no gradient). */
    public OpSpec differentiable(int... inputs) {
        this.differentiable = inputs.clone();
        return this;
    }

    /**
     * The op has no gradient (comparisons, shape-only ops, stop_gradient): the suite checks that
     * autodiff finds no contribution through it. Same as leaving {@code differentiable} empty,
     * but says so. (A spec that forgets {@code differentiable(...)} fails that check.)
     */
    public OpSpec noGradient() {
        this.differentiable = new int[0];
        return this;
    }

    /**
     * Skip the check that builds the op with every placeholder dimension unknown (-1): for ops
     * that require some dimension to be known when the node is built (document which).
     */
    public OpSpec knownShapesOnly() {
        this.unknownDims = false;
        return this;
    }

    /** Skip the second-order check (document why at the call site). */
    public OpSpec noSecondOrder() {
        this.secondOrder = false;
        return this;
    }

    /** Max |forward - reference| relative to max(1, |reference|) in F64 (default 1e-12). */
    public OpSpec forwardTol(double tol) {
        this.forwardTol = tol;
        return this;
    }

    /** Max |F32 forward - F64 forward| relative to max(1, |F64|) (default 1e-5). */
    public OpSpec f32Tol(double tol) {
        this.f32Tol = tol;
        return this;
    }

    /** Tolerances for the finite-difference checks (defaults rtol 1e-5, atol 1e-6). */
    public OpSpec gradTol(double rtol, double atol) {
        this.gradRtol = rtol;
        this.gradAtol = atol;
        return this;
    }

    /** An input that must be rejected when the node is built, with a message matching {@code regex}. */
    public OpSpec error(String description, java.util.function.Consumer<Ops> build, String regex) {
        errors.add(new ErrorCase(description, build, Pattern.compile(regex)));
        return this;
    }

    public String name() {
        return name;
    }

    public Class<? extends Op> opClass() {
        return opClass;
    }

    public List<Tensor> drawInputs(SplittableRandom rnd) {
        return samples.apply(rnd).inputs();
    }

    public Node buildOn(Ops o, List<Node> in) {
        return build.build(o, in, new int[0]);
    }

    public Tensor reference(List<Tensor> in) {
        return reference.apply(in, new int[0]);
    }

    /** Draws inputs and attributes. */
    public Sample drawSample(SplittableRandom rnd) {
        return samples.apply(rnd);
    }

    /** Draws extreme inputs, or null when the spec declares none. */
    public Sample drawExtreme(SplittableRandom rnd) {
        return extremes == null ? null : extremes.apply(rnd);
    }

    public boolean hasExtremes() {
        return extremes != null;
    }

    public Node buildOn(Ops o, List<Node> in, int[] attrs) {
        return build.build(o, in, attrs);
    }

    public Tensor reference(List<Tensor> in, int[] attrs) {
        return reference.apply(in, attrs);
    }

    public int[] differentiable() {
        return differentiable.clone();
    }

    public boolean secondOrder() {
        return secondOrder;
    }

    /** Whether the op is also checked when built with unknown dimensions. */
    public boolean unknownDims() {
        return unknownDims;
    }

    public double forwardTol() {
        return forwardTol;
    }

    public double f32Tol() {
        return f32Tol;
    }

    public double gradRtol() {
        return gradRtol;
    }

    public double gradAtol() {
        return gradAtol;
    }

    public List<ErrorCase> errors() {
        return List.copyOf(errors);
    }

    /** Throws unless every mandatory part was declared. */
    public OpSpec validate() {
        Objects.requireNonNull(samples, name + ": inputs(...) or samples(...) missing");
        Objects.requireNonNull(build, name + ": build(...) missing");
        Objects.requireNonNull(reference, name + ": reference(...) missing");
        return this;
    }

    @Override
    public String toString() {
        return name + " (" + opClass.getSimpleName() + ", differentiable " + Arrays.toString(differentiable) + ")";
    }
}
