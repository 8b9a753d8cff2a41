package org.adjoint.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.adjoint.kernels.GemmKernels;
import org.adjoint.kernels.Parallel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * DGEMM time per call of the selected kernels ({@code impl}) on the problems of
 * {@link GemmShape}; by default a few shapes on one thread (any name with {@code -p shape=...}).
 * Run with {@code DTYPE=f64 bench/run-gemm.sh} or {@code bench/run-all.sh --filter DgemmBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class DgemmBench {

    /** A name of {@link GemmShape}. */
    @Param({"sq256", "sq1024", "mlp_nn"})
    public String shape;

    /** {@code panama} (the provider's Vector API kernels) or {@code scalar} (the scalar twins). */
    @Param({"panama"})
    public String impl;

    @Param({"1"})
    public int threads;

    private GemmKernels gemm;
    private GemmShape s;
    private double[] a;
    private double[] b;
    private double[] c;

    @Setup
    public void setup() {
        gemm = BenchKernels.of(impl).gemm();
        Parallel.setThreads(threads);
        s = GemmShape.of(shape);
        Random rnd = new Random(1);
        a = widen(GemmShape.random(rnd, s.batch * s.m * s.k));
        b = widen(GemmShape.random(rnd, s.batch * s.k * s.n));
        c = new double[s.batch * s.m * s.n];
    }

    private static double[] widen(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    @Benchmark
    public double[] dgemm() {
        if (s.batch > 1) {
            gemm.dgemmBatched(s.transA, s.transB, s.batch, s.m, s.n, s.k, 1, a, 0, s.lda(), s.m * s.k,
                    b, 0, s.ldb(), s.k * s.n, 0, c, 0, s.n, s.m * s.n);
        } else {
            gemm.dgemm(s.transA, s.transB, s.m, s.n, s.k, 1, a, 0, s.lda(), b, 0, s.ldb(), 0, c, 0, s.n);
        }
        return c;
    }
}
