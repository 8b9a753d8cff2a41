package org.adjoint.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.adjoint.autodiff.Autodiff;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Node;
import org.adjoint.graph.Outputs;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Session;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.Model;
import org.adjoint.nn.Parameter;
import org.adjoint.nn.Parameters;
import org.adjoint.nn.optim.NonFiniteException;
import org.adjoint.nn.optim.Optimizer;
import org.adjoint.nn.train.Trainer;
import org.adjoint.ops.Ops;

/**
 * An executor's copy of the model, built by the factory once per task slot and reused (see
 * {@link ReplicaPool}). It never decides parameter values: before each task it loads what the
 * driver broadcast.
 *
 * <p>In synchronous mode it computes, for its share of a global batch, the gradient of the SUM of
 * the per-example losses: the loss's mean differentiated with the seed {@code b} (the share's
 * size), which the mean's own backward divides by b again (exactly: b/b = 1), so no rounding is
 * added. The regularizer's gradient is left to the driver (it depends on the global batch size).
 */
final class Replica {

    /** Random steps of partition p are {@code globalStep + p·STRIDE}: partition 0 draws what fit draws. */
    static final long RANDOM_STEP_STRIDE = 1L << 40;

    final Trainer trainer;
    final Model model;
    final Node input;
    final Node labels;
    final Node dataLoss;
    final Node predictions;
    final Parameters parameters;
    final Parameters state;
    final List<Tensor> parameterValues;
    final List<Tensor> stateValues;
    final Session session;
    private final List<Node> syncFetches;       // data loss, summed gradients, [predictions]
    private final List<Node> localFetches;      // data loss, gradients of the cost, [predictions]
    private final boolean withPredictions;

    Replica(TrainerFactory factory, ModelSpec spec) {
        trainer = factory.build();
        if (trainer == null) {
            throw new IllegalStateException("the trainer factory returned null on an executor");
        }
        String d = spec.differenceFrom(new ModelSpec(trainer));
        if (d != null) {
            throw new IllegalStateException("the trainer factory built a different model on an executor: " + d
                    + " (the factory must build the same structure every time)");
        }
        model = trainer.model();
        input = model.input();
        labels = trainer.labels();
        dataLoss = trainer.loss();
        predictions = trainer.predictions();
        parameters = model.parameters();
        state = model.state();
        parameterValues = Weights.values(parameters);
        stateValues = Weights.values(state);
        session = model.session();
        withPredictions = !trainer.metrics().isEmpty();

        Ops o = Ops.on(model.graph());
        Node count = o.reducedSize(model.output(), 0);
        if (count.dtype() != dataLoss.dtype()) {
            count = o.cast(count, dataLoss.dtype());
        }
        List<Node> summed = Autodiff.of(dataLoss).seed(count).unconnectedAsZeros().wrt(parameters.nodes());
        syncFetches = fetches(summed);
        localFetches = fetches(trainer.step().gradients().nodes());
    }

    private List<Node> fetches(List<Node> gradients) {
        List<Node> f = new ArrayList<>();
        f.add(dataLoss);
        f.addAll(gradients);
        if (withPredictions) {
            f.add(predictions);
        }
        return List.copyOf(f);
    }

    /** Loads the broadcast values into the variables. */
    void load(Weights w) {
        for (int i = 0; i < parameterValues.size(); i++) {
            w.parameters[i].copyInto(parameterValues.get(i));
        }
        for (int i = 0; i < stateValues.size(); i++) {
            w.state[i].copyInto(stateValues.get(i));
        }
    }

    /** Loads the broadcast optimizer state (parameter averaging) and the epoch for the schedule. */
    void loadOptimizer(Weights w, int epoch) {
        Optimizer opt = trainer.optimizer();
        Map<String, Tensor> current = opt.state(parameters);
        Map<String, Tensor> saved = new LinkedHashMap<>();
        for (int i = 0; i < w.optimizerKeys.length; i++) {
            Tensor like = current.get(w.optimizerKeys[i]);
            if (like == null) {
                throw new IllegalStateException("optimizer state '" + w.optimizerKeys[i] + "' of the driver is unknown to"
                        + " the executor's " + opt.name() + "; known: " + current.keySet());
            }
            Tensor t = Tensor.zeros(like.type());
            w.optimizerValues[i].copyInto(t);
            saved.put(w.optimizerKeys[i], t);
        }
        opt.loadState(parameters, saved);
        opt.epoch(epoch);
    }

    /**
     * Synchronous mode: adds the share's summed gradients, loss and running statistics to
     * {@code c} (step {@code s} of the unit). Rows {@code rows[from..to)} of the block, at
     * {@code positions[from..to)} of the epoch.
     */
    void sumGradients(Block block, Block.ShareIndex share, int from, int to, long batchStart, long randomStep,
            int partition, Contribution c) {
        int b = to - from;
        Tensor x = block.features(share.order, from, to, input.shape());
        Tensor y = block.labels(share.order, from, to, labels.type());
        RunOptions options = RunOptions.TRAIN.randomStep(randomStep);
        Outputs out = session.run(options, Feeds.of(input, x, labels, y), syncFetches);
        double loss = out.get(0).getDouble(0);
        Values[] grads = new Values[parameters.size()];
        for (int i = 0; i < grads.length; i++) {
            grads[i] = Values.wrap(out.get(1 + i));
        }
        c.gradients = grads;
        c.lossSum[0] = loss * b;
        c.examples[0] = b;
        if (!stateValues.isEmpty()) {
            c.state = Mean.of(stateValues, b);
        }
        if (withPredictions) {
            c.chunks.add(chunk(0, share, from, to, batchStart, out.get(out.size() - 1), y));
        }
        if (trainer.optimizer().guard()) {
            String bad = Double.isFinite(loss) ? null : "the loss is " + loss;
            for (int i = 0; i < grads.length && bad == null; i++) {
                if (grads[i].firstNonFinite() >= 0) {
                    bad = "the gradient of '" + parameters.get(i).name() + "' is not finite";
                }
            }
            if (bad != null) {
                c.failures.put(partition, "partition " + partition + " (" + b + " examples): " + bad);
            }
        }
    }

    /**
     * Parameter averaging: one local training step on the share (the replica's own optimizer and
     * cost, regularizer included), adding the loss and predictions to step {@code s} of {@code c}.
     *
     * @return false if the step was refused (a NaN or infinity; recorded in {@code c.failures})
     */
    boolean localStep(Block block, Block.ShareIndex share, int from, int to, long batchStart, long randomStep,
            int partition, int s, long globalStep, Contribution c) {
        int b = to - from;
        Tensor x = block.features(share.order, from, to, input.shape());
        Tensor y = block.labels(share.order, from, to, labels.type());
        Outputs out = session.run(RunOptions.TRAIN.randomStep(randomStep), Feeds.of(input, x, labels, y), localFetches);
        double loss = out.get(0).getDouble(0);
        Optimizer opt = trainer.optimizer();
        if (opt.guard() && !Double.isFinite(loss)) {
            c.failures.put(partition, "partition " + partition + " (" + b + " examples), step " + (globalStep + 1)
                    + ": the loss is " + loss);
            return false;
        }
        Map<Parameter, Tensor> grads = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            grads.put(parameters.get(i), out.get(1 + i));
        }
        try {
            opt.apply(grads);
        } catch (NonFiniteException e) {
            c.failures.put(partition, "partition " + partition + " (" + b + " examples), step " + (globalStep + 1)
                    + ": the gradient of '" + e.node() + "' is not finite");
            return false;
        }
        c.lossSum[s] += loss * b;
        c.examples[s] += b;
        if (withPredictions) {
            c.chunks.add(chunk(s, share, from, to, batchStart, out.get(out.size() - 1), y));
        }
        return true;
    }

    private static Contribution.Chunk chunk(int s, Block.ShareIndex share, int from, int to, long batchStart,
            Tensor predictions, Tensor y) {
        int[] pos = new int[to - from];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = (int) (share.positions[from + i] - batchStart);
        }
        return y.dtype().isFloating()
                ? new Contribution.Chunk(s, pos, Values.wrap(predictions), null, Values.wrap(y))
                : new Contribution.Chunk(s, pos, Values.wrap(predictions), y.ints(), null);
    }

    /** Parameter averaging: the trained parameters, optimizer slots and state, weighted by examples. */
    void finishRound(Contribution c, long examples, List<String> slotKeys) {
        if (examples == 0) {
            return;
        }
        c.parameters = Mean.of(parameterValues, examples);
        Map<String, Tensor> s = trainer.optimizer().state(parameters);
        List<Tensor> slots = new ArrayList<>();
        for (String k : slotKeys) {
            slots.add(s.get(k));
        }
        c.optimizerSlots = Mean.of(slots, examples);
        if (!stateValues.isEmpty()) {
            c.state = Mean.of(stateValues, examples);
        }
    }
}
