package org.adjoint.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One training example for a {@code JavaRDD<Example>}: a flat feature row (reshaped to the model's
 * input shape, row-major) and either a class index (for losses on integer labels) or a target
 * vector (regression, binary or dense labels). Features given as {@code double[]} are kept as
 * doubles, so an F64 model sees them exactly.
 */
public final class Example implements Serializable {

    private static final long serialVersionUID = 1L;

    private final float[] f32;
    private final double[] f64;
    private final int label;
    private final double[] target;

    private Example(float[] f32, double[] f64, int label, double[] target) {
        if (f32 == null && f64 == null) {
            throw new IllegalArgumentException("example: features are null");
        }
        this.f32 = f32;
        this.f64 = f64;
        this.label = label;
        this.target = target;
    }

    /** Features and a class index. */
    public static Example of(float[] features, int label) {
        return new Example(features, null, label, null);
    }

    /** Features and a target (one value or several). */
    public static Example of(float[] features, double... target) {
        return new Example(features, null, 0, checkTarget(target));
    }

    /** F64 features and a class index. */
    public static Example of(double[] features, int label) {
        return new Example(null, features, label, null);
    }

    /** F64 features and a target (one value or several). */
    public static Example of(double[] features, double... target) {
        return new Example(null, features, 0, checkTarget(target));
    }

    /** Features without a label (for prediction). */
    public static Example unlabeled(float[] features) {
        return new Example(features, null, 0, new double[0]);
    }

    private static double[] checkTarget(double[] target) {
        if (target == null || target.length == 0) {
            throw new IllegalArgumentException("example: a target needs at least one value");
        }
        return target;
    }

    /** The number of features. */
    public int featureCount() {
        return f32 != null ? f32.length : f64.length;
    }

    /** Feature {@code i} as a double (exact for both storage types). */
    public double feature(int i) {
        return f32 != null ? f32[i] : f64[i];
    }

    /** Whether the features are stored as doubles. */
    public boolean isDouble() {
        return f64 != null;
    }

    float[] floats() {
        return f32;
    }

    double[] doubles() {
        return f64;
    }

    /** Whether the label is a class index. */
    public boolean hasClass() {
        return target == null;
    }

    /** Whether the example has a label or target at all. */
    public boolean isLabeled() {
        return target == null || target.length > 0;
    }

    /** The class index (for an example built with one). */
    public int label() {
        return label;
    }

    /** The target values (empty for an unlabeled example; null for a class index). */
    public double[] target() {
        return target;
    }

    @Override
    public String toString() {
        String x = f32 != null ? Arrays.toString(f32) : Arrays.toString(f64);
        return "example(" + x + (target == null ? ", label " + label : ", target " + Arrays.toString(target)) + ")";
    }
}
