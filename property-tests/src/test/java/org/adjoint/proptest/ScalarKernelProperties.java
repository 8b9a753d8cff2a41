package org.adjoint.proptest;

import java.util.List;
import org.adjoint.testing.OpSpec;
import org.adjoint.testing.OpSpecSuite;

/**
 * The forward-pass checks run again on the scalar twins, by the {@code scalar-kernels} surefire
 * execution only (JVM flag {@code -Dadjoint.kernels=scalar}; the default execution excludes this
 * class). Both providers are checked against the same plain-loop references, so SIMD and scalar
 * agree through them.
 */
class ScalarKernelProperties extends OpSpecSuite {

    @Override
    protected List<OpSpec> specs() {
        return AllSpecs.all();
    }

    @Override
    protected List<String> checks() {
        return List.of("forward", "forwardContract", "f32", "extremes");
    }
}
