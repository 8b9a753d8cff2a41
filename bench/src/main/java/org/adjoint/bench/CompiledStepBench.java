package org.adjoint.bench;

import java.util.concurrent.TimeUnit;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Session;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.compile.CompileOptions;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.kernels.OptimizerKernels;
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
 * One Adam training step with the plan compiler's optimizations on and off ({@code
 * -Dadjoint.optimize}), for the models of {@link StepModels}: the MLP at batch 32, 128 and 512
 * and the 2-8-1 network through nn's {@code TrainStep} (what {@code Trainer.fit} runs per batch),
 * the 50-step LSTM as a hand-built graph run with a zero-copy consumer and the fused Adam kernel.
 * Node counts and memory figures: {@link PlanFigures}; PyTorch: bench/peer/compile_peer.py.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class CompiledStepBench {

    @Param({"mlp-32", "mlp-128", "mlp-512", "toy", "lstm"})
    public String model;

    @Param({"on", "off"})
    public String optimize;

    /** Threads for the GEMM pool. */
    @Param({"1"})
    public int threads;

    private StepModels.Built built;
    private Session session;
    private Tensor[] params;
    private Tensor[][] moments;
    private int t;
    private final double[] lossOut = new double[1];

    @Setup
    public void setup() {
        org.adjoint.kernels.Parallel.setThreads(threads);
        String previous = System.getProperty(CompileOptions.PROPERTY);
        System.setProperty(CompileOptions.PROPERTY, optimize.equals("on") ? "true" : "false");
        try {
            built = build(model);
            if (built.step == null) {
                session = new Session(built.graph);
                params = new Tensor[built.params.size()];
                moments = new Tensor[params.length][2];
                for (int i = 0; i < params.length; i++) {
                    params[i] = built.params.get(i).value();
                    moments[i][0] = Tensor.zeros(params[i].type());
                    moments[i][1] = Tensor.zeros(params[i].type());
                }
            }
        } finally {
            if (previous == null) {
                System.clearProperty(CompileOptions.PROPERTY);
            } else {
                System.setProperty(CompileOptions.PROPERTY, previous);
            }
        }
    }

    static StepModels.Built build(String model) {
        switch (model) {
            case "toy": return StepModels.toy();
            case "lstm": return StepModels.lstm(50, 32, 64, 128);
            case "rnn-lstm": return StepModels.recurrent("lstm");
            case "rnn-gru": return StepModels.recurrent("gru");
            default: return StepModels.mlp(Integer.parseInt(model.substring(model.indexOf('-') + 1)));
        }
    }

    @Benchmark
    public double trainStep() {
        if (built.step != null) {
            return built.step.run(built.feeds);
        }
        t++;
        OptimizerKernels k = KernelProvider.get().optimizers();
        session.run(RunOptions.TRAIN, built.feeds, built.fetch, out -> {
            lossOut[0] = out.get(0).getDouble(0);
            for (int i = 0; i < params.length; i++) {
                Tensor w = params[i];
                k.adam(w.floats(), out.get(1 + i).floats(), moments[i][0].floats(), moments[i][1].floats(), 1e-3f,
                        0.9f, 0.999f, 1e-8f, t, w.size());
            }
        });
        return lossOut[0];
    }
}
