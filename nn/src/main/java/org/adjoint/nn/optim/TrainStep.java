package org.adjoint.nn.optim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Node;
import org.adjoint.graph.Outputs;
import org.adjoint.graph.RunMode;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Session;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Parameter;

/**
 * One training step as one call: a training run computes the loss, the gradients and any extra
 * fetches, then the optimizer updates the variables in place from the run's own gradient buffers
 * (no copies); state updates (batch-norm running statistics) are applied after that. The run's
 * random step is the optimizer's global step, so the same seed gives the same dropout masks.
 *
 * <p>A NaN or infinity in the loss or a gradient stops the step before any variable or running
 * statistic changes: a {@link NonFiniteException} names the epoch, the step and the first node
 * (in evaluation order) whose value was not finite. Not thread-safe.
 */
public final class TrainStep {

    private final Optimizer optimizer;
    private final Gradients gradients;
    private final Session session;
    private final List<Node> fetches;        // loss, gradients, extras
    private final Parameter[] params;
    private final boolean[] leafGradient;   // gradient node resolves to a variable/constant: copy before clipping
    private final Tensor[] gradBuffer;
    private final int extraStart;
    private final StepConsumer consumer = new StepConsumer();

    TrainStep(Optimizer optimizer, Gradients gradients, Session session, List<Node> extras) {
        if (session.graph() != gradients.loss().graph()) {
            throw new IllegalArgumentException("train step: the session runs another graph than the loss '"
                    + gradients.loss().name() + "'");
        }
        this.optimizer = optimizer;
        this.gradients = gradients;
        this.session = session;
        List<Node> f = new ArrayList<>();
        f.add(gradients.loss());
        f.addAll(gradients.nodes());
        extraStart = f.size();
        f.addAll(extras);
        this.fetches = List.copyOf(f);
        this.params = gradients.parameters().list().toArray(new Parameter[0]);
        this.gradBuffer = new Tensor[params.length];
        this.leafGradient = new boolean[params.length];
        for (int i = 0; i < params.length; i++) {
            leafGradient[i] = resolve(gradients.nodes().get(i)).isLeaf();
        }
    }

    /** A step that also fetches {@code extra} nodes (e.g. predictions for metrics), sharing optimizer and session. */
    public TrainStep withFetches(List<Node> extra) {
        return new TrainStep(optimizer, gradients, session, extra);
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public Gradients gradients() {
        return gradients;
    }

    public Session session() {
        return session;
    }

    public Node loss() {
        return gradients.loss();
    }

    /** Runs one step; returns the loss. */
    public double run(Feeds feeds) {
        return run(feeds, null);
    }

    /**
     * Runs one step. {@code observer} (may be null) sees the outputs before the update — loss at
     * index 0, then the gradients, then the extra fetches (use {@code outputs.get(node)}); the
     * tensors are the run's own buffers, valid only during the call.
     *
     * @return the loss
     */
    public double run(Feeds feeds, Consumer<Outputs> observer) {
        long randomStep = optimizer.iterations();
        RunOptions options = RunOptions.TRAIN.randomStep(randomStep);
        consumer.observer = observer;
        try {
            session.run(options, feeds, fetches, consumer);
        } catch (NonFiniteLoss e) {
            throw diagnose(feeds, randomStep, "the loss '" + loss().name() + "' is " + e.value);
        } catch (NonFiniteException e) {
            throw diagnose(feeds, randomStep, "the gradient of '" + e.node() + "' is not finite");
        } finally {
            consumer.observer = null;
            java.util.Arrays.fill(gradBuffer, null);
        }
        return consumer.loss;
    }

    /** The index of an extra fetch in the outputs an observer sees. */
    public int indexOf(Node extra) {
        int i = fetches.subList(extraStart, fetches.size()).indexOf(extra);
        if (i < 0) {
            throw new IllegalArgumentException("'" + extra.name() + "' is not fetched by this step");
        }
        return extraStart + i;
    }

    /** Thrown inside the run's consumer so that neither the optimizer nor the state updates run. */
    private static final class NonFiniteLoss extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final double value;

        NonFiniteLoss(double value) {
            super(null, null, false, false);
            this.value = value;
        }
    }

    private final class StepConsumer implements Consumer<Outputs> {
        Consumer<Outputs> observer;
        double loss;

        @Override
        public void accept(Outputs out) {
            loss = out.get(0).getDouble(0);
            if (optimizer.guard() && !Double.isFinite(loss)) {
                throw new NonFiniteLoss(loss);
            }
            if (observer != null) {
                observer.accept(out);
            }
            for (int i = 0; i < params.length; i++) {
                Tensor g = out.get(1 + i);
                gradBuffer[i] = leafGradient[i] ? g.copy() : g;
            }
            optimizer.applyAll(params, gradBuffer);
        }
    }

    /**
     * Re-runs the failed step (same feeds and random step, no updates) fetching every node it
     * computes, and names the first one, in evaluation order, with a non-finite value.
     */
    private NonFiniteException diagnose(Feeds feeds, long randomStep, String what) {
        int epoch = optimizer.epoch() + 1;
        long step = randomStep + 1;
        List<Node> nodes = computedNodes();
        String culprit = null;
        try {
            Outputs all = session.run(RunOptions.TRAIN.randomStep(randomStep).updates(false), feeds, nodes);
            for (int i = 0; i < nodes.size() && culprit == null; i++) {
                Tensor t = all.get(i);
                if (t.dtype().isFloating()) {
                    for (int j = 0; j < t.size(); j++) {
                        if (!Double.isFinite(t.getDouble(j))) {
                            Node n = nodes.get(i);
                            culprit = n.op().name() + " '" + n.name() + "' " + t.type();
                            break;
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            culprit = null;     // the diagnosis is best effort; the step was refused either way
        }
        String message = "non-finite value at epoch " + epoch + ", step " + step + ": " + what
                + (culprit != null ? "; first non-finite value produced by " + culprit : "")
                + "; the update was not applied";
        return new NonFiniteException(message, epoch, step, culprit);
    }

    /** The nodes a training run of the fetches computes (mode aliases resolved), in id order, leaves but placeholders and constants included. */
    private List<Node> computedNodes() {
        BitSet seen = new BitSet();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        for (Node f : fetches) {
            stack.push(resolve(f));
        }
        List<Node> out = new ArrayList<>();
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (seen.get(n.id())) {
                continue;
            }
            seen.set(n.id());
            if (!n.isPlaceholder() && !(n.isLeaf() && !n.isVariable())) {
                out.add(n);
            }
            for (Node in : n.inputs()) {
                stack.push(resolve(in));
            }
        }
        out.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return out;
    }

    private static Node resolve(Node n) {
        int k;
        while ((k = n.op().modeAlias(RunMode.TRAIN)) >= 0) {
            n = n.input(k);
        }
        return n;
    }
}
