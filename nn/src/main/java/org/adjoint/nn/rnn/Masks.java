package org.adjoint.nn.rnn;

import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;

/** Masks [batch, time] for sequences of different lengths padded to one length (1 = step, 0 = padding). */
public final class Masks {

    private Masks() {
    }

    /**
     * Ones at steps {@code [0, lengths[i])} of row i, zeros after.
     *
     * @throws IllegalArgumentException if a length is outside [0, time]
     */
    public static Tensor fromLengths(int[] lengths, int time, DType dtype) {
        if (time < 1) {
            throw new IllegalArgumentException("masks: time must be >= 1, got " + time);
        }
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("masks: dtype must be f32 or f64, got " + dtype);
        }
        Tensor m = Tensor.zeros(dtype, Shape.of(lengths.length, time));
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] < 0 || lengths[i] > time) {
                throw new IllegalArgumentException("masks: length " + lengths[i] + " of row " + i + " is outside [0, "
                        + time + "]");
            }
            for (int t = 0; t < lengths[i]; t++) {
                m.setDouble(i * time + t, 1.0);
            }
        }
        return m;
    }

    /** Ones where the I32 indices [batch, time] differ from {@code padIndex}. */
    public static Tensor fromPadded(Tensor indices, int padIndex, DType dtype) {
        if (indices.dtype() != DType.I32 || indices.shape().rank() != 2) {
            throw new IllegalArgumentException("masks: indices must be i32 [batch, time], got " + indices.type());
        }
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("masks: dtype must be f32 or f64, got " + dtype);
        }
        Tensor m = Tensor.zeros(dtype, indices.shape());
        int[] ix = indices.ints();
        for (int i = 0; i < ix.length; i++) {
            m.setDouble(i, ix[i] != padIndex ? 1.0 : 0.0);
        }
        return m;
    }

    /** The number of real steps of each row of a mask [batch, time] (its ones must come first). */
    public static int[] lengths(Tensor mask) {
        if (mask.shape().rank() != 2) {
            throw new IllegalArgumentException("masks: mask must be [batch, time], got " + mask.type());
        }
        int rows = mask.shape().dim(0);
        int time = mask.shape().dim(1);
        int[] out = new int[rows];
        for (int i = 0; i < rows; i++) {
            int n = 0;
            while (n < time && mask.getDouble(i * time + n) != 0) {
                n++;
            }
            out[i] = n;
        }
        return out;
    }
}
