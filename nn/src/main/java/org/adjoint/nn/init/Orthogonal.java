package org.adjoint.nn.init;

import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;

/** The orthogonal initializer's computation (see {@link Initializer#orthogonal(double)}). */
final class Orthogonal {

    private Orthogonal() {
    }

    static Tensor create(DType dtype, Shape shape, double gain, long seed) {
        if (shape.rank() < 2) {
            throw new IllegalArgumentException("Initializer.orthogonal: needs a shape of rank >= 2, got " + shape);
        }
        int cols = shape.dim(-1);
        int rows = shape.size() / Math.max(1, cols);
        boolean transposed = rows < cols;
        int n = transposed ? cols : rows;   // long side
        int k = transposed ? rows : cols;   // short side: k orthonormal vectors of length n
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] q = new double[k][n];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                q[j][i] = Initializer.gaussian(rnd);
            }
        }
        for (int j = 0; j < k; j++) {
            for (int pass = 0; pass < 2; pass++) {     // twice is enough for orthogonality to rounding
                for (int p = 0; p < j; p++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += q[p][i] * q[j][i];
                    }
                    for (int i = 0; i < n; i++) {
                        q[j][i] -= dot * q[p][i];
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += q[j][i] * q[j][i];
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                throw new IllegalStateException("Initializer.orthogonal: degenerate random matrix (seed " + seed + ")");
            }
            for (int i = 0; i < n; i++) {
                q[j][i] /= norm;
            }
        }
        Tensor t = Tensor.zeros(dtype, shape);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = transposed ? q[r][c] : q[c][r];
                t.setDouble(r * cols + c, gain * v);
            }
        }
        return t;
    }
}
