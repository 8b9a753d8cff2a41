package org.adjoint.graph;

import java.util.Arrays;

/**
 * An immutable tensor shape. A dimension of {@link #UNKNOWN} (-1) is not known when the graph is
 * built (typically the batch) and becomes concrete when a plan is compiled for actual feeds.
 * Printed as {@code [?, 2]}.
 */
public final class Shape {

    /** Marks a dimension known only at run time. */
    public static final int UNKNOWN = -1;

    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    /**
     * A shape with the given dimensions; each must be &gt;= 0 or {@link #UNKNOWN}.
     *
     * @throws IllegalArgumentException naming the bad dimension
     */
    public static Shape of(int... dims) {
        if (dims.length == 0) {
            return SCALAR;
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < UNKNOWN) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + ": dimension " + i
                        + " is " + dims[i] + " (must be >= 0, or -1 for unknown)");
            }
        }
        return new Shape(dims.clone());
    }

    /** The rank-0 shape {@code []}. */
    public static Shape scalar() {
        return SCALAR;
    }

    public int rank() {
        return dims.length;
    }

    /** Dimension {@code i}; negative {@code i} counts from the end. */
    public int dim(int i) {
        return dims[i < 0 ? dims.length + i : i];
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** Whether every dimension is known. */
    public boolean isKnown() {
        for (int d : dims) {
            if (d == UNKNOWN) {
                return false;
            }
        }
        return true;
    }

    /** Number of elements, or {@link #UNKNOWN} if some dimension is unknown. */
    public int size() {
        long n = 1;
        for (int d : dims) {
            if (d == UNKNOWN) {
                return UNKNOWN;
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + this + " has " + n + " elements (more than 2^31-1)");
        }
        return (int) n;
    }

    /** Row-major strides (elements). */
    public int[] strides() {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /** Whether {@code other} could be this shape at run time (same rank; known dims equal). */
    public boolean isCompatibleWith(Shape other) {
        if (other.rank() != rank()) {
            return false;
        }
        for (int i = 0; i < dims.length; i++) {
            int a = dims[i];
            int b = other.dims[i];
            if (a != UNKNOWN && b != UNKNOWN && a != b) {
                return false;
            }
        }
        return true;
    }

    /**
     * NumPy broadcasting of two shapes, aligned at the trailing dimension; {@code null} if they
     * are incompatible. Unknown dimensions broadcast optimistically: {@code ? with 1 -> ?},
     * {@code ? with n -> n}; the run-time check catches the rest.
     */
    public static Shape broadcast(Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
            int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
            if (da == db) {
                out[i] = da;
            } else if (da == 1) {
                out[i] = db;
            } else if (db == 1) {
                out[i] = da;
            } else if (da == UNKNOWN) {
                out[i] = db;
            } else if (db == UNKNOWN) {
                out[i] = da;
            } else {
                return null;
            }
        }
        return new Shape(out);
    }

    /** Whether this shape broadcasts to {@code target} (every dim equal, 1, or missing on the left). */
    public boolean broadcastsTo(Shape target) {
        if (rank() > target.rank()) {
            return false;
        }
        int lead = target.rank() - rank();
        for (int i = 0; i < rank(); i++) {
            int d = dims[i];
            int t = target.dims[lead + i];
            if (d != t && d != 1 && d != UNKNOWN && t != UNKNOWN) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(dims[i] == UNKNOWN ? "?" : Integer.toString(dims[i]));
        }
        return sb.append(']').toString();
    }
}
