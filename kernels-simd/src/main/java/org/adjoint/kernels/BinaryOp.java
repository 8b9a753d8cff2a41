package org.adjoint.kernels;

/**
 * Elementwise binary functions {@code out = a op b}. Comparisons produce 1 where true and 0
 * where false, in the operands' type (a mask usable in arithmetic).
 */
public enum BinaryOp {
    ADD { public double apply(double a, double b) { return a + b; } },
    SUB { public double apply(double a, double b) { return a - b; } },
    MUL { public double apply(double a, double b) { return a * b; } },
    DIV { public double apply(double a, double b) { return a / b; } },
    /** a^b as {@link Math#pow}. */
    POW { public double apply(double a, double b) { return Math.pow(a, b); } },
    /** max(a, b); NaN if either is NaN. */
    MAX { public double apply(double a, double b) { return Math.max(a, b); } },
    /** min(a, b); NaN if either is NaN. */
    MIN { public double apply(double a, double b) { return Math.min(a, b); } },
    GT { public double apply(double a, double b) { return a > b ? 1 : 0; } },
    GE { public double apply(double a, double b) { return a >= b ? 1 : 0; } },
    LT { public double apply(double a, double b) { return a < b ? 1 : 0; } },
    LE { public double apply(double a, double b) { return a <= b ? 1 : 0; } },
    EQ { public double apply(double a, double b) { return a == b ? 1 : 0; } },
    NE { public double apply(double a, double b) { return a != b ? 1 : 0; } };

    /** The reference definition in double precision. */
    public abstract double apply(double a, double b);

    /** Whether the result is a 0/1 mask (comparisons). */
    public boolean isComparison() {
        return ordinal() >= GT.ordinal();
    }
}
