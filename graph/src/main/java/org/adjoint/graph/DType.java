package org.adjoint.graph;

/**
 * Element types. F32 trains, F64 checks gradients; I32 holds labels, indices and integer masks;
 * I64 holds labels and indices as other tools write them (numpy's and PyTorch's default integer).
 *
 * <p>NOTE: there is no BOOL. Comparisons return 1/0 in their operands' dtype so that a mask
 * composes with arithmetic without casts ({@code x * (x > 0)}, {@code mean(equal(pred, labels))}),
 * {@code where} takes a mask of any dtype (non-zero selects), and an i32 mask already serves every
 * op that would take a bool; a BOOL dtype would be one more type every op must accept or reject,
 * with no op that needs it. Integer arithmetic is not provided either: integers are indices,
 * labels and masks (cast to a float to compute with them).
 */
public enum DType {
    F32("f32", 4),
    F64("f64", 8),
    I32("i32", 4),
    I64("i64", 8);

    private final String label;
    private final int bytes;

    DType(String label, int bytes) {
        this.label = label;
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Whether this type is F32 or F64 (differentiable). */
    public boolean isFloating() {
        return this == F32 || this == F64;
    }

    /** Whether this type is I32 or I64 (indices, labels, masks of integer comparisons). */
    public boolean isInteger() {
        return this == I32 || this == I64;
    }

    @Override
    public String toString() {
        return label;
    }
}
