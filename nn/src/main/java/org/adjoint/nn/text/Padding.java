package org.adjoint.nn.text;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Tensor;

/**
 * Sequences of different lengths as one batch: indices [batch, length] filled with a padding
 * index after each sequence's end, the mask [batch, length] (1 = token, 0 = padding) and the
 * lengths. Longer sequences are cut at {@code length}.
 *
 * @param indices I32 [batch, length]
 * @param mask F32 [batch, length]
 * @param lengths the kept length of each sequence
 */
public record Padding(Tensor indices, Tensor mask, int[] lengths) {

    /**
     * Pads (or cuts) every sequence to {@code length} with {@code padIndex}.
     *
     * @throws IllegalArgumentException for no sequences, a length below 1, or an empty sequence
     */
    public static Padding of(List<int[]> sequences, int length, int padIndex) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("padding: no sequences");
        }
        if (length < 1) {
            throw new IllegalArgumentException("padding: length must be >= 1, got length=" + length);
        }
        int n = sequences.size();
        int[] ix = new int[n * length];
        float[] m = new float[n * length];
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            int[] s = sequences.get(i);
            if (s.length == 0) {
                throw new IllegalArgumentException("padding: sequence " + i + " is empty");
            }
            int len = Math.min(length, s.length);
            lengths[i] = len;
            for (int t = 0; t < length; t++) {
                ix[i * length + t] = t < len ? s[t] : padIndex;
                m[i * length + t] = t < len ? 1f : 0f;
            }
        }
        return new Padding(Tensor.of(ix, n, length), Tensor.of(m, n, length), lengths);
    }

    /** The longest sequence's length. */
    public static int maxLength(List<int[]> sequences) {
        int max = 0;
        for (int[] s : sequences) {
            max = Math.max(max, s.length);
        }
        return max;
    }

    /** The mask in another dtype (F64 for gradient checks). */
    public Tensor mask(DType dtype) {
        return mask.dtype() == dtype ? mask : mask.cast(dtype);
    }

    /** The batch size. */
    public int size() {
        return lengths.length;
    }
}
