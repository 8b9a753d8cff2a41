package org.adjoint.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.adjoint.autodiff.Autodiff;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Node;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of unrolling: building the 50-step graph of {@link RnnStepBench}'s model (layers,
 * loss, autodiff's gradient nodes), then compiling its plan. The plan is compiled by the first
 * run, so {@code buildAndCompile} includes one run at batch 1 (a few hundred microseconds of
 * computation); {@code build} stops before the session. Target: build + compile under 100 ms.
 * Each measurement is a fresh graph (single shot) after warm-up shots in the same JVM.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 15)
@Measurement(iterations = 20)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class RnnBuildBench {

    @Param({"lstm", "gru"})
    public String cell;

    @Benchmark
    public int build() {
        RnnStepBench.Built b = RnnStepBench.build(cell);
        List<Node> grads = Autodiff.gradients(b.loss(), b.model().parameters().nodes());
        return b.graph().size() + grads.size();
    }

    @Benchmark
    public double buildAndCompile() {
        RnnStepBench.Built b = RnnStepBench.build(cell);
        List<Node> fetch = new ArrayList<>();
        fetch.add(b.loss());
        fetch.addAll(Autodiff.gradients(b.loss(), b.model().parameters().nodes()));
        Feeds feeds = Feeds.of(b.x(), Tensor.zeros(DType.F32, Shape.of(1, RnnStepBench.TIME, RnnStepBench.INPUT)),
                b.target(), Tensor.zeros(DType.F32, Shape.of(1, RnnStepBench.TIME, RnnStepBench.HIDDEN)));
        double[] loss = new double[1];
        new Session(b.graph()).run(RunOptions.TRAIN, feeds, fetch, out -> loss[0] = out.get(0).getDouble(0));
        return loss[0];
    }
}
