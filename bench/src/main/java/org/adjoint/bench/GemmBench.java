package org.adjoint.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.adjoint.kernels.GemmKernels;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.kernels.Kernels;
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
 * SGEMM throughput of the selected kernels ({@code -Dadjoint.kernels}, panama by default):
 * square sizes and the three GEMMs of a 784-256 MLP layer at batch 128 (forward X*W, weight
 * gradient X^T*dY, input gradient dY*W^T). Time per call; GFLOP/s = 2mnk / time, computed by
 * {@code bench/peer/gemm_table.py}. Run with {@code bench/run-gemm.sh}.
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
    @Param({"sq64", "sq128", "sq256", "sq512", "sq1024", "sq2048", "mlp_nn", "mlp_tn", "mlp_nt"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private GemmKernels gemm;
    private boolean transA;
    private boolean transB;
    private int m;
    private int n;
    private int k;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setup() {
        Kernels kernels = KernelProvider.get();
        if (!kernels.name().equals(System.getProperty("adjoint.kernels", "panama"))) {
            throw new IllegalStateException("expected the " + System.getProperty("adjoint.kernels", "panama")
                    + " kernels, got " + kernels.name());
        }
        gemm = kernels.gemm();
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
            default:
                int size = Integer.parseInt(shape.substring(2));
                dims(false, false, size, size, size);
        }
        Random rnd = new Random(1);
        a = random(rnd, m * k);
        b = random(rnd, k * n);
        c = new float[m * n];
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
    public float[] sgemm() {
        gemm.sgemm(transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n, 0f, c, 0, n);
        return c;
    }
}
