package org.adjoint.proptest;

import java.util.List;
import org.adjoint.testing.OpSpec;
import org.adjoint.testing.OpSpecSuite;

/**
 * Every check of the gradient-check kit on every spec of {@link AllSpecs}: one container per
 * spec, one test per check, {@code adjoint.tries} seeds each (50 in this build, 500 with
 * {@code -Pdeep}).
 */
class OpSpecProperties extends OpSpecSuite {

    @Override
    protected List<OpSpec> specs() {
        return AllSpecs.all();
    }
}
