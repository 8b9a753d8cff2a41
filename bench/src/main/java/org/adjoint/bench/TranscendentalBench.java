package org.adjoint.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
 * exp, tanh, sigmoid, log and pow over 1M floats: the deterministic kernels (kernels-simd
 * {@code VectorMathF32} behind {@code ElementwiseKernels.unary}, impl {@code panama}) against the
 * JDK's {@code lanewise(VectorOperators.EXP/TANH/LOG)} (SVML once C2-compiled; not deterministic
 * across JIT tiers, which is why the kernels no longer use it; impl {@code lanewise}) and the
 * scalar twins (impl {@code scalar}). Sigmoid in the lanewise version is the former kernel:
 * {@code e = exp(-|x|)}, {@code (x >= 0 ? 1 : e) / (1 + e)}.
 *
 * <p>NOTE: {@code -jvmArgsAppend} on the JMH command line replaces the annotation's list: pass
 * {@code --add-modules=jdk.incubator.vector} there too, or {@code panama} refuses to run (and the
 * lanewise loop would measure the Vector API's Java fallback).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class TranscendentalBench {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    @Param({"1048576"})
    int n;

    @Param({"panama", "lanewise", "scalar"})
    String impl;

    private ElementwiseKernels kernels;
    private float[] x;
    private float[] positive;
    private float[] y;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = BenchKernels.of(impl.equals("lanewise") ? "panama" : impl).elementwise();
        SplittableRandom rnd = new SplittableRandom(42);
        x = new float[n];
        positive = new float[n];
        y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextDouble() * 16 - 8);
            positive[i] = (float) (rnd.nextDouble() * 100 + 1e-3);
        }
        if (n % SPECIES.length() != 0) {
            throw new IllegalArgumentException("n must be a multiple of " + SPECIES.length());
        }
    }

    @Benchmark
    public float[] exp() {
        if (impl.equals("lanewise")) {
            for (int i = 0; i < n; i += SPECIES.length()) {
                FloatVector.fromArray(SPECIES, x, i).lanewise(VectorOperators.EXP).intoArray(y, i);
            }
        } else {
            kernels.unary(UnaryOp.EXP, 0, x, 0, y, 0, n);
        }
        return y;
    }

    @Benchmark
    public float[] tanh() {
        if (impl.equals("lanewise")) {
            for (int i = 0; i < n; i += SPECIES.length()) {
                FloatVector.fromArray(SPECIES, x, i).lanewise(VectorOperators.TANH).intoArray(y, i);
            }
        } else {
            kernels.unary(UnaryOp.TANH, 0, x, 0, y, 0, n);
        }
        return y;
    }

    @Benchmark
    public float[] sigmoid() {
        if (impl.equals("lanewise")) {
            for (int i = 0; i < n; i += SPECIES.length()) {
                FloatVector v = FloatVector.fromArray(SPECIES, x, i);
                FloatVector e = v.abs().neg().lanewise(VectorOperators.EXP);
                e.blend(1f, v.compare(VectorOperators.GE, 0f)).div(e.add(1f)).intoArray(y, i);
            }
        } else {
            kernels.unary(UnaryOp.SIGMOID, 0, x, 0, y, 0, n);
        }
        return y;
    }

    @Benchmark
    public float[] log() {
        if (impl.equals("lanewise")) {
            for (int i = 0; i < n; i += SPECIES.length()) {
                FloatVector.fromArray(SPECIES, positive, i).lanewise(VectorOperators.LOG).intoArray(y, i);
            }
        } else {
            kernels.unary(UnaryOp.LOG, 0, positive, 0, y, 0, n);
        }
        return y;
    }

    /** {@code y = positive^x}: the kernels' Math.pow loop (deterministic) vs lanewise(POW) (SVML at 512 bits). */
    @Benchmark
    public float[] pow() {
        if (impl.equals("lanewise")) {
            for (int i = 0; i < n; i += SPECIES.length()) {
                FloatVector.fromArray(SPECIES, positive, i).lanewise(VectorOperators.POW, FloatVector.fromArray(SPECIES, x, i))
                        .intoArray(y, i);
            }
        } else {
            kernels.binary(BinaryOp.POW, positive, 0, n, 1, x, 0, n, 1, y, 0, 1, n);
        }
        return y;
    }
}
