package org.adjoint.spark;

import java.io.Serializable;
import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;

/** A flat F32 or F64 array that travels between driver and executors (tensors are not serializable). */
final class Values implements Serializable {

    private static final long serialVersionUID = 1L;

    final float[] f32;
    final double[] f64;

    private Values(float[] f32, double[] f64) {
        this.f32 = f32;
        this.f64 = f64;
    }

    /** A copy of a floating tensor's values. */
    static Values copyOf(Tensor t) {
        return switch (t.dtype()) {
            case F32 -> new Values(t.floats().clone(), null);
            case F64 -> new Values(null, t.doubles().clone());
            default -> throw new IllegalArgumentException("expected an f32 or f64 tensor, got " + t.type());
        };
    }

    /** The tensor's own array, not copied (for tensors a run returned as copies). */
    static Values wrap(Tensor t) {
        return switch (t.dtype()) {
            case F32 -> new Values(t.floats(), null);
            case F64 -> new Values(null, t.doubles());
            default -> throw new IllegalArgumentException("expected an f32 or f64 tensor, got " + t.type());
        };
    }

    /** Wraps {@code a} (not copied). */
    static Values of(float[] a) {
        return new Values(a, null);
    }

    /** Wraps {@code a} (not copied). */
    static Values of(double[] a) {
        return new Values(null, a);
    }

    static Values zeros(DType dtype, int n) {
        return dtype == DType.F64 ? new Values(null, new double[n]) : new Values(new float[n], null);
    }

    DType dtype() {
        return f32 != null ? DType.F32 : DType.F64;
    }

    int length() {
        return f32 != null ? f32.length : f64.length;
    }

    double get(int i) {
        return f32 != null ? f32[i] : f64[i];
    }

    void set(int i, double v) {
        if (f32 != null) {
            f32[i] = (float) v;
        } else {
            f64[i] = v;
        }
    }

    /** {@code this += other}, elementwise, in this dtype. */
    void add(Values other) {
        if (f32 != null) {
            float[] a = f32;
            float[] b = other.f32;
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
        } else {
            double[] a = f64;
            double[] b = other.f64;
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
        }
    }

    /** {@code this /= d}, elementwise (a division, not a multiplication by 1/d). */
    void divide(double d) {
        if (f32 != null) {
            float fd = (float) d;
            for (int i = 0; i < f32.length; i++) {
                f32[i] /= fd;
            }
        } else {
            for (int i = 0; i < f64.length; i++) {
                f64[i] /= d;
            }
        }
    }

    /** The index of the first NaN or infinity, or -1. */
    int firstNonFinite() {
        int n = length();
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** A tensor of {@code shape} wrapping this array (not copied). */
    Tensor tensor(Shape shape) {
        return f32 != null ? Tensor.of(f32, shape.dims()) : Tensor.of(f64, shape.dims());
    }

    /** Copies into {@code t} (same dtype and size). */
    void copyInto(Tensor t) {
        if (t.dtype() != dtype() || t.size() != length()) {
            throw new IllegalArgumentException("cannot copy " + dtype().name().toLowerCase(java.util.Locale.ROOT) + "["
                    + length() + "] into " + t.type());
        }
        if (f32 != null) {
            System.arraycopy(f32, 0, t.floats(), 0, f32.length);
        } else {
            System.arraycopy(f64, 0, t.doubles(), 0, f64.length);
        }
    }
}
