package org.adjoint.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.adjoint.kernels.BinaryOp;
import org.adjoint.kernels.ElementwiseKernels;
import org.adjoint.kernels.UnaryOp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Streaming elementwise kernels on F32 arrays, Vector API vs scalar twins in the same run.
 * Bytes moved per call (for GB/s): add 12n (read a, b; write c), sigmoid and relu 8n.
 * bench/run-elementwise.sh converts the times to GB/s and runs the numpy peer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// NOTE: -XX:+UseTransparentHugePages because numpy (the peer) madvises huge pages for every array
// of 4 MB or more (numpy.core.multiarray._get_madvise_hugepage() is True here). At 16M floats the
// 4 KiB pages cost both alike: add 9.8 ms for numpy without them, ~10 ms for us (bench/README).
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g", "-XX:+UseTransparentHugePages"})
public class ElementwiseBench {

    /** 1M floats (12 MB for add: around the last-level cache) and 16M (192 MB: DRAM). */
    @Param({"1048576", "16777216"})
    int n;

    @Param({"panama", "scalar"})
    String impl;

    private ElementwiseKernels kernels;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = BenchKernels.of(impl).elementwise();
        SplittableRandom rnd = new SplittableRandom(42);
        a = new float[n];
        b = new float[n];
        c = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rnd.nextDouble() * 8 - 4);
            b[i] = (float) (rnd.nextDouble() * 8 - 4);
        }
    }

    /** {@code c = a + b}, the numpy peer's {@code np.add(a, b, out=c)}. */
    @Benchmark
    public float[] add() {
        kernels.binary(BinaryOp.ADD, a, 0, n, 1, b, 0, n, 1, c, 0, 1, n);
        return c;
    }

    /** {@code c = 1 / (1 + exp(-a))}, overflow-safe. */
    @Benchmark
    public float[] sigmoid() {
        kernels.unary(UnaryOp.SIGMOID, 0, a, 0, c, 0, n);
        return c;
    }

    /** {@code c = max(a, 0)}. */
    @Benchmark
    public float[] relu() {
        kernels.unary(UnaryOp.RELU, 0, a, 0, c, 0, n);
        return c;
    }
}
