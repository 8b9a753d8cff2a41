package org.adjoint.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The provider picks what {@code -Dadjoint.kernels} asks for. Maven runs this suite once with
 * {@code panama} and once with {@code scalar}: if the Vector API kernels silently failed to load,
 * the panama run fails here instead of testing the scalar twins twice.
 */
class ProviderSelectionTest {

    @Test
    void selectedProviderIsTheRequestedOne() {
        String requested = System.getProperty(KernelProvider.PROPERTY);
        Kernels k = KernelProvider.get();
        if (requested != null) {
            assertEquals(requested, k.name(), "-D" + KernelProvider.PROPERTY + "=" + requested
                    + " but the provider chose " + k.name());
        } else {
            assertEquals(KernelProvider.vectorApiAvailable() ? "panama" : "scalar", k.name());
        }
    }

    @Test
    void panamaKernelsAreTheVectorImplementations() {
        Kernels k = new PanamaKernels();
        assertEquals("panama", k.name());
        assertTrue(k.elementwise() instanceof PanamaElementwise);
        assertTrue(k.reductions() instanceof PanamaReductions);
        assertTrue(k.optimizers() instanceof PanamaOptimizers);
    }

    @Test
    void valuesAreTrimmedAndCaseInsensitive() {
        assertSame(ScalarKernels.INSTANCE, KernelProvider.select(" Scalar ", true));
        assertEquals("panama", KernelProvider.select("PANAMA", true).name());
    }

    @Test
    void unsetPicksPanamaWhenAvailableElseScalar() {
        assertEquals("panama", KernelProvider.select(null, true).name());
        assertSame(ScalarKernels.INSTANCE, KernelProvider.select(null, false));
        assertSame(ScalarKernels.INSTANCE, KernelProvider.select("", false));
    }

    @Test
    void unknownValueIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KernelProvider.select("simd", true));
        assertEquals("unknown value for -Dadjoint.kernels: 'simd' (expected scalar or panama)", e.getMessage());
    }

    @Test
    void panamaWithoutTheModuleNamesTheFix() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KernelProvider.select("panama", false));
        assertTrue(e.getMessage().contains("--add-modules jdk.incubator.vector"), e.getMessage());
    }
}
