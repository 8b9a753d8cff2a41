package org.adjoint.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.adjoint.autodiff.Autodiff;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Init;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Sequential;
import org.adjoint.nn.init.Initializer;
import org.adjoint.nn.layers.Activation;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.losses.Losses;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.optim.TrainStep;
import org.adjoint.nn.train.Trainer;
import org.adjoint.ops.Ops;

/**
 * The training steps the plan-compiler benchmarks measure, built the way users build them: the
 * 784-256-256-10 ReLU MLP and the 2-8-1 tanh network through nn ({@link Sequential},
 * {@link Trainer}, Adam), and an unrolled LSTM (input 64, hidden 128, 50 steps, batch 32) by
 * hand with {@link Ops} (nn has no recurrent layer yet): gates {@code [x h] W + b} split in four,
 * {@code c = f*c + i*g}, {@code h = o*tanh(c)}, loss {@code mean(h_T^2)}, gradients of the three
 * parameters, Adam updates from the run's own buffers (written before nn had recurrent layers;
 * {@link #recurrent} is the nn.rnn model of {@link RnnStepBench}).
 */
final class StepModels {

    private StepModels() {
    }

    /** A built step: its graph, feeds, the nodes a step fetches (loss first, then gradients), the variables. */
    static final class Built {
        final Graph graph;
        final Feeds feeds;
        final List<Node> fetch;
        final List<Node> params;
        final TrainStep step;      // nn models: the trainer's step (null for hand-built graphs)

        Built(Graph graph, Feeds feeds, List<Node> fetch, List<Node> params, TrainStep step) {
            this.graph = graph;
            this.feeds = feeds;
            this.fetch = fetch;
            this.params = params;
            this.step = step;
        }

        /** Bytes of the parameters (= of their gradients; Adam keeps two such tensors more). */
        long parameterBytes() {
            long b = 0;
            for (Node p : params) {
                b += (long) p.value().size() * p.dtype().bytes();
            }
            return b;
        }
    }

    /** The MLP through nn (Sequential of Dense, softmax cross-entropy on integer labels, Adam 1e-3). */
    static Built mlp(int batch) {
        SplittableRandom rnd = new SplittableRandom(4);
        float[] xs = new float[batch * 784];
        int[] ys = new int[batch];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) rnd.nextDouble();
        }
        for (int i = 0; i < ys.length; i++) {
            ys[i] = rnd.nextInt(10);
        }
        Sequential model = new Sequential(Shape.of(784),
                new Dense(256, Activation.relu()).kernelInit(Initializer.he()),
                new Dense(256, Activation.relu()).kernelInit(Initializer.he()),
                new Dense(10).kernelInit(Initializer.he()));
        Trainer trainer = Trainer.builder(model).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3)).build();
        TrainStep step = trainer.step();
        Feeds feeds = Feeds.of(model.input(), Tensor.of(xs, batch, 784), trainer.labels(), Tensor.of(ys, batch));
        return fromStep(step, feeds);
    }

    /** The 2-8-1 network through nn (tanh, binary cross-entropy with logits, Adam 0.01) on 64 XOR-like points. */
    static Built toy() {
        Tensor[] d = ToyStepBench.data();
        Sequential model = new Sequential(Shape.of(2), new Dense(8, Activation.tanh()), new Dense(1));
        Trainer trainer = Trainer.builder(model).loss(Losses.binaryCrossEntropyWithLogits())
                .optimizer(new Adam(0.01)).build();
        TrainStep step = trainer.step();
        return fromStep(step, Feeds.of(model.input(), d[0], trainer.labels(), d[1]));
    }

    private static Built fromStep(TrainStep step, Feeds feeds) {
        List<Node> fetch = new ArrayList<>();
        fetch.add(step.loss());
        fetch.addAll(step.gradients().nodes());
        List<Node> params = new ArrayList<>();
        for (var p : step.gradients().parameters().list()) {
            params.add(p.node());
        }
        return new Built(step.loss().graph(), feeds, fetch, params, step);
    }

    /**
     * {@link RnnStepBench}'s model through nn.rnn ({@code kind} lstm or gru): input 64, hidden 128,
     * 50 steps, batch 32, MSE of the whole output sequence; fetches the loss and every weight's
     * gradient.
     */
    static Built recurrent(String kind) {
        RnnStepBench.Built b = RnnStepBench.build(kind);
        List<Node> params = b.model().parameters().nodes();
        List<Node> fetch = new ArrayList<>();
        fetch.add(b.loss());
        fetch.addAll(Autodiff.gradients(b.loss(), params));
        return new Built(b.graph(), RnnStepBench.feeds(b), fetch, params, null);
    }

    /** The unrolled LSTM, by hand. */
    static Built lstm(int steps, int batch, int input, int hidden) {
        Graph g = new Graph();
        Ops o = Ops.on(g);
        Node wx = o.variable("wx", Init.xavier(1), Shape.of(input, 4 * hidden));
        Node wh = o.variable("wh", Init.xavier(2), Shape.of(hidden, 4 * hidden));
        Node b = o.variable("b", Init.zeros(), Shape.of(4 * hidden));
        Node h = o.placeholder("h0", DType.F32, Shape.of(-1, hidden));
        Node c = o.placeholder("c0", DType.F32, Shape.of(-1, hidden));
        SplittableRandom rnd = new SplittableRandom(5);
        Feeds feeds = Feeds.of(h, Tensor.zeros(DType.F32, Shape.of(batch, hidden)), c,
                Tensor.zeros(DType.F32, Shape.of(batch, hidden)));
        for (int t = 0; t < steps; t++) {
            Node x = o.placeholder("x" + t, DType.F32, Shape.of(-1, input));
            float[] xs = new float[batch * input];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = (float) (2 * rnd.nextDouble() - 1);
            }
            feeds = feeds.and(x, Tensor.of(xs, batch, input));
            Node z = o.add(o.add(o.matmul(x, wx), o.matmul(h, wh)), b);
            List<Node> gates = o.split(z, 4, 1);
            Node i = o.sigmoid(gates.get(0));
            Node f = o.sigmoid(gates.get(1));
            Node u = o.tanh(gates.get(2));
            Node out = o.sigmoid(gates.get(3));
            c = o.add(o.mul(f, c), o.mul(i, u));
            h = o.mul(out, o.tanh(c));
        }
        Node loss = o.named("loss").mean(o.square(h));
        List<Node> params = List.of(wx, wh, b);
        List<Node> fetch = new ArrayList<>();
        fetch.add(loss);
        fetch.addAll(Autodiff.gradients(loss, params));
        return new Built(g, feeds, fetch, params, null);
    }
}
