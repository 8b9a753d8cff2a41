package org.adjoint.proptest;

import java.util.List;

/** Specs of this op family. */
final class NetworkSpecs implements SpecProvider {

    @Override
    public List<OpSpec> specs() {
        return List.of();
    }
}
