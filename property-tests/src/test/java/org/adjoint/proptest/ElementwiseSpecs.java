package org.adjoint.proptest;

import java.util.List;

/** Specs of this op family. */
final class ElementwiseSpecs implements SpecProvider {

    @Override
    public List<OpSpec> specs() {
        return List.of();
    }
}
