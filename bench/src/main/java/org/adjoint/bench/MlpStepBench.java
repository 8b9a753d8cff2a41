package org.adjoint.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.adjoint.autodiff.Autodiff;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Init;
import org.adjoint.graph.Node;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.kernels.OptimizerKernels;
import org.adjoint.nn.Sequential;
import org.adjoint.nn.init.Initializer;
import org.adjoint.nn.layers.Activation;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.losses.Losses;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.optim.TrainStep;
import org.adjoint.nn.train.Trainer;
import org.adjoint.ops.Ops;
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
 * One Adam training step (forward, backward, update) of a 784-256-256-10 ReLU MLP with softmax
 * cross-entropy on integer labels, F32, two ways:
 * <ul>
 *   <li>{@code api=nn}: a {@link Sequential} of {@link Dense} layers and a {@link Trainer}'s
 *       {@link TrainStep} (what {@code fit} runs per batch: loss, gradients, non-finite guard,
 *       fused Adam from the run's own buffers);</li>
 *   <li>{@code api=graph}: the same network built by hand with {@code Ops}, one zero-copy run and
 *       the fused Adam kernel called directly on the gradient buffers (the floor nn is measured against).</li>
 * </ul>
 * The peer figure comes from bench/peer/train_step_peer.py (PyTorch, same network and batch).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class MlpStepBench {

    @Param({"nn", "graph"})
    public String api;

    @Param({"32", "128", "512"})
    public int batch;

    /** Threads for the GEMM pool. */
    @Param({"1", "2"})
    public int threads;

    private TrainStep step;
    private Feeds feeds;
    // hand-built
    private Session session;
    private List<Node> fetch;
    private Tensor[] params;
    private Tensor[][] moments;
    private int t;
    private final double[] lossOut = new double[1];

    @Setup
    public void setup() {
        org.adjoint.kernels.Parallel.setThreads(threads);
        SplittableRandom rnd = new SplittableRandom(4);
        float[] xs = new float[batch * 784];
        int[] ys = new int[batch];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) rnd.nextDouble();
        }
        for (int i = 0; i < ys.length; i++) {
            ys[i] = rnd.nextInt(10);
        }
        Tensor x = Tensor.of(xs, batch, 784);
        Tensor y = Tensor.of(ys, batch);
        if (api.equals("nn")) {
            Sequential model = new Sequential(Shape.of(784),
                    new Dense(256, Activation.relu()).kernelInit(Initializer.he()),
                    new Dense(256, Activation.relu()).kernelInit(Initializer.he()),
                    new Dense(10).kernelInit(Initializer.he()));
            Trainer trainer = Trainer.builder(model).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3)).build();
            step = trainer.step();
            feeds = Feeds.of(model.input(), x, trainer.labels(), y);
        } else {
            Graph g = new Graph();
            Ops o = Ops.on(g);
            Node xp = o.placeholder("x", DType.F32, Shape.of(-1, 784));
            Node yp = o.placeholder("y", DType.I32, Shape.of(-1));
            Node w1 = o.variable("w1", Init.he(1), Shape.of(784, 256));
            Node b1 = o.variable("b1", Init.zeros(), Shape.of(256));
            Node w2 = o.variable("w2", Init.he(2), Shape.of(256, 256));
            Node b2 = o.variable("b2", Init.zeros(), Shape.of(256));
            Node w3 = o.variable("w3", Init.he(3), Shape.of(256, 10));
            Node b3 = o.variable("b3", Init.zeros(), Shape.of(10));
            Node h1 = o.relu(o.add(o.matmul(xp, w1), b1));
            Node h2 = o.relu(o.add(o.matmul(h1, w2), b2));
            Node logits = o.add(o.matmul(h2, w3), b3);
            Node loss = o.mean(o.sparseSoftmaxCrossEntropy(logits, yp));
            List<Node> vars = List.of(w1, b1, w2, b2, w3, b3);
            fetch = new ArrayList<>();
            fetch.add(loss);
            fetch.addAll(Autodiff.gradients(loss, vars));
            session = new Session(g);
            params = new Tensor[vars.size()];
            moments = new Tensor[vars.size()][2];
            for (int i = 0; i < params.length; i++) {
                params[i] = vars.get(i).value();
                moments[i][0] = Tensor.zeros(params[i].type());
                moments[i][1] = Tensor.zeros(params[i].type());
            }
            feeds = Feeds.of(xp, x, yp, y);
        }
    }

    @Benchmark
    public double trainStep() {
        if (step != null) {
            return step.run(feeds);
        }
        t++;
        OptimizerKernels k = KernelProvider.get().optimizers();
        session.run(RunOptions.TRAIN, feeds, fetch, out -> {
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
