package org.adjoint.graph;

/** Element types. F32 trains, F64 checks gradients; I32 holds labels and indices. */
public enum DType {
    F32("f32", 4),
    F64("f64", 8),
    I32("i32", 4);

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
        return this != I32;
    }

    @Override
    public String toString() {
        return label;
    }
}
