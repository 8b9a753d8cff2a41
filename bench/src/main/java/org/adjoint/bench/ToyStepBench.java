package org.adjoint.bench;

import java.util.List;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full training step (forward, backward, Adam update) of a 2-8-1 tanh network on the XOR
 * batch (4 examples): a measure of per-step framework overhead, since the arithmetic is tiny.
 * The peer figure comes from bench/peer/train_step_peer.py.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ToyStepBench {

    private Session session;
    private Feeds feeds;
    private List<Node> fetch;
    private Adam adam;

    @Setup
    public void setup() {
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
        List<Node> params = List.of(w1, b1, w2, b2);
        List<Node> grads = Autodiff.gradients(loss, params);
        fetch = new java.util.ArrayList<>(grads);
        fetch.add(loss);
        session = new Session(g);
        feeds = Feeds.of(x, Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2),
                y, Tensor.of(new float[] {0, 1, 1, 0}, 4, 1));
        adam = new Adam(params, 0.01);
    }

    @Benchmark
    public double trainStep() {
        Outputs out = session.run(feeds, fetch);
        adam.step(List.of(out.get(0), out.get(1), out.get(2), out.get(3)));
        return out.get(4).item();
    }
}
