package org.adjoint.bench.report;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * The Vector API's preferred species. NOTE: referenced only after checking that
 * {@code jdk.incubator.vector} is readable; loading this class without the module fails.
 */
final class VectorProbe {

    private VectorProbe() {
    }

    static String describe() {
        return "FloatVector.SPECIES_PREFERRED = " + FloatVector.SPECIES_PREFERRED + ", DoubleVector.SPECIES_PREFERRED = "
                + DoubleVector.SPECIES_PREFERRED;
    }

    /** Float lanes of the preferred species. */
    static int floatLanes() {
        return FloatVector.SPECIES_PREFERRED.length();
    }
}
