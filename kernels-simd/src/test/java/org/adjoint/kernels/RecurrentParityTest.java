package org.adjoint.kernels;

import static org.adjoint.kernels.KernelTesting.F32_LANES;
import static org.adjoint.kernels.KernelTesting.label;
import static org.adjoint.kernels.KernelTesting.uniform;
import static org.adjoint.kernels.KernelTesting.uniformD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The fused LSTM kernels against their scalar twin, every part, unit counts around the vector
 * width (vector body and scalar tail), several rows. F32 products of three transcendental
 * factors and the sum f·c + i·g are compared with an absolute bound scaled by the factors'
 * magnitude, 4e-7·(1 + |c|)·(1 + |d|) (about 3 ulp of the largest term; an ulp count is
 * meaningless where f·c and i·g cancel). F64 is the twin itself: identical bits.
 */
class RecurrentParityTest {

    private static int[] units() {
        return IntStream.of(1, 3, F32_LANES - 1, F32_LANES, F32_LANES + 1, 13, 2 * F32_LANES + 5).distinct().toArray();
    }

    @Test
    void f32EveryPartAgreesWithTheTwin() {
        SplittableRandom rnd = new SplittableRandom(31);
        for (Kernels k : KernelTesting.underTest()) {
            for (LstmPart part : LstmPart.values()) {
                for (int u : units()) {
                    for (int rows : new int[] {1, 3}) {
                        float[] p = uniform(rnd, rows * 4 * u, -4, 4);
                        float[] q = uniform(rnd, rows * 4 * u, -2, 2);
                        float[] c = uniform(rnd, rows * u, -3, 3);
                        float[] d = part.isGradient() ? uniform(rnd, rows * u, -2, 2) : null;
                        int width = part.isWide() ? 4 * u : u;
                        float[] expected = new float[rows * width];
                        float[] actual = new float[rows * width];
                        java.util.Arrays.fill(actual, Float.NaN);         // every element must be written
                        ScalarRecurrent.INSTANCE.lstm(part, p, q, c, d, expected, rows, u);
                        k.recurrent().lstm(part, p, q, c, d, actual, rows, u);
                        for (int i = 0; i < expected.length; i++) {
                            int r = i / width;
                            int j = (i % width) % u;
                            double scale = (1 + Math.abs(c[r * u + j])) * (1 + (d == null ? 0 : Math.abs(d[r * u + j])));
                            if (!(Math.abs(expected[i] - actual[i]) <= 4e-7 * scale)) {
                                fail(label(k, part, "units", u, "rows", rows) + ": element " + i + " expected "
                                        + expected[i] + " but was " + actual[i]);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void f64IsTheTwinAndTheTwinIsTheDefinition() {
        SplittableRandom rnd = new SplittableRandom(32);
        int u = 5;
        for (Kernels k : KernelTesting.underTest()) {
            for (LstmPart part : LstmPart.values()) {
                double[] p = uniformD(rnd, 2 * 4 * u, -4, 4);
                double[] q = uniformD(rnd, 2 * 4 * u, -2, 2);
                double[] c = uniformD(rnd, 2 * u, -3, 3);
                double[] d = uniformD(rnd, 2 * u, -2, 2);
                int width = part.isWide() ? 4 * u : u;
                double[] out = new double[2 * width];
                k.recurrent().lstm(part, p, q, c, part.isGradient() ? d : null, out, 2, u);
                for (int r = 0; r < 2; r++) {
                    for (int j = 0; j < u; j++) {
                        double[] z = new double[4];
                        for (int b = 0; b < 4; b++) {
                            z[b] = p[r * 4 * u + b * u + j] + q[r * 4 * u + b * u + j];
                        }
                        double si = 1 / (1 + Math.exp(-z[0]));
                        double sf = 1 / (1 + Math.exp(-z[1]));
                        double tg = Math.tanh(z[2]);
                        double so = 1 / (1 + Math.exp(-z[3]));
                        double cc = c[r * u + j];
                        double dd = d[r * u + j];
                        double[] want;
                        switch (part) {
                            case STATE: want = new double[] {sf * cc + si * tg}; break;
                            case OUTPUT: want = new double[] {so * Math.tanh(cc)}; break;
                            case STATE_GRAD_Z: want = new double[] {dd * tg * si * (1 - si), dd * cc * sf * (1 - sf),
                                dd * si * (1 - tg * tg), 0}; break;
                            case STATE_GRAD_C: want = new double[] {dd * sf}; break;
                            case OUTPUT_GRAD_Z: want = new double[] {0, 0, 0,
                                dd * Math.tanh(cc) * so * (1 - so)}; break;
                            default: want = new double[] {dd * so * (1 - Math.tanh(cc) * Math.tanh(cc))};
                        }
                        for (int b = 0; b < want.length; b++) {
                            assertEquals(want[b], out[r * width + b * u + j], 1e-14,
                                    label(k, part, "row", r, "unit", j, "block", b));
                        }
                    }
                }
            }
        }
    }
}
