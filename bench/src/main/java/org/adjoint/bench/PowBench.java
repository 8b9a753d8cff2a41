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
 * pow beside exp, F32 and F64, over 1M elements: the kernels' deterministic vector pow (kernels-simd
 * {@code VectorMathF64.pow}; F32 computed in double lanes) and exp (impl {@code panama}) against the
 * scalar twins (impl {@code scalar}: the {@code Math.pow} / {@code Math.exp} loop). Base uniform in
 * [0.001, 100], exponent and exp argument uniform in [-8, 8] (as TranscendentalBench).
 *
 * <p>NOTE: {@code -jvmArgsAppend} on the JMH command line replaces the annotation's list: pass
 * {@code --add-modules=jdk.incubator.vector} there too.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class PowBench {

    @Param({"1048576"})
    int n;

    @Param({"panama", "scalar"})
    String impl;

    private ElementwiseKernels kernels;
    private float[] base;
    private float[] x;
    private float[] y;
    private double[] baseD;
    private double[] xD;
    private double[] yD;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = BenchKernels.of(impl).elementwise();
        SplittableRandom rnd = new SplittableRandom(42);
        base = new float[n];
        x = new float[n];
        y = new float[n];
        baseD = new double[n];
        xD = new double[n];
        yD = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextDouble() * 16 - 8);
            base[i] = (float) (rnd.nextDouble() * 100 + 1e-3);
            xD[i] = x[i];
            baseD[i] = base[i];
        }
    }

    /** {@code y = base^x}, F32. */
    @Benchmark
    public float[] powF32() {
        kernels.binary(BinaryOp.POW, base, 0, n, 1, x, 0, n, 1, y, 0, 1, n);
        return y;
    }

    /** {@code y = e^x}, F32: the yardstick for pow's cost. */
    @Benchmark
    public float[] expF32() {
        kernels.unary(UnaryOp.EXP, 0, x, 0, y, 0, n);
        return y;
    }

    /** {@code y = base^x}, F64. */
    @Benchmark
    public double[] powF64() {
        kernels.binary(BinaryOp.POW, baseD, 0, n, 1, xD, 0, n, 1, yD, 0, 1, n);
        return yD;
    }

    /** {@code y = e^x}, F64. */
    @Benchmark
    public double[] expF64() {
        kernels.unary(UnaryOp.EXP, 0, xD, 0, yD, 0, n);
        return yD;
    }
}
