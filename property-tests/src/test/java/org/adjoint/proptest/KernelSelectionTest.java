package org.adjoint.proptest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.adjoint.kernels.KernelProvider;
import org.junit.jupiter.api.Test;

/**
 * The run checks the kernels it meant to: each surefire execution names the provider it expects
 * ({@code adjoint.kernels.expected}), so a SIMD run that silently fell back to scalar fails.
 */
class KernelSelectionTest {

    @Test
    void theExpectedKernelsAreSelected() {
        String expected = System.getProperty("adjoint.kernels.expected", KernelProvider.get().name());
        assertEquals(expected, KernelProvider.get().name(), "kernel provider of this test run");
    }
}
