package org.adjoint.kernels;

import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one vector width every Vector API kernel of this JVM uses: the CPU's preferred width
 * ({@link VectorShape#preferredShape()}: 256 bits on AVX2, 512 on AVX-512), or the width forced
 * with {@code -Dadjoint.vectorBits=128|256|512} (for tests and comparisons).
 *
 * <p>NOTE: one width per JVM is what keeps the kernels compiled on JDK 17. Methods such as
 * {@code FloatVector.intoArray} and {@code FloatVector.fma} are shared by all species and make
 * virtual calls on {@code this} whose type profile is shared too. Once two float (or double)
 * species have run through them, C2 on JDK 17 sees a polymorphic receiver, cannot prove the vector
 * class constant and does not intrinsify the operation: it runs the API's Java fallback, which
 * boxes every vector (a 256-bit GEMM next to 512-bit elementwise kernels ran 16x slower).
 * JDK 25 does not have the problem. Every kernel therefore takes its species from here; no kernel
 * names a species of its own.
 */
final class VectorWidth {

    /** System property that forces the width in bits. */
    static final String PROPERTY = "adjoint.vectorBits";

    /** The largest width the CPU supports: its preferred shape. */
    static final int MAX_BITS = VectorShape.preferredShape().vectorBitSize();

    /** The width in use. */
    static final int BITS = select(System.getProperty(PROPERTY), MAX_BITS);

    /** Species of every F32 kernel. */
    static final VectorSpecies<Float> F32 = VectorSpecies.of(float.class, VectorShape.forBitSize(BITS));

    /** Species of every F64 kernel. */
    static final VectorSpecies<Double> F64 = VectorSpecies.of(double.class, VectorShape.forBitSize(BITS));

    private VectorWidth() {
    }

    /**
     * The width for a value of {@code -Dadjoint.vectorBits} ({@code null} or blank: the CPU's
     * {@code maxBits}).
     *
     * @throws IllegalArgumentException naming the property and the value when it is not 128, 256
     *     or 512, or is wider than the CPU supports (the Vector API would emulate it in Java)
     */
    static int select(String requested, int maxBits) {
        if (requested == null || requested.isBlank()) {
            return maxBits;
        }
        int bits;
        try {
            bits = Integer.parseInt(requested.trim());
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + requested + ": expected 128, 256 or 512");
        }
        if (bits > maxBits) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + requested + ": this CPU's vectors are at most "
                    + maxBits + " bits wide");
        }
        return bits;
    }

    /** The width in use, in bits; the first call initializes (and validates) the selection. */
    static int bits() {
        return BITS;
    }

    /** For diagnostics: {@code "512-bit (16 x f32, 8 x f64; CPU max 512)"}. */
    static String describe() {
        return BITS + "-bit (" + F32.length() + " x f32, " + F64.length() + " x f64; CPU max " + MAX_BITS
                + (System.getProperty(PROPERTY) == null ? "" : ", forced by -D" + PROPERTY) + ")";
    }
}
