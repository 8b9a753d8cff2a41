package org.adjoint.nn.data;

import org.adjoint.graph.Tensor;

/**
 * Standardizes features: {@code (x - mean) / std} per feature position (over the example axis),
 * with mean and population standard deviation fitted on the training set and applied unchanged
 * to dev and test sets. A constant feature (std below 1e-12) is only centred.
 *
 * <pre>{@code
 * Normalizer norm = Normalizer.fit(train);
 * train = norm.apply(train); dev = norm.apply(dev); test = norm.apply(test);
 * }</pre>
 */
public final class Normalizer {

    private final double[] mean;
    private final double[] std;
    private final org.adjoint.graph.Shape featureShape;

    private Normalizer(double[] mean, double[] std, org.adjoint.graph.Shape featureShape) {
        this.mean = mean;
        this.std = std;
        this.featureShape = featureShape;
    }

    /** Fits mean and std of the {@code features} column per feature position (each element of [N, ...] over N). */
    public static Normalizer fit(Dataset train) {
        Tensor x = train.features();
        return fit(train, x.size() / train.size());
    }

    /**
     * Fits mean and std per index of the last axis, over every other axis: for sequences
     * [N, T, F], one mean and std per feature over all examples and time steps.
     */
    public static Normalizer fitPerLastAxis(Dataset train) {
        Tensor x = train.features();
        return fit(train, x.shape().dim(-1));
    }

    private static Normalizer fit(Dataset train, int row) {
        Tensor x = train.features();
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException("normalizer: features must be f32 or f64, got " + x.type());
        }
        int n = x.size() / row;
        double[] mean = new double[row];
        double[] var = new double[row];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < row; j++) {
                mean[j] += x.getDouble(i * row + j);
            }
        }
        for (int j = 0; j < row; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < row; j++) {
                double d = x.getDouble(i * row + j) - mean[j];
                var[j] += d * d;
            }
        }
        double[] std = new double[row];
        for (int j = 0; j < row; j++) {
            double s = Math.sqrt(var[j] / n);
            std[j] = s < 1e-12 ? 1 : s;
        }
        int[] dims = x.shape().dims();
        return new Normalizer(mean, std, org.adjoint.graph.Shape.of(java.util.Arrays.copyOfRange(dims, 1, dims.length)));
    }

    /** A copy of {@code data} with standardized features (other columns unchanged). */
    public Dataset apply(Dataset data) {
        Tensor x = data.features();
        int[] dims = x.shape().dims();
        boolean perLastAxis = mean.length != featureShape.size();
        boolean fits = perLastAxis ? dims.length == featureShape.rank() + 1 && dims[dims.length - 1] == mean.length
                : org.adjoint.graph.Shape.of(java.util.Arrays.copyOfRange(dims, 1, dims.length)).equals(featureShape);
        if (!fits) {
            String fitted = featureShape.toString();
            throw new IllegalArgumentException("normalizer: fitted on features [N" + (featureShape.rank() == 0 ? "" : ", ")
                    + fitted.substring(1, fitted.length() - 1) + "]" + (perLastAxis ? " (per last axis)" : "")
                    + ", got " + x.shape());
        }
        Tensor out = Tensor.zeros(x.dtype(), x.shape());
        int row = mean.length;
        for (int i = 0; i < x.size(); i++) {
            int j = i % row;
            out.setDouble(i, (x.getDouble(i) - mean[j]) / std[j]);
        }
        return data.with(Dataset.FEATURES, out);
    }

    /** The fitted means, per feature position or per last-axis index (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** The fitted standard deviations (1 for constant features; a copy). */
    public double[] std() {
        return std.clone();
    }
}
