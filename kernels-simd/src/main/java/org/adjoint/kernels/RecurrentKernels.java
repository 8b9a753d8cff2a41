package org.adjoint.kernels;

/**
 * Fused kernels of recurrent cells: the gates, products and sums of one step (and their
 * gradients) in one pass over the rows, instead of a dozen elementwise passes. Callers validate;
 * implementations only {@code assert}. Output arguments last; only {@code out} is modified.
 */
public interface RecurrentKernels {

    /**
     * One {@link LstmPart} of an LSTM step for {@code rows} rows of {@code units} units:
     * {@code p}, {@code q} [rows, 4·units] (z = p + q), {@code c} [rows, units], {@code d}
     * [rows, units] for gradient parts (null otherwise), {@code out} [rows, units] or
     * [rows, 4·units] ({@link LstmPart#isWide}). Modifies {@code out}.
     */
    void lstm(LstmPart part, float[] p, float[] q, float[] c, float[] d, float[] out, int rows, int units);

    /** Double-precision twin. */
    void lstm(LstmPart part, double[] p, double[] q, double[] c, double[] d, double[] out, int rows, int units);
}
