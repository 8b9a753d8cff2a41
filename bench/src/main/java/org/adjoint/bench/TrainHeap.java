package org.adjoint.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.SplittableRandom;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Sequential;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.layers.Activation;
import org.adjoint.nn.layers.Dense;
import org.adjoint.nn.losses.Losses;
import org.adjoint.nn.optim.Adam;
import org.adjoint.nn.optim.TrainStep;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.Trainer;

/**
 * Heap of MLP training through nn (784-256-256-10 ReLU, softmax CE, Adam, F32): the live heap the
 * model, its compiled plan and the optimizer hold after steady-state steps, against the floor
 * params + grads + Adam state + the activations the backward pass needs; and the bytes a step
 * allocates (garbage). Run: {@code java -cp ... org.adjoint.bench.TrainHeap [batch]}; for the peak,
 * bench/run-train-heap.sh also finds the smallest -Xmx that trains.
 */
public final class TrainHeap {

    private TrainHeap() {
    }

    private static long used(MemoryMXBean mem) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return mem.getHeapMemoryUsage().getUsed();
    }

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        SplittableRandom rnd = new SplittableRandom(4);
        int n = batch * 4;
        float[] xs = new float[n * 784];
        int[] ys = new int[n];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) rnd.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            ys[i] = rnd.nextInt(10);
        }
        Dataset data = Dataset.of(Tensor.of(xs, n, 784), Tensor.of(ys, n));
        Tensor xb = data.slice(0, batch).features();
        Tensor yb = data.slice(0, batch).labels();
        long base = used(mem);

        Sequential model = new Sequential(Shape.of(784), new Dense(256, Activation.relu()),
                new Dense(256, Activation.relu()), new Dense(10));
        Trainer trainer = Trainer.builder(model).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3)).build();
        TrainStep step = trainer.step();
        Feeds feeds = Feeds.of(model.input(), xb, trainer.labels(), yb);
        for (int i = 0; i < steps; i++) {
            step.run(feeds);
        }
        long live = used(mem) - base;

        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long a0 = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < steps; i++) {
            step.run(feeds);
        }
        long perStep = (threads.getThreadAllocatedBytes(tid) - a0) / steps;
        long a1 = threads.getThreadAllocatedBytes(tid);
        trainer.fit(data, FitOptions.epochs(2).batchSize(batch));
        long perFitStep = (threads.getThreadAllocatedBytes(tid) - a1) / (2L * (n / batch));

        long params = model.parameters().elementCount() * 4;
        long activations = (long) batch * (784 + 4 * 256 + 2 * 10) * 4;
        long floor = params * 4 + activations;   // params, grads, Adam m and v, forward activations
        System.out.printf("batch %d: params %.2f MB, grads %.2f MB, Adam state %.2f MB, activations %.2f MB,"
                + " floor %.2f MB%n", batch, params / 1e6, params / 1e6, 2 * params / 1e6, activations / 1e6,
                floor / 1e6);
        System.out.printf("live heap held by model + plan + optimizer: %.2f MB = %.2f x floor%n", live / 1e6,
                (double) live / floor);
        System.out.printf("allocated per TrainStep.run: %d bytes; per fit step (incl. batch copies): %d bytes%n",
                perStep, perFitStep);
        System.out.printf("heap used now %.2f MB, committed %.2f MB, max %.2f MB%n",
                mem.getHeapMemoryUsage().getUsed() / 1e6, mem.getHeapMemoryUsage().getCommitted() / 1e6,
                mem.getHeapMemoryUsage().getMax() / 1e6);
    }
}
