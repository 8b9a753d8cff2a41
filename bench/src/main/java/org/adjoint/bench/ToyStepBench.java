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
 * One full training step (forward, backward, Adam update) of a 2-8-1 network (tanh hidden layer,
 * sigmoid output through binary cross-entropy with logits) on a batch of 64 XOR-like points: a
 * measure of per-step framework overhead, since the arithmetic is tiny. {@code api=nn} runs a
 * {@link Trainer}'s step on a {@link Sequential}; {@code api=graph} the hand-built graph with the
 * fused kernel called directly. The peer figure comes from bench/peer/train_step_peer.py.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ToyStepBench {

    static final int BATCH = 64;

    @Param({"nn", "graph"})
    public String api;

    private TrainStep step;
    private Feeds feeds;
    private Session session;
    private List<Node> fetch;
    private Tensor[] params;
    private Tensor[][] moments;
    private int t;
    private final double[] lossOut = new double[1];

    /** 64 points in [-1, 1]^2 labelled 1 when the signs differ. */
    static Tensor[] data() {
        SplittableRandom rnd = new SplittableRandom(3);
        float[] xs = new float[BATCH * 2];
        float[] ys = new float[BATCH];
        for (int i = 0; i < BATCH; i++) {
            xs[2 * i] = (float) (2 * rnd.nextDouble() - 1);
            xs[2 * i + 1] = (float) (2 * rnd.nextDouble() - 1);
            ys[i] = xs[2 * i] * xs[2 * i + 1] < 0 ? 1 : 0;
        }
        return new Tensor[] {Tensor.of(xs, BATCH, 2), Tensor.of(ys, BATCH, 1)};
    }

    @Setup
    public void setup() {
        Tensor[] d = data();
        if (api.equals("nn")) {
            Sequential model = new Sequential(Shape.of(2), new Dense(8, Activation.tanh()), new Dense(1));
            Trainer trainer = Trainer.builder(model).loss(Losses.binaryCrossEntropyWithLogits())
                    .optimizer(new Adam(0.01)).build();
            step = trainer.step();
            feeds = Feeds.of(model.input(), d[0], trainer.labels(), d[1]);
            return;
        }
        Graph g = new Graph();
        Ops o = Ops.on(g);
        Node x = o.placeholder("x", DType.F32, Shape.of(-1, 2));
        Node y = o.placeholder("y", DType.F32, Shape.of(-1, 1));
        Node w1 = o.variable("w1", Init.xavier(1), Shape.of(2, 8));
        Node b1 = o.variable("b1", Init.zeros(), Shape.of(8));
        Node w2 = o.variable("w2", Init.xavier(2), Shape.of(8, 1));
        Node b2 = o.variable("b2", Init.zeros(), Shape.of(1));
        Node h = o.tanh(o.add(o.matmul(x, w1), b1));
        Node loss = o.mean(o.sigmoidCrossEntropyWithLogits(o.add(o.matmul(h, w2), b2), y));
        List<Node> vars = List.of(w1, b1, w2, b2);
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
        feeds = Feeds.of(x, d[0], y, d[1]);
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
                k.adam(w.floats(), out.get(1 + i).floats(), moments[i][0].floats(), moments[i][1].floats(), 0.01f,
                        0.9f, 0.999f, 1e-8f, t, w.size());
            }
        });
        return lossOut[0];
    }
}
