package org.adjoint.bench;

import java.util.concurrent.TimeUnit;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Session;
import org.adjoint.graph.compile.CompileOptions;
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
 * What the plan compiler's optimizations cost at compile time: one plan of a training step of
 * {@link StepModels} (loss and every weight's gradient, TRAIN, the benchmark's feed shapes)
 * compiled by a fresh session with optimizations on and off. Each shot builds the plan and its
 * description ({@code Session.planInfo}: steps, figures and the DOT of the graph before
 * optimization, a few per cent of the shot) without running it; the graph is built once per
 * fork. A session compiles a plan once per feed shapes, so this is paid on the first batch (and
 * the first batch of each new size).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 60)
@Measurement(iterations = 30)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class PlanCompileBench {

    @Param({"mlp-128", "toy", "lstm", "rnn-lstm"})
    public String model;

    @Param({"on", "off"})
    public String optimize;

    private StepModels.Built built;
    private CompileOptions options;

    @Setup
    public void setup() {
        built = CompiledStepBench.build(model);
        options = CompileOptions.none().optimize(optimize.equals("on"));
    }

    @Benchmark
    public int compile() {
        return new Session(built.graph, options).planInfo(RunOptions.TRAIN, built.feeds, built.fetch).stats()
                .kernelCalls();
    }
}
