package org.adjoint.proptest;

import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;

/**
 * The generic properties every registered op must satisfy, each run over all specs of
 * {@link AllSpecs}. The checks themselves live in {@link OpCheck}.
 */
class OpSpecProperties {

    private static final List<OpSpec> SPECS = AllSpecs.all();

    @OpProperty
    void forwardMatchesReference(@ForAll long seed) {
        SpecRunner.forAll(SPECS, seed, OpCheck::forward);
    }

    @OpProperty
    void forwardIgnoresItsOutputBufferAndKeepsItsInputs(@ForAll long seed) {
        SpecRunner.forAll(SPECS, seed, OpCheck::forwardContract);
    }

    @OpProperty
    void f32ForwardStaysCloseToF64(@ForAll long seed) {
        SpecRunner.forAll(SPECS, seed, OpCheck::f32);
    }

    @OpProperty
    void repeatedRunsGiveIdenticalBits(@ForAll long seed) {
        SpecRunner.forAll(SPECS, seed, OpCheck::repeatable);
    }

    @OpProperty
    void unknownDimensionsGiveTheSameResults(@ForAll long seed) {
        SpecRunner.forAll(SPECS, seed, OpCheck::unknownDims);
    }

    @OpProperty
    void gradientsHaveTheInputsTypes(@ForAll long seed) {
        SpecRunner.forAll(SPECS, seed, OpCheck::gradientTypes);
    }

    @OpProperty
    void zeroCotangentGivesZeroGradients(@ForAll long seed) {
        SpecRunner.forAll(SPECS, seed, OpCheck::zeroCotangent);
    }

    @OpProperty
    void inputsWithoutGradientGetNoContribution(@ForAll long seed) {
        SpecRunner.forAll(SPECS, seed, OpCheck::noGradient);
    }

    @OpProperty
    void vjpMatchesFiniteDifferences(@ForAll long seed) {
        SpecRunner.forAll(SPECS, seed, OpCheck::firstOrder);
    }

    @OpProperty
    void hessianVectorProductMatchesFiniteDifferences(@ForAll long seed) {
        SpecRunner.forAll(SPECS, seed, OpCheck::secondOrder);
    }

    @OpProperty
    void extremeInputsStayFinite(@ForAll long seed) {
        SpecRunner.forAll(SPECS, seed, OpCheck::extremes);
    }

    @Example
    void errorCasesThrowWithTheirMessages() {
        SpecRunner.forAll(SPECS, 0, (spec, seed) -> OpCheck.errors(spec));
    }
}
