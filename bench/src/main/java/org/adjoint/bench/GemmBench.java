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
 * SGEMM time per call of the selected kernels ({@code impl}): the problems of {@link GemmShape}
 * (by default squares, the MLP layer's three GEMMs and the LSTM's gate GEMMs; any other name of
 * GemmShape with {@code -p shape=...}). GFLOP/s = 2mnk / time (times the batch), computed by
 * {@code bench/peer/gemm_table.py} and the report. Run with {@code bench/run-gemm.sh} or
 * {@code bench/run-all.sh --filter GemmBench}. DGEMM: {@link DgemmBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class GemmBench {

    /** A name of {@link GemmShape}. */
    @Param({"sq64", "sq128", "sq256", "sq512", "sq1024", "sq2048", "mlp_nn", "mlp_tn", "mlp_nt",
        "lstm_nn128", "lstm_tn128", "lstm_nt128"})
    public String shape;

    /** {@code panama} (the provider's Vector API kernels) or {@code scalar} (the scalar twins). */
    @Param({"panama"})
    public String impl;

    @Param({"1", "2"})
    public int threads;

    private GemmKernels gemm;
    private GemmShape s;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setup() {
        gemm = BenchKernels.of(impl).gemm();
        Parallel.setThreads(threads);
        s = GemmShape.of(shape);
        Random rnd = new Random(1);
        a = GemmShape.random(rnd, s.batch * s.m * s.k);
        b = GemmShape.random(rnd, s.batch * s.k * s.n);
        c = new float[s.batch * s.m * s.n];
    }

    @Benchmark
    public float[] sgemm() {
        if (s.batch > 1) {
            gemm.sgemmBatched(s.transA, s.transB, s.batch, s.m, s.n, s.k, 1f, a, 0, s.lda(), s.m * s.k,
                    b, 0, s.ldb(), s.k * s.n, 0f, c, 0, s.n, s.m * s.n);
        } else {
            gemm.sgemm(s.transA, s.transB, s.m, s.n, s.k, 1f, a, 0, s.lda(), b, 0, s.ldb(), 0f, c, 0, s.n);
        }
        return c;
    }
}
