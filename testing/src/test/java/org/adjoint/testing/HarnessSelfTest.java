package org.adjoint.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.adjoint.ops.elementwise.Sub;
import org.adjoint.testing.FaultyCube.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The checks catch what they claim to: each deliberately broken op (or spec) fails exactly the
 * check that looks at its fault, while the correct op passes every check. Runs the same
 * {@link OpCheck} methods as the properties, on several seeds.
 */
class HarnessSelfTest {

    private static final long[] SEEDS = {1, 2, 3, 42, -7};

    private static void fails(String expectedCheck, Executable check) {
        fails(expectedCheck, "org.adjoint.testing.FaultyCube.spec(FaultyCube.java:", check);
    }

    private static void fails(String expectedCheck, String declaredAt, Executable check) {
        AssertionError e = assertThrows(AssertionError.class, check);
        assertTrue(e.getMessage().startsWith("[" + expectedCheck + "] spec 'faulty_cube("), e.getMessage());
        assertTrue(e.getMessage().contains("replay: OpCheck." + expectedCheck + "(spec, "), e.getMessage());
        // the replay hint points at the spec's own declaration, wherever it lives
        assertTrue(e.getMessage().contains("L) with spec 'faulty_cube(") && e.getMessage().contains(
                "' declared at " + declaredAt), e.getMessage());
    }

    @Test
    void aCorrectOpPassesEveryCheck() {
        for (long seed : SEEDS) {
            OpCheck.all(FaultyCube.spec(Fault.NONE), seed);
        }
    }

    @Test
    void aWrongForwardFailsTheForwardCheck() {
        OpSpec spec = FaultyCube.spec(Fault.FORWARD);
        for (long seed : SEEDS) {
            fails("forward", () -> OpCheck.forward(spec, seed));
        }
    }

    @Test
    void readingTheOutputBufferOrWritingAnInputFailsTheForwardContract() {
        for (Fault f : new Fault[] {Fault.ACCUMULATES, Fault.WRITES_INPUT}) {
            OpSpec spec = FaultyCube.spec(f);
            for (long seed : SEEDS) {
                fails("forwardContract", () -> OpCheck.forwardContract(spec, seed));
            }
        }
    }

    @Test
    void aScaledGradientFailsTheFirstOrderCheck() {
        OpSpec spec = FaultyCube.spec(Fault.BACKWARD_SCALE);
        for (long seed : SEEDS) {
            fails("firstOrder", () -> OpCheck.firstOrder(spec, seed));
        }
    }

    @Test
    void aWrongSecondDerivativeFailsOnlyTheSecondOrderCheck() {
        OpSpec spec = FaultyCube.spec(Fault.SECOND_ORDER);
        for (long seed : SEEDS) {
            OpCheck.firstOrder(spec, seed);
            fails("secondOrder", () -> OpCheck.secondOrder(spec, seed));
        }
    }

    @Test
    void aGradientForAZeroCotangentFailsTheZeroCheck() {
        OpSpec spec = FaultyCube.spec(Fault.ZERO_SEED);
        for (long seed : SEEDS) {
            OpCheck.firstOrder(spec, seed);
            fails("zeroCotangent", () -> OpCheck.zeroCotangent(spec, seed));
        }
    }

    @Test
    void aNondeterministicForwardFailsTheRepeatCheck() {
        OpSpec spec = FaultyCube.spec(Fault.NONDETERMINISTIC);
        for (long seed : SEEDS) {
            fails("repeatable", () -> OpCheck.repeatable(spec, seed));
        }
    }

    @Test
    void anF32DriftFailsTheF32Check() {
        OpSpec spec = FaultyCube.spec(Fault.F32_DRIFT);
        for (long seed : SEEDS) {
            OpCheck.forward(spec, seed);
            fails("f32", () -> OpCheck.f32(spec, seed));
        }
    }

    @Test
    void aGradientThatDependsOnStaticShapesFailsTheUnknownDimsCheck() {
        OpSpec spec = FaultyCube.spec(Fault.UNKNOWN_SHAPE);
        for (long seed : SEEDS) {
            OpCheck.firstOrder(spec, seed);
            fails("unknownDims", () -> OpCheck.unknownDims(spec, seed));
        }
    }

    @Test
    void aMisshapenGradientFailsTheTypeCheck() {
        OpSpec spec = FaultyCube.spec(Fault.GRADIENT_SHAPE);
        // the engine itself rejects the rule's [n, 1] gradient, naming the op
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OpCheck.gradientTypes(spec, 3));
        assertTrue(e.getMessage().contains("gradient rule of faulty_cube"), e.getMessage());
    }

    @Test
    void anUnstableForwardFailsTheExtremesCheck() {
        OpSpec spec = FaultyCube.spec(Fault.UNSTABLE);
        for (long seed : SEEDS) {
            OpCheck.forward(spec, seed);
            fails("extremes", () -> OpCheck.extremes(spec, seed));
        }
    }

    @Test
    void aGradientThroughAnInputDeclaredWithoutOneFailsTheNoGradientCheck() {
        OpSpec spec = FaultyCube.spec(Fault.NONE).noGradient();
        fails("noGradient", () -> OpCheck.noGradient(spec, 1));
    }

    @Test
    void aSpecBuildingAnotherOpFailsTheForwardCheck() {
        OpSpec spec = OpSpec.of("faulty_cube(mislabelled)", Sub.class)
                .inputs(rnd -> List.of(Gen.uniform(rnd, org.adjoint.graph.Shape.of(3), -1, 1)))
                .build((o, in) -> o.apply(new FaultyCube(Fault.NONE), in.get(0)))
                .reference(in -> Ref.unary(in.get(0), x -> x * x * x));
        fails("forward", "org.adjoint.testing.HarnessSelfTest.aSpecBuildingAnotherOpFailsTheForwardCheck("
                + "HarnessSelfTest.java:", () -> OpCheck.forward(spec, 1));
    }

    @Test
    void errorCasesMustThrowWithTheirMessage() {
        OpSpec wrongPattern = FaultyCube.spec(Fault.NONE)
                .error("pattern that does not match", o -> o.add(o.constant(Gen.zeros(2)), o.constant(Gen.zeros(3))),
                        "this text is not in the message");
        AssertionError e = assertThrows(AssertionError.class, () -> OpCheck.errors(wrongPattern));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());

        OpSpec noThrow = FaultyCube.spec(Fault.NONE)
                .error("valid build", o -> o.add(o.constant(Gen.zeros(2)), o.constant(Gen.zeros(2))), "anything");
        e = assertThrows(AssertionError.class, () -> OpCheck.errors(noThrow));
        assertTrue(e.getMessage().contains("no exception"), e.getMessage());
    }

    @Test
    void theSpecRunnerReportsEveryFailingSpec() {
        List<OpSpec> specs = List.of(FaultyCube.spec(Fault.NONE), FaultyCube.spec(Fault.BACKWARD_SCALE),
                FaultyCube.spec(Fault.FORWARD));
        AssertionError e = assertThrows(AssertionError.class, () -> SpecRunner.forAll(specs, 5, OpCheck::forward));
        assertTrue(e.getMessage().startsWith("1 of 3 specs failed:"), e.getMessage());
        assertTrue(e.getMessage().contains("spec 'faulty_cube(forward)'"), e.getMessage());
        List<OpSpec> twoBad = List.of(FaultyCube.spec(Fault.BACKWARD_SCALE), FaultyCube.spec(Fault.NONE),
                FaultyCube.spec(Fault.SECOND_ORDER));
        e = assertThrows(AssertionError.class, () -> SpecRunner.forAll(twoBad, 5, OpCheck::all));
        assertTrue(e.getMessage().startsWith("2 of 3 specs failed:"), e.getMessage());
        assertTrue(e.getMessage().contains("[firstOrder] spec 'faulty_cube(backward_scale)'"), e.getMessage());
        assertTrue(e.getMessage().contains("[secondOrder] spec 'faulty_cube(second_order)'"), e.getMessage());
    }
}
