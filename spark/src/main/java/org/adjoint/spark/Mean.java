package org.adjoint.spark;

import java.io.Serializable;
import java.util.List;
import org.adjoint.graph.Tensor;

/**
 * A weighted mean of several tensors' values (running statistics, averaged parameters), kept in
 * double and merged pairwise: {@code (wa·a + wb·b) / (wa + wb)}. A mean of one contribution is its
 * values exactly, so one partition reproduces single-machine training bit for bit.
 */
final class Mean implements Serializable {

    private static final long serialVersionUID = 1L;

    final double[][] values;
    long weight;

    private Mean(double[][] values, long weight) {
        this.values = values;
        this.weight = weight;
    }

    /** The values of {@code tensors} with weight {@code weight} (examples seen). */
    static Mean of(List<Tensor> tensors, long weight) {
        double[][] v = new double[tensors.size()][];
        for (int i = 0; i < v.length; i++) {
            v[i] = tensors.get(i).toDoubleArray();
        }
        return new Mean(v, weight);
    }

    /** Merges {@code other} into this (or returns it if this has no weight). */
    Mean merge(Mean other) {
        if (other == null || other.weight == 0) {
            return this;
        }
        if (weight == 0) {
            return other;
        }
        double wa = weight;
        double wb = other.weight;
        double w = wa + wb;
        for (int t = 0; t < values.length; t++) {
            double[] a = values[t];
            double[] b = other.values[t];
            for (int i = 0; i < a.length; i++) {
                a[i] = (wa * a[i] + wb * b[i]) / w;
            }
        }
        weight += other.weight;
        return this;
    }

    /** Copies the mean into {@code tensors} (rounded to their dtype). */
    void copyInto(List<Tensor> tensors) {
        for (int t = 0; t < values.length; t++) {
            Tensor dst = tensors.get(t);
            double[] v = values[t];
            if (dst.size() != v.length) {
                throw new IllegalStateException("mean of " + v.length + " values for " + dst.type());
            }
            for (int i = 0; i < v.length; i++) {
                dst.setDouble(i, v[i]);
            }
        }
    }

    /** The index of the first tensor holding NaN or infinity, or -1. */
    int firstNonFinite() {
        for (int t = 0; t < values.length; t++) {
            for (double x : values[t]) {
                if (!Double.isFinite(x)) {
                    return t;
                }
            }
        }
        return -1;
    }
}
