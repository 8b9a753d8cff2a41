package org.adjoint.kernels;

/** The scalar twin of the recurrent kernels: {@link LstmPart}'s reference definition, element by element. */
final class ScalarRecurrent implements RecurrentKernels {

    static final ScalarRecurrent INSTANCE = new ScalarRecurrent();

    @Override
    public void lstm(LstmPart part, float[] p, float[] q, float[] c, float[] d, float[] out, int rows, int units) {
        double[] v = new double[4];
        int width = part.isWide() ? 4 * units : units;
        for (int r = 0; r < rows; r++) {
            int z = r * 4 * units;
            for (int j = 0; j < units; j++) {
                part.apply(p[z + j] + q[z + j], p[z + units + j] + q[z + units + j],
                        p[z + 2 * units + j] + q[z + 2 * units + j], p[z + 3 * units + j] + q[z + 3 * units + j],
                        c[r * units + j], d == null ? 0 : d[r * units + j], v);
                if (part.isWide()) {
                    for (int k = 0; k < 4; k++) {
                        out[r * width + k * units + j] = (float) v[k];
                    }
                } else {
                    out[r * width + j] = (float) v[0];
                }
            }
        }
    }

    @Override
    public void lstm(LstmPart part, double[] p, double[] q, double[] c, double[] d, double[] out, int rows,
                     int units) {
        double[] v = new double[4];
        int width = part.isWide() ? 4 * units : units;
        for (int r = 0; r < rows; r++) {
            int z = r * 4 * units;
            for (int j = 0; j < units; j++) {
                part.apply(p[z + j] + q[z + j], p[z + units + j] + q[z + units + j],
                        p[z + 2 * units + j] + q[z + 2 * units + j], p[z + 3 * units + j] + q[z + 3 * units + j],
                        c[r * units + j], d == null ? 0 : d[r * units + j], v);
                if (part.isWide()) {
                    for (int k = 0; k < 4; k++) {
                        out[r * width + k * units + j] = v[k];
                    }
                } else {
                    out[r * width + j] = v[0];
                }
            }
        }
    }
}
