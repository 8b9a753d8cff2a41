package org.adjoint.proptest;

import java.util.List;
import net.jqwik.api.ForAll;

/**
 * The forward-pass properties run again on the scalar twins, by the {@code scalar-kernels}
 * surefire execution only (JVM flag {@code -Dadjoint.kernels=scalar}; the default execution
 * excludes this class). Both providers are checked against the same plain-loop references, so
 * SIMD and scalar agree through them.
 */
class ScalarKernelProperties {

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
    void extremeInputsStayFinite(@ForAll long seed) {
        SpecRunner.forAll(SPECS, seed, OpCheck::extremes);
    }
}
