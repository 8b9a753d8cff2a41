package org.adjoint.graph;

import java.util.Arrays;

/**
 * A dense, contiguous, row-major array with a concrete shape. Exactly one of the backing arrays
 * is non-null, according to the dtype; its length equals the shape's size. Tensors are mutable
 * (optimizers update variables in place); the executor never hands out its internal buffers.
 */
public final class Tensor {

    private final DType dtype;
    private final Shape shape;
    private final float[] f32;
    private final double[] f64;
    private final int[] i32;
    private final long[] i64;

    private Tensor(DType dtype, Shape shape, float[] f32, double[] f64, int[] i32, long[] i64) {
        if (!shape.isKnown()) {
            throw new IllegalArgumentException("a tensor needs a fully known shape, got " + shape);
        }
        int length = f32 != null ? f32.length : f64 != null ? f64.length : i32 != null ? i32.length : i64.length;
        if (length != shape.size()) {
            throw new IllegalArgumentException("tensor of shape " + shape + " needs " + shape.size()
                    + " elements, got " + length);
        }
        this.dtype = dtype;
        this.shape = shape;
        this.f32 = f32;
        this.f64 = f64;
        this.i32 = i32;
        this.i64 = i64;
    }

    /** An F32 tensor wrapping {@code data} (not copied). */
    public static Tensor of(float[] data, int... dims) {
        return new Tensor(DType.F32, Shape.of(dims), data, null, null, null);
    }

    /** An F64 tensor wrapping {@code data} (not copied). */
    public static Tensor of(double[] data, int... dims) {
        return new Tensor(DType.F64, Shape.of(dims), null, data, null, null);
    }

    /** An I32 tensor wrapping {@code data} (not copied). */
    public static Tensor of(int[] data, int... dims) {
        return new Tensor(DType.I32, Shape.of(dims), null, null, data, null);
    }

    /** An I64 tensor wrapping {@code data} (not copied). */
    public static Tensor of(long[] data, int... dims) {
        return new Tensor(DType.I64, Shape.of(dims), null, null, null, data);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(DType dtype, Shape shape) {
        int n = shape.size();
        if (n < 0) {
            throw new IllegalArgumentException("a tensor needs a fully known shape, got " + shape);
        }
        switch (dtype) {
            case F32: return new Tensor(dtype, shape, new float[n], null, null, null);
            case F64: return new Tensor(dtype, shape, null, new double[n], null, null);
            case I64: return new Tensor(dtype, shape, null, null, null, new long[n]);
            default: return new Tensor(dtype, shape, null, null, new int[n], null);
        }
    }

    public static Tensor zeros(TensorType type) {
        return zeros(type.dtype(), type.shape());
    }

    /** A rank-0 tensor holding {@code value}, converted to {@code dtype}. */
    public static Tensor scalar(DType dtype, double value) {
        Tensor t = zeros(dtype, Shape.scalar());
        t.setDouble(0, value);
        return t;
    }

    /** A tensor of the given type filled with {@code value}. */
    public static Tensor full(DType dtype, Shape shape, double value) {
        Tensor t = zeros(dtype, shape);
        t.fill(value);
        return t;
    }

    public DType dtype() {
        return dtype;
    }

    public Shape shape() {
        return shape;
    }

    public TensorType type() {
        return new TensorType(dtype, shape);
    }

    /** Number of elements. */
    public int size() {
        return shape.size();
    }

    /** The F32 backing array (not a copy). */
    public float[] floats() {
        requireDType(DType.F32);
        return f32;
    }

    /** The F64 backing array (not a copy). */
    public double[] doubles() {
        requireDType(DType.F64);
        return f64;
    }

    /** The I32 backing array (not a copy). */
    public int[] ints() {
        requireDType(DType.I32);
        return i32;
    }

    /** The I64 backing array (not a copy). */
    public long[] longs() {
        requireDType(DType.I64);
        return i64;
    }

    /** The backing array, whatever the dtype: a float[], double[], int[] or long[] (not a copy). */
    public Object array() {
        switch (dtype) {
            case F32: return f32;
            case F64: return f64;
            case I64: return i64;
            default: return i32;
        }
    }

    private void requireDType(DType expected) {
        if (dtype != expected) {
            throw new IllegalStateException("tensor is " + dtype + shape + ", not " + expected);
        }
    }

    /** Element at flat (row-major) index {@code i}, as a double (I64 beyond 2^53 rounds). */
    public double getDouble(int i) {
        switch (dtype) {
            case F32: return f32[i];
            case F64: return f64[i];
            case I64: return i64[i];
            default: return i32[i];
        }
    }

    /** Element at flat index {@code i} of an integer tensor, exactly. */
    public long getLong(int i) {
        switch (dtype) {
            case I32: return i32[i];
            case I64: return i64[i];
            default: throw new IllegalStateException("tensor is " + dtype + shape + ", not an integer tensor");
        }
    }

    /** Sets the element at flat index {@code i} (rounded to the dtype; integers truncate toward zero). */
    public void setDouble(int i, double v) {
        switch (dtype) {
            case F32: f32[i] = (float) v; break;
            case F64: f64[i] = v; break;
            case I64: i64[i] = (long) v; break;
            default: i32[i] = (int) v;
        }
    }

    /** Element at the given multi-index. */
    public double get(int... index) {
        return getDouble(flatIndex(index));
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.rank()) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has rank " + index.length
                    + ", tensor has shape " + shape);
        }
        int flat = 0;
        for (int d = 0; d < index.length; d++) {
            if (index[d] < 0 || index[d] >= shape.dim(d)) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " out of bounds for shape "
                        + shape);
            }
            flat = flat * shape.dim(d) + index[d];
        }
        return flat;
    }

    /** The single value of a one-element tensor. */
    public double item() {
        if (size() != 1) {
            throw new IllegalStateException("item() needs a one-element tensor, got shape " + shape);
        }
        return getDouble(0);
    }

    /** Sets every element to {@code v}. */
    public void fill(double v) {
        switch (dtype) {
            case F32: Arrays.fill(f32, (float) v); break;
            case F64: Arrays.fill(f64, v); break;
            case I64: Arrays.fill(i64, (long) v); break;
            default: Arrays.fill(i32, (int) v);
        }
    }

    /** All elements widened to double. */
    public double[] toDoubleArray() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }

    /** A copy converted to {@code target} (a plain copy if the dtype is the same). */
    public Tensor cast(DType target) {
        Tensor out = zeros(target, shape);
        if (target == dtype) {
            out.copyFrom(this);
            return out;
        }
        if (dtype.isInteger() && target.isInteger()) {
            for (int i = 0; i < size(); i++) {
                long v = getLong(i);
                if (target == DType.I32 && (int) v != v) {
                    throw new IllegalArgumentException("cannot cast " + type() + " to i32: element " + i + " is " + v);
                }
                if (target == DType.I32) {
                    out.i32[i] = (int) v;
                } else {
                    out.i64[i] = v;
                }
            }
            return out;
        }
        for (int i = 0; i < size(); i++) {
            out.setDouble(i, getDouble(i));
        }
        return out;
    }

    /** A deep copy. */
    public Tensor copy() {
        return cast(dtype);
    }

    /** The same data viewed with another shape of equal size (shares the array). */
    public Tensor reshape(Shape newShape) {
        return new Tensor(dtype, newShape, f32, f64, i32, i64);
    }

    /** Copies {@code src}'s elements into this tensor (same dtype and size). */
    public void copyFrom(Tensor src) {
        if (src.dtype != dtype || src.size() != size()) {
            throw new IllegalArgumentException("cannot copy " + src.type() + " into " + type());
        }
        System.arraycopy(src.array(), 0, array(), 0, size());
    }

    /** Whether dtype, shape and every element's bits are equal. */
    public boolean bitwiseEquals(Tensor o) {
        return dtype == o.dtype && shape.equals(o.shape) && Arrays.equals(f32, o.f32) && Arrays.equals(f64, o.f64)
                && Arrays.equals(i32, o.i32) && Arrays.equals(i64, o.i64);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(dtype.toString()).append(shape).append(' ');
        int n = Math.min(size(), 8);
        sb.append('{');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(dtype.isInteger() ? Long.toString(getLong(i)) : Double.toString(getDouble(i)));
        }
        if (size() > n) {
            sb.append(", ...");
        }
        return sb.append('}').toString();
    }
}
