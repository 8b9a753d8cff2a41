package org.adjoint.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.adjoint.autodiff.Autodiff;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Layer;
import org.adjoint.nn.Model;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.optim.TrainStep;
import org.adjoint.nn.rnn.GruCell;
import org.adjoint.nn.rnn.LstmCell;
import org.adjoint.nn.rnn.Recurrent;
import org.adjoint.nn.rnn.RecurrentCell;
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
 * One training step of a one-layer recurrent network, F32: input 64, hidden 128, 50 steps, batch
 * 32 (the batch unknown when the graph is built, as in real use), loss = mean squared error of
 * the [batch, 50, 128] output sequence against a fixed target.
 * <ul>
 *   <li>{@code step=fwdbwd}: one run computing the loss and the gradients of every weight
 *       (zero-copy: the run's own buffers are handed over, as an optimizer sees them);</li>
 *   <li>{@code step=adam}: the same plus the fused Adam update ({@link TrainStep}, what
 *       {@code Trainer.fit} runs per batch).</li>
 * </ul>
 * {@code cell=lstm} is {@link LstmCell}; {@code cell=gru} is {@link GruCell#torch} (PyTorch's
 * nn.GRU function). The peer is bench/peer/rnn_peer.py (the same models in PyTorch).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class RnnStepBench {

    static final int INPUT = 64;
    static final int HIDDEN = 128;
    static final int TIME = 50;
    static final int BATCH = 32;

    @Param({"lstm", "gru"})
    public String cell;

    @Param({"fwdbwd", "adam"})
    public String step;

    /** Threads for the GEMM pool. */
    @Param({"1", "2"})
    public int threads;

    private Session session;
    private List<Node> fetch;
    private Feeds feeds;
    private TrainStep trainStep;
    private final double[] lossOut = new double[1];

    /** The graph of one model: input and target placeholders, the loss and the model. */
    record Built(Graph graph, Node x, Node target, Node loss, Model model) {
    }

    static RecurrentCell cell(String kind) {
        return kind.equals("lstm") ? new LstmCell(HIDDEN) : GruCell.torch(HIDDEN);
    }

    static Built build(String kind) {
        Graph g = new Graph();
        Layer.seedGraph(g, 7);
        Ops o = Ops.on(g);
        Node x = o.placeholder("x", DType.F32, Shape.of(-1, TIME, INPUT));
        Node y = o.placeholder("y", DType.F32, Shape.of(-1, TIME, HIDDEN));
        Node h = new Recurrent(cell(kind)).call(x);
        Node loss = o.meanSquaredError(h, y);
        return new Built(g, x, y, loss, Model.of(List.of(x, y), List.of(h)));
    }

    static Feeds feeds(Built b) {
        SplittableRandom rnd = new SplittableRandom(11);
        float[] xs = new float[BATCH * TIME * INPUT];
        float[] ys = new float[BATCH * TIME * HIDDEN];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) (2 * rnd.nextDouble() - 1);
        }
        for (int i = 0; i < ys.length; i++) {
            ys[i] = (float) (rnd.nextDouble() - 0.5);
        }
        return Feeds.of(b.x(), Tensor.of(xs, BATCH, TIME, INPUT), b.target(), Tensor.of(ys, BATCH, TIME, HIDDEN));
    }

    @Setup
    public void setup() {
        org.adjoint.kernels.Parallel.setThreads(threads);
        Built b = build(cell);
        feeds = feeds(b);
        if (step.equals("adam")) {
            trainStep = new Adam(1e-3).minimize(b.loss(), b.model().parameters(), b.model().session());
        } else {
            fetch = new ArrayList<>();
            fetch.add(b.loss());
            fetch.addAll(Autodiff.gradients(b.loss(), b.model().parameters().nodes()));
            session = b.model().session();
        }
    }

    @Benchmark
    public double trainStep() {
        if (trainStep != null) {
            return trainStep.run(feeds);
        }
        session.run(RunOptions.TRAIN, feeds, fetch, out -> lossOut[0] = out.get(0).getDouble(0));
        return lossOut[0];
    }

    /** Quick timing outside JMH (exploration only; figures come from JMH). */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("info")) {
            System.out.println("# kernels " + org.adjoint.kernels.KernelProvider.get().name() + ", FloatVector.SPECIES_PREFERRED "
                    + jdk.incubator.vector.FloatVector.SPECIES_PREFERRED + ", threads " + Runtime.getRuntime().availableProcessors());
            return;
        }
        String kind = args.length > 0 ? args[0] : "lstm";
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        org.adjoint.kernels.Parallel.setThreads(args.length > 2 ? Integer.parseInt(args[2]) : 1);
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            Built b = build(kind);
            List<Node> f = new ArrayList<>();
            f.add(b.loss());
            f.addAll(Autodiff.gradients(b.loss(), b.model().parameters().nodes()));
            long t1 = System.nanoTime();
            Feeds fd = feeds(b);
            Session s = new Session(b.graph());
            s.run(RunOptions.TRAIN, fd, f, out -> { });
            long t2 = System.nanoTime();
            s.run(RunOptions.TRAIN, fd, f, out -> { });
            long t3 = System.nanoTime();
            System.out.printf("build+grad %.1f ms, first run (compile+run) %.1f ms, second run %.1f ms, nodes %d%n",
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, b.graph().size());
            long best = Long.MAX_VALUE;
            long total = 0;
            for (int i = 0; i < reps; i++) {
                long a = System.nanoTime();
                s.run(RunOptions.TRAIN, fd, f, out -> { });
                long d = System.nanoTime() - a;
                best = Math.min(best, d);
                total += d;
            }
            System.out.printf("%s fwd+bwd: mean %.2f ms, best %.2f ms%n", kind, total / 1e6 / reps, best / 1e6);
        }
    }
}
