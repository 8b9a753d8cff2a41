package org.adjoint.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API bodies of the recurrent kernels, F32: per row, one vector loop over the units that
 * loads the four gate blocks of p and q, evaluates the gates ({@link PanamaElementwiseF32#sigmoid},
 * {@code TANH}) and writes the part's output; the tail of each row runs the scalar twin's
 * definition. F64 runs the scalar twin (F64 serves gradient checks; "fast where cheap").
 */
final class PanamaRecurrent implements RecurrentKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int L = S.length();

    @Override
    public void lstm(LstmPart part, float[] p, float[] q, float[] c, float[] d, float[] out, int rows, int units) {
        int bound = S.loopBound(units);
        // NOTE: one loop method per part, each small and free of calls that take or return vectors
        // (beyond tiny helpers C2 inlines), so no vector is boxed: a switch inside the loop body
        // made the body too large to inline and ran ~10x slower on JDK 17.
        for (int r = 0; r < rows; r++) {
            int z = r * 4 * units;
            int s = r * units;
            switch (part) {
                case STATE: state(p, q, c, out, z, s, s, units, bound); break;
                case OUTPUT: output(p, q, c, out, z, s, s, units, bound); break;
                case STATE_GRAD_Z: stateGradZ(p, q, c, d, out, z, s, z, units, bound); break;
                case STATE_GRAD_C: stateGradC(p, q, d, out, z, s, s, units, bound); break;
                case OUTPUT_GRAD_Z: outputGradZ(p, q, c, d, out, z, s, z, units, bound); break;
                default: outputGradC(p, q, c, d, out, z, s, s, units, bound);
            }
            tail(part, p, q, c, d, out, z, s, part.isWide() ? z : s, units, bound);
        }
    }

    /** tail: the scalar twin's definition for units [bound, units) of one row. */
    private static void tail(LstmPart part, float[] p, float[] q, float[] c, float[] d, float[] out, int z, int s,
                             int o, int units, int bound) {
        double[] v = new double[4];
        for (int j = bound; j < units; j++) {
            part.apply(p[z + j] + q[z + j], p[z + units + j] + q[z + units + j],
                    p[z + 2 * units + j] + q[z + 2 * units + j], p[z + 3 * units + j] + q[z + 3 * units + j],
                    c[s + j], d == null ? 0 : d[s + j], v);
            if (part.isWide()) {
                for (int k = 0; k < 4; k++) {
                    out[o + k * units + j] = (float) v[k];
                }
            } else {
                out[o + j] = (float) v[0];
            }
        }
    }

    // vector loops, one row each: z blocks at z + k·units, state and gradient at s, output at o

    private static void state(float[] p, float[] q, float[] c, float[] out, int z, int s, int o, int u, int bound) {
        for (int j = 0; j < bound; j += L) {
            FloatVector i = sigmoid(gate(p, q, z + j));
            FloatVector f = sigmoid(gate(p, q, z + u + j));
            FloatVector g = gate(p, q, z + 2 * u + j).lanewise(VectorOperators.TANH);
            FloatVector cv = FloatVector.fromArray(S, c, s + j);
            f.fma(cv, i.mul(g)).intoArray(out, o + j);
        }
    }

    private static void output(float[] p, float[] q, float[] c, float[] out, int z, int s, int o, int u, int bound) {
        for (int j = 0; j < bound; j += L) {
            FloatVector so = sigmoid(gate(p, q, z + 3 * u + j));
            so.mul(FloatVector.fromArray(S, c, s + j).lanewise(VectorOperators.TANH)).intoArray(out, o + j);
        }
    }

    private static void stateGradZ(float[] p, float[] q, float[] c, float[] d, float[] out, int z, int s, int o,
                                   int u, int bound) {
        FloatVector zero = FloatVector.zero(S);
        for (int j = 0; j < bound; j += L) {
            FloatVector dv = FloatVector.fromArray(S, d, s + j);
            FloatVector i = sigmoid(gate(p, q, z + j));
            FloatVector f = sigmoid(gate(p, q, z + u + j));
            FloatVector g = gate(p, q, z + 2 * u + j).lanewise(VectorOperators.TANH);
            FloatVector cv = FloatVector.fromArray(S, c, s + j);
            dv.mul(g).mul(i.mul(i.neg().add(1f))).intoArray(out, o + j);
            dv.mul(cv).mul(f.mul(f.neg().add(1f))).intoArray(out, o + u + j);
            dv.mul(i).mul(g.neg().add(1f).mul(g.add(1f))).intoArray(out, o + 2 * u + j);
            zero.intoArray(out, o + 3 * u + j);
        }
    }

    private static void stateGradC(float[] p, float[] q, float[] d, float[] out, int z, int s, int o, int u,
                                   int bound) {
        for (int j = 0; j < bound; j += L) {
            FloatVector f = sigmoid(gate(p, q, z + u + j));
            FloatVector.fromArray(S, d, s + j).mul(f).intoArray(out, o + j);
        }
    }

    private static void outputGradZ(float[] p, float[] q, float[] c, float[] d, float[] out, int z, int s, int o,
                                    int u, int bound) {
        FloatVector zero = FloatVector.zero(S);
        for (int j = 0; j < bound; j += L) {
            FloatVector dv = FloatVector.fromArray(S, d, s + j);
            FloatVector so = sigmoid(gate(p, q, z + 3 * u + j));
            FloatVector tc = FloatVector.fromArray(S, c, s + j).lanewise(VectorOperators.TANH);
            zero.intoArray(out, o + j);
            zero.intoArray(out, o + u + j);
            zero.intoArray(out, o + 2 * u + j);
            dv.mul(tc).mul(so.mul(so.neg().add(1f))).intoArray(out, o + 3 * u + j);
        }
    }

    private static void outputGradC(float[] p, float[] q, float[] c, float[] d, float[] out, int z, int s, int o,
                                    int u, int bound) {
        for (int j = 0; j < bound; j += L) {
            FloatVector dv = FloatVector.fromArray(S, d, s + j);
            FloatVector so = sigmoid(gate(p, q, z + 3 * u + j));
            FloatVector tc = FloatVector.fromArray(S, c, s + j).lanewise(VectorOperators.TANH);
            dv.mul(so).mul(tc.neg().add(1f).mul(tc.add(1f))).intoArray(out, o + j);
        }
    }

    /**
     * sigmoid(x) = num / (1 + e) with e = exp(-|x|), num = 1 for x &gt;= 0 and e otherwise (as
     * {@link PanamaElementwiseF32#sigmoid}; repeated here so this class's loops inline it).
     */
    private static FloatVector sigmoid(FloatVector x) {
        FloatVector e = x.abs().neg().lanewise(VectorOperators.EXP);
        FloatVector num = e.blend(1f, x.compare(VectorOperators.GE, 0f));
        return num.div(e.add(1f));
    }

    private static FloatVector gate(float[] p, float[] q, int at) {
        return FloatVector.fromArray(S, p, at).add(FloatVector.fromArray(S, q, at));
    }

    @Override
    public void lstm(LstmPart part, double[] p, double[] q, double[] c, double[] d, double[] out, int rows,
                     int units) {
        ScalarRecurrent.INSTANCE.lstm(part, p, q, c, d, out, rows, units);
    }
}
