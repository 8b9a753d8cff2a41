package org.adjoint.bench;

import org.adjoint.kernels.KernelProvider;
import org.adjoint.kernels.Kernels;

/** Resolves the {@code impl} benchmark parameter to a kernel set, refusing to measure the wrong one. */
final class BenchKernels {

    private BenchKernels() {
    }

    /**
     * {@code "scalar"}: the scalar twins; {@code "panama"}: the provider's choice, which must be
     * the Vector API kernels (run the fork with {@code --add-modules jdk.incubator.vector}).
     */
    static Kernels of(String impl) {
        if (impl.equals("scalar")) {
            return KernelProvider.scalar();
        }
        Kernels k = KernelProvider.get();
        if (!k.name().equals(impl)) {
            throw new IllegalStateException("benchmark asked for " + impl + " kernels but the provider chose "
                    + k.name() + "; add --add-modules=jdk.incubator.vector to the forked JVM");
        }
        return k;
    }
}
