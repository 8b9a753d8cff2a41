package org.adjoint.bench;

import org.adjoint.kernels.KernelProvider;

/** Prints {@code Kernels.describe()} of the selected kernels: the bench scripts' header. */
public final class Describe {

    private Describe() {
    }

    public static void main(String[] args) {
        System.out.println(KernelProvider.get().describe());
    }
}
