package org.adjoint.proptest;

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
 * <p>Input generators receive a seeded {@link SplittableRandom} (jqwik supplies the seed, so
 * failures shrink and replay) and return F64 tensors (I32 for index inputs). They choose shapes
 * (including broadcasting, ranks 0-4, sizes off the vector width) and keep values away from
 * kinks and poles of the op.
 */
public final class OpSpec {

    /** A build that must fail, and the pattern its message must match ({@code find}, not full match). */
    public record ErrorCase(String description, java.util.function.Consumer<Ops> build, Pattern message) {
    }

    private final String name;
    private final Class<? extends Op> opClass;
    private Function<SplittableRandom, List<Tensor>> inputs;
    private BiFunction<Ops, List<Node>, Node> build;
    private Function<List<Tensor>, Tensor> reference;
    private int[] differentiable = new int[0];
    private boolean secondOrder = true;
    private double forwardTol = 1e-12;
    private double f32Tol = 1e-5;
    private double gradRtol = 1e-5;
    private double gradAtol = 1e-6;
    private final List<ErrorCase> errors = new ArrayList<>();

    private OpSpec(String name, Class<? extends Op> opClass) {
        this.name = name;
        this.opClass = opClass;
    }

    /** Starts a spec for the op class (named as in error messages, e.g. "add"). */
    public static OpSpec of(String name, Class<? extends Op> opClass) {
        return new OpSpec(name, opClass);
    }

    /** Draws the input tensors (F64, or I32 for indices). */
    public OpSpec inputs(Function<SplittableRandom, List<Tensor>> gen) {
        this.inputs = gen;
        return this;
    }

    /** Builds the op under test from placeholders holding the inputs. */
    public OpSpec build(BiFunction<Ops, List<Node>, Node> build) {
        this.build = build;
        return this;
    }

    /** The F64 reference, plain loops, independent of the kernels. */
    public OpSpec reference(Function<List<Tensor>, Tensor> reference) {
        this.reference = reference;
        return this;
    }

    /** Indices of the inputs whose gradients are checked (none: the op has no gradient). */
    public OpSpec differentiable(int... inputs) {
        this.differentiable = inputs.clone();
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
        return inputs.apply(rnd);
    }

    public Node buildOn(Ops o, List<Node> in) {
        return build.apply(o, in);
    }

    public Tensor reference(List<Tensor> in) {
        return reference.apply(in);
    }

    public int[] differentiable() {
        return differentiable.clone();
    }

    public boolean secondOrder() {
        return secondOrder;
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
        Objects.requireNonNull(inputs, name + ": inputs(...) missing");
        Objects.requireNonNull(build, name + ": build(...) missing");
        Objects.requireNonNull(reference, name + ": reference(...) missing");
        return this;
    }

    @Override
    public String toString() {
        return name + " (" + opClass.getSimpleName() + ", differentiable " + Arrays.toString(differentiable) + ")";
    }
}
