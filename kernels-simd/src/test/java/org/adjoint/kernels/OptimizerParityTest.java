package org.adjoint.kernels;

import static org.adjoint.kernels.KernelTesting.F32_LANES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.adjoint.kernels.KernelTesting.F64_LANES;
import static org.adjoint.kernels.KernelTesting.assertUlps;
import static org.adjoint.kernels.KernelTesting.label;
import static org.adjoint.kernels.KernelTesting.sizes;
import static org.adjoint.kernels.KernelTesting.uniform;
import static org.adjoint.kernels.KernelTesting.uniformD;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Optimizer updates against the scalar twins over three steps. The vector code keeps the twins'
 * operation order and association, so every update is bit-identical (0 ulp).
 */
class OptimizerParityTest {

    @Test
    void f32() {
        ScalarOptimizers twin = new ScalarOptimizers();
        SplittableRandom rnd = new SplittableRandom(21);
        for (Kernels k : KernelTesting.underTest()) {
            OptimizerKernels opt = k.optimizers();
            for (int n : sizes(F32_LANES)) {
                float[] w0 = uniform(rnd, n, -1, 1);
                float[] we = w0.clone();
                float[] wa = w0.clone();
                float[] s1e = new float[n];
                float[] s1a = new float[n];
                float[] s2e = new float[n];
                float[] s2a = new float[n];
                for (int t = 1; t <= 3; t++) {
                    float[] g = uniform(rnd, n, -2, 2);
                    twin.sgd(we, g, 0.1f, n);
                    opt.sgd(wa, g, 0.1f, n);
                    assertUlps(we, wa, 0, label(k, "sgd f32 n", n, "t", t));
                    twin.momentum(we, g, s1e, 0.01f, 0.9f, n);
                    opt.momentum(wa, g, s1a, 0.01f, 0.9f, n);
                    assertUlps(s1e, s1a, 0, label(k, "momentum v f32 n", n));
                    assertUlps(we, wa, 0, label(k, "momentum w f32 n", n, "t", t));
                    twin.rmsprop(we, g, s2e, 0.001f, 0.99f, 1e-8f, n);
                    opt.rmsprop(wa, g, s2a, 0.001f, 0.99f, 1e-8f, n);
                    assertUlps(s2e, s2a, 0, label(k, "rmsprop s f32 n", n));
                    assertUlps(we, wa, 0, label(k, "rmsprop w f32 n", n, "t", t));
                    twin.adam(we, g, s1e, s2e, 0.001f, 0.9f, 0.999f, 1e-8f, t, n);
                    opt.adam(wa, g, s1a, s2a, 0.001f, 0.9f, 0.999f, 1e-8f, t, n);
                    assertUlps(s1e, s1a, 0, label(k, "adam m f32 n", n));
                    assertUlps(s2e, s2a, 0, label(k, "adam v f32 n", n));
                    assertUlps(we, wa, 0, label(k, "adam w f32 n", n, "t", t));
                }
            }
        }
    }

    @Test
    void f64() {
        ScalarOptimizers twin = new ScalarOptimizers();
        SplittableRandom rnd = new SplittableRandom(22);
        for (Kernels k : KernelTesting.underTest()) {
            OptimizerKernels opt = k.optimizers();
            for (int n : sizes(F64_LANES)) {
                double[] w0 = uniformD(rnd, n, -1, 1);
                double[] we = w0.clone();
                double[] wa = w0.clone();
                double[] s1e = new double[n];
                double[] s1a = new double[n];
                double[] s2e = new double[n];
                double[] s2a = new double[n];
                for (int t = 1; t <= 3; t++) {
                    double[] g = uniformD(rnd, n, -2, 2);
                    twin.sgd(we, g, 0.1, n);
                    opt.sgd(wa, g, 0.1, n);
                    assertUlps(we, wa, 0, label(k, "sgd f64 n", n, "t", t));
                    twin.momentum(we, g, s1e, 0.01, 0.9, n);
                    opt.momentum(wa, g, s1a, 0.01, 0.9, n);
                    assertUlps(s1e, s1a, 0, label(k, "momentum v f64 n", n));
                    assertUlps(we, wa, 0, label(k, "momentum w f64 n", n, "t", t));
                    twin.rmsprop(we, g, s2e, 0.001, 0.99, 1e-8, n);
                    opt.rmsprop(wa, g, s2a, 0.001, 0.99, 1e-8, n);
                    assertUlps(s2e, s2a, 0, label(k, "rmsprop s f64 n", n));
                    assertUlps(we, wa, 0, label(k, "rmsprop w f64 n", n, "t", t));
                    twin.adam(we, g, s1e, s2e, 0.001, 0.9, 0.999, 1e-8, t, n);
                    opt.adam(wa, g, s1a, s2a, 0.001, 0.9, 0.999, 1e-8, t, n);
                    assertUlps(s1e, s1a, 0, label(k, "adam m f64 n", n));
                    assertUlps(s2e, s2a, 0, label(k, "adam v f64 n", n));
                    assertUlps(we, wa, 0, label(k, "adam w f64 n", n, "t", t));
                }
            }
        }
    }

    @Test
    void adamSplitOverThreadsGivesTheTwinsBits() {
        ScalarOptimizers twin = new ScalarOptimizers();
        PanamaOptimizers opt = new PanamaOptimizers();
        SplittableRandom rnd = new SplittableRandom(24);
        int previous = Parallel.threads();
        Parallel.setThreads(2);
        try {
            int n = 3 * PanamaOptimizers.PARALLEL_ELEMENTS + 13;   // a tail after the last full vector
            float[] we = uniform(rnd, n, -1, 1);
            float[] wa = we.clone();
            float[] me = new float[n];
            float[] ma = new float[n];
            float[] ve = new float[n];
            float[] va = new float[n];
            double[] wde = uniformD(rnd, n, -1, 1);
            double[] wda = wde.clone();
            double[] mde = new double[n];
            double[] mda = new double[n];
            double[] vde = new double[n];
            double[] vda = new double[n];
            int split = 0;
            for (int t = 1; t <= 3; t++) {
                float[] g = uniform(rnd, n, -2, 2);
                double[] gd = uniformD(rnd, n, -2, 2);
                Parallel.forEach(2, 2, part -> { });   // a parallel call just ended: the pool is hot
                split += PanamaOptimizers.parts(n) > 1 ? 1 : 0;
                opt.adam(wa, g, ma, va, 0.001f, 0.9f, 0.999f, 1e-8f, t, n);
                twin.adam(we, g, me, ve, 0.001f, 0.9f, 0.999f, 1e-8f, t, n);
                Parallel.forEach(2, 2, part -> { });
                opt.adam(wda, gd, mda, vda, 0.001, 0.9, 0.999, 1e-8, t, n);
                twin.adam(wde, gd, mde, vde, 0.001, 0.9, 0.999, 1e-8, t, n);
                assertUlps(we, wa, 0, "adam w f32 split, t " + t);
                assertUlps(me, ma, 0, "adam m f32 split, t " + t);
                assertUlps(ve, va, 0, "adam v f32 split, t " + t);
                assertUlps(wde, wda, 0, "adam w f64 split, t " + t);
                assertUlps(vde, vda, 0, "adam v f64 split, t " + t);
            }
            assertTrue(split > 0, "the update should have been split at least once right after a parallel call");
        } finally {
            Parallel.setThreads(previous);
        }
    }

    @Test
    void adamCutsAreVectorAlignedAndCoverTheRange() {
        for (int n : new int[] {0, 7, 16, 100_003}) {
            for (int parts = 1; parts <= 3; parts++) {
                assertEquals(0, PanamaOptimizers.cut(n, 0, parts, 16));
                assertEquals(n, PanamaOptimizers.cut(n, parts, parts, 16));
                for (int p = 1; p < parts; p++) {
                    int c = PanamaOptimizers.cut(n, p, parts, 16);
                    assertEquals(0, c % 16, "cut " + p + " of " + parts + " over " + n);
                    assertTrue(PanamaOptimizers.cut(n, p - 1, parts, 16) <= c && c <= n, "ordered");
                }
            }
        }
    }

    @Test
    void momentumFormsScaleClipAndSumOfSquares() {
        ScalarOptimizers twin = new ScalarOptimizers();
        SplittableRandom rnd = new SplittableRandom(23);
        for (Kernels k : KernelTesting.underTest()) {
            OptimizerKernels opt = k.optimizers();
            for (int n : sizes(F32_LANES)) {
                float[] we = uniform(rnd, n, -1, 1);
                float[] wa = we.clone();
                float[] ve = new float[n];
                float[] va = new float[n];
                double[] wde = uniformD(rnd, n, -1, 1);
                double[] wda = wde.clone();
                double[] vde = new double[n];
                double[] vda = new double[n];
                for (int t = 1; t <= 3; t++) {
                    float[] g = uniform(rnd, n, -2, 2);
                    double[] gd = uniformD(rnd, n, -2, 2);
                    twin.heavyBall(we, g, ve, 0.05f, 0.9f, n);
                    opt.heavyBall(wa, g, va, 0.05f, 0.9f, n);
                    twin.heavyBall(wde, gd, vde, 0.05, 0.9, n);
                    opt.heavyBall(wda, gd, vda, 0.05, 0.9, n);
                    assertUlps(we, wa, 0, label(k, "heavy ball f32 n", n, "t", t));
                    assertUlps(wde, wda, 0, label(k, "heavy ball f64 n", n, "t", t));
                    twin.nesterov(we, g, ve, 0.05f, 0.9f, n);
                    opt.nesterov(wa, g, va, 0.05f, 0.9f, n);
                    twin.nesterov(wde, gd, vde, 0.05, 0.9, n);
                    opt.nesterov(wda, gd, vda, 0.05, 0.9, n);
                    assertUlps(ve, va, 0, label(k, "nesterov v f32 n", n));
                    assertUlps(we, wa, 0, label(k, "nesterov f32 n", n, "t", t));
                    assertUlps(wde, wda, 0, label(k, "nesterov f64 n", n, "t", t));
                }
                twin.scale(we, 0.75f, n);
                opt.scale(wa, 0.75f, n);
                twin.scale(wde, 0.75, n);
                opt.scale(wda, 0.75, n);
                assertUlps(we, wa, 0, label(k, "scale f32 n", n));
                assertUlps(wde, wda, 0, label(k, "scale f64 n", n));
                twin.clip(we, -0.1f, 0.2f, n);
                opt.clip(wa, -0.1f, 0.2f, n);
                twin.clip(wde, -0.1, 0.2, n);
                opt.clip(wda, -0.1, 0.2, n);
                assertUlps(we, wa, 0, label(k, "clip f32 n", n));
                assertUlps(wde, wda, 0, label(k, "clip f64 n", n));
                for (int i = 0; i < n; i++) {
                    org.junit.jupiter.api.Assertions.assertTrue(wa[i] >= -0.1f && wa[i] <= 0.2f, "clipped");
                }
                double e = twin.sumOfSquares(we, n);
                double a = opt.sumOfSquares(wa, n);
                org.junit.jupiter.api.Assertions.assertEquals(e, a, 1e-6 * e + 1e-30, label(k, "sum of squares f32 n", n));
                double ed = twin.sumOfSquares(wde, n);
                org.junit.jupiter.api.Assertions.assertEquals(ed, opt.sumOfSquares(wda, n), 1e-12 * ed + 1e-300,
                        label(k, "sum of squares f64 n", n));
            }
        }
    }

    @Test
    void momentumFormsMatchTheirFormulasByHand() {
        for (Kernels k : KernelTesting.underTest()) {
            OptimizerKernels opt = k.optimizers();
            double[] w = {1.0};
            double[] v = {0.5};
            opt.heavyBall(w, new double[] {2.0}, v, 0.1, 0.9, 1);
            org.junit.jupiter.api.Assertions.assertEquals(0.9 * 0.5 + 2.0, v[0], 1e-15);
            org.junit.jupiter.api.Assertions.assertEquals(1.0 - 0.1 * 2.45, w[0], 1e-15);
            w[0] = 1.0;
            v[0] = 0.5;
            opt.nesterov(w, new double[] {2.0}, v, 0.1, 0.9, 1);
            org.junit.jupiter.api.Assertions.assertEquals(1.0 - 0.1 * (2.0 + 0.9 * 2.45), w[0], 1e-15);
            org.junit.jupiter.api.Assertions.assertEquals(25.0, opt.sumOfSquares(new float[] {3, 4}, 2), 0.0);
        }
    }
}
