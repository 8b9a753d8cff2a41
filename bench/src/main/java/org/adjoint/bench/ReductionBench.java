package org.adjoint.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.adjoint.kernels.ReduceOp;
import org.adjoint.kernels.ReductionKernels;
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
 * F32 sum of a contiguous row (bytes per call 4n) and a row softmax of a (128, 1000) batch of
 * logits (bytes 8 * 128 * 1000), Vector API vs scalar twins in the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// NOTE: -XX:+UseTransparentHugePages because numpy (the peer) madvises huge pages for every array
// of 4 MB or more (numpy.core.multiarray._get_madvise_hugepage() is True here). At 16M floats the
// 4 KiB pages cost both alike: add 9.8 ms for numpy without them, ~10 ms for us (bench/README).
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g", "-XX:+UseTransparentHugePages"})
public class ReductionBench {

    /** A row of n floats in [-1, 1). */
    @State(Scope.Thread)
    public static class Row {
        @Param({"1048576", "16777216"})
        int n;

        @Param({"panama", "scalar"})
        String impl;

        ReductionKernels kernels;
        float[] x;
        final float[] out = new float[1];

        @Setup(Level.Trial)
        public void setUp() {
            kernels = BenchKernels.of(impl).reductions();
            SplittableRandom rnd = new SplittableRandom(7);
            x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) (rnd.nextDouble() * 2 - 1);
            }
        }
    }

    /** A (128, 1000) batch of Gaussian logits (sd 3). */
    @State(Scope.Thread)
    public static class Logits {
        static final int ROWS = 128;
        static final int COLS = 1000;

        @Param({"panama", "scalar"})
        String impl;

        ReductionKernels kernels;
        float[] logits;
        float[] probs;

        @Setup(Level.Trial)
        public void setUp() {
            kernels = BenchKernels.of(impl).reductions();
            SplittableRandom rnd = new SplittableRandom(8);
            logits = new float[ROWS * COLS];
            probs = new float[ROWS * COLS];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) (rnd.nextGaussian() * 3);
            }
        }
    }

    /** {@code sum(x)}, the peer's {@code np.sum(x)} (numpy sums pairwise). */
    @Benchmark
    public float sum(Row s) {
        s.kernels.reduce(ReduceOp.SUM, s.x, 0, 1, s.n, 1, s.out, 0);
        return s.out[0];
    }

    /** Row softmax of (128, 1000). */
    @Benchmark
    public float[] softmax128x1000(Logits s) {
        s.kernels.softmax(s.logits, 0, Logits.ROWS, Logits.COLS, s.probs, 0);
        return s.probs;
    }
}
