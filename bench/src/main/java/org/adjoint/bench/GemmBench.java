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
 * GEMM throughput of the selected kernels ({@code -Dadjoint.kernels}, panama by default), F32
 * (SGEMM) or F64 (DGEMM): square sizes; the three GEMMs of a 784-256 MLP layer at batch 128
 * (forward X*W, weight gradient X^T*dY, input gradient dY*W^T); the gate GEMMs of an LSTM step
 * at batch 32 with 64 inputs or 128 hidden units and 4*128 gates (forward, weight gradient,
 * input gradient); and a batch of 64 small products. Time per call; GFLOP/s = 2mnk / time
 * (times the batch), computed by {@code bench/peer/gemm_table.py}. Run with
 * {@code bench/run-gemm.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class GemmBench {

    /**
     * {@code sqN}: N x N times N x N. {@code mlp_nn}: (128x784)(784x256). {@code mlp_tn}: A stored
     * (128x784), op(A) = A^T (784x128) times B (128x256). {@code mlp_nt}: (128x256) times B^T with
     * B stored (784x256).
     */
    @Param({"sq64", "sq128", "sq256", "sq512", "sq1024", "sq2048", "mlp_nn", "mlp_tn", "mlp_nt",
        "lstm_nn64", "lstm_tn64", "lstm_nt64", "lstm_nn128", "lstm_tn128", "lstm_nt128", "batch64",
        "tiny_nn1", "tiny_nn2", "tiny_nn3", "tiny_tn", "tiny_nt"})
    public String shape;

    /** {@code panama} (the provider's Vector API kernels) or {@code scalar} (the scalar twins). */
    @Param({"panama"})
    public String impl;

    @Param({"1", "2"})
    public int threads;

    /** {@code f32} (sgemm) or {@code f64} (dgemm). */
    @Param({"f32"})
    public String dtype;

    private GemmKernels gemm;
    private boolean transA;
    private boolean transB;
    private int m;
    private int n;
    private int k;
    private int batch = 1;
    private float[] a;
    private float[] b;
    private float[] c;
    private double[] ad;
    private double[] bd;
    private double[] cd;

    @Setup
    public void setup() {
        gemm = BenchKernels.of(impl).gemm();
        Parallel.setThreads(threads);
        switch (shape) {
            case "mlp_nn":
                dims(false, false, 128, 256, 784);
                break;
            case "mlp_tn":
                dims(true, false, 784, 256, 128);
                break;
            case "mlp_nt":
                dims(false, true, 128, 784, 256);
                break;
            case "lstm_nn64":
                dims(false, false, 32, 512, 64);       // x * W_x: batch 32, 64 inputs, 4*128 gates
                break;
            case "lstm_tn64":
                dims(true, false, 64, 512, 32);        // dW_x = x^T * dGates
                break;
            case "lstm_nt64":
                dims(false, true, 32, 64, 512);        // dx = dGates * W_x^T
                break;
            case "lstm_nn128":
                dims(false, false, 32, 512, 128);      // h * W_h: 128 hidden units
                break;
            case "lstm_tn128":
                dims(true, false, 128, 512, 32);
                break;
            case "lstm_nt128":
                dims(false, true, 32, 128, 512);
                break;
            case "tiny_nn1":
                dims(false, false, 64, 32, 64);        // a 64-32-16-10 MLP at batch 64: layer 1
                break;
            case "tiny_nn2":
                dims(false, false, 64, 16, 32);        // layer 2
                break;
            case "tiny_nn3":
                dims(false, false, 64, 10, 16);        // layer 3
                break;
            case "tiny_tn":
                dims(true, false, 32, 16, 64);         // layer 2's weight gradient
                break;
            case "tiny_nt":
                dims(false, true, 64, 32, 16);         // layer 2's input gradient
                break;
            case "batch64":
                dims(false, false, 32, 32, 64);        // 64 independent 32x32x64 products
                batch = 64;
                break;
            default:
                int size = Integer.parseInt(shape.substring(2));
                dims(false, false, size, size, size);
        }
        Random rnd = new Random(1);
        a = random(rnd, batch * m * k);
        b = random(rnd, batch * k * n);
        c = new float[batch * m * n];
        ad = new double[a.length];
        bd = new double[b.length];
        cd = new double[c.length];
        for (int i = 0; i < a.length; i++) {
            ad[i] = a[i];
        }
        for (int i = 0; i < b.length; i++) {
            bd[i] = b[i];
        }
        if (!dtype.equals("f32") && !dtype.equals("f64")) {
            throw new IllegalArgumentException("dtype must be f32 or f64, got " + dtype);
        }
    }

    private void dims(boolean ta, boolean tb, int rows, int cols, int depth) {
        transA = ta;
        transB = tb;
        m = rows;
        n = cols;
        k = depth;
    }

    private static float[] random(Random rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = rnd.nextFloat() - 0.5f;
        }
        return x;
    }

    @Benchmark
    public Object gemm() {
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        if (dtype.equals("f32")) {
            if (batch > 1) {
                gemm.sgemmBatched(transA, transB, batch, m, n, k, 1f, a, 0, lda, m * k, b, 0, ldb, k * n,
                        0f, c, 0, n, m * n);
            } else {
                gemm.sgemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
            }
            return c;
        }
        if (batch > 1) {
            gemm.dgemmBatched(transA, transB, batch, m, n, k, 1, ad, 0, lda, m * k, bd, 0, ldb, k * n,
                    0, cd, 0, n, m * n);
        } else {
            gemm.dgemm(transA, transB, m, n, k, 1, ad, 0, lda, bd, 0, ldb, 0, cd, 0, n);
        }
        return cd;
    }
}
