package org.adjoint.bench;

import jdk.incubator.vector.FloatVector;
import org.adjoint.kernels.KernelProvider;

/** Prints what a benchmark figure needs beside it: JDK, vector width, kernel provider. */
public final class BenchInfo {

    private BenchInfo() {
    }

    public static void main(String[] args) {
        System.out.println("JDK " + Runtime.version() + " | FloatVector.SPECIES_PREFERRED " + FloatVector.SPECIES_PREFERRED
                + " | kernels " + KernelProvider.get().name() + " | processors "
                + Runtime.getRuntime().availableProcessors());
    }
}
