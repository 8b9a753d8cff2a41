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
import org.adjoint.graph.Outputs;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Adam;
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
 * cross-entropy on integer labels, batch 128, F32. The peer figure comes from
 * bench/peer/train_step_peer.py (PyTorch, same network, same batch).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class MlpStepBench {

    /** Threads for the GEMM pool. */
    @Param({"1", "2"})
    public int threads;

    private Session session;
    private Feeds feeds;
    private List<Node> fetch;
    private Adam adam;

    @Setup
    public void setup() {
        org.adjoint.kernels.Parallel.setThreads(threads);
        Graph g = new Graph();
        Ops o = Ops.on(g);
        Node x = o.placeholder("x", DType.F32, Shape.of(-1, 784));
        Node y = o.placeholder("y", DType.I32, Shape.of(-1));
        Node w1 = o.variable("w1", Init.he(1), Shape.of(784, 256));
        Node b1 = o.variable("b1", Init.zeros(), Shape.of(256));
        Node w2 = o.variable("w2", Init.he(2), Shape.of(256, 256));
        Node b2 = o.variable("b2", Init.zeros(), Shape.of(256));
        Node w3 = o.variable("w3", Init.he(3), Shape.of(256, 10));
        Node b3 = o.variable("b3", Init.zeros(), Shape.of(10));
        Node h1 = o.relu(o.add(o.matmul(x, w1), b1));
        Node h2 = o.relu(o.add(o.matmul(h1, w2), b2));
        Node logits = o.add(o.matmul(h2, w3), b3);
        Node loss = o.mean(o.sparseSoftmaxCrossEntropy(logits, y));
        List<Node> params = List.of(w1, b1, w2, b2, w3, b3);
        fetch = new ArrayList<>(Autodiff.gradients(loss, params));
        fetch.add(loss);
        session = new Session(g);
        SplittableRandom rnd = new SplittableRandom(4);
        float[] xs = new float[128 * 784];
        int[] ys = new int[128];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) rnd.nextDouble();
        }
        for (int i = 0; i < ys.length; i++) {
            ys[i] = rnd.nextInt(10);
        }
        feeds = Feeds.of(x, Tensor.of(xs, 128, 784), y, Tensor.of(ys, 128));
        adam = new Adam(params, 1e-3);
    }

    @Benchmark
    public double trainStep() {
        Outputs out = session.run(feeds, fetch);
        List<Tensor> grads = new ArrayList<>(6);
        for (int i = 0; i < 6; i++) {
            grads.add(out.get(i));
        }
        adam.step(grads);
        return out.get(6).item();
    }
}
