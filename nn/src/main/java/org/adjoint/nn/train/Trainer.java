package org.adjoint.nn.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Node;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.nn.Model;
import org.adjoint.nn.Parameters;
import org.adjoint.nn.data.Batches;
import org.adjoint.nn.data.Dataset;
import org.adjoint.nn.losses.Loss;
import org.adjoint.nn.losses.Regularizer;
import org.adjoint.nn.metrics.Metric;
import org.adjoint.nn.optim.Optimizer;
import org.adjoint.nn.optim.TrainStep;
import org.adjoint.ops.Ops;

/**
 * Trains a {@link Model}: a loss (plus an optional regularization term), an optimizer and metrics,
 * wired once into the model's graph.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model).loss(Losses.softmaxCrossEntropy())
 *         .optimizer(new Adam(1e-3)).metrics(Metrics.accuracy()).build();
 * History h = trainer.fit(train, FitOptions.epochs(10).batchSize(64).dev(dev).progress(true));
 * Map<String, Double> test = trainer.evaluate(testSet);   // evaluation mode
 * }</pre>
 *
 * <p>Feeding: each model input is fed from the data set column of the same name, or, for a
 * single-input model, from {@code features}; the loss's labels from {@code labels}. Every data set
 * is checked (feature shapes, label types and ranges) before the first step.
 *
 * <p>Training runs use the optimizer's global step as their random step, so the same seeds give the
 * same bits. Reported {@code loss}/{@code dev_loss} are the data loss without the regularization
 * term (comparable between train and dev); the optimizer minimizes loss + penalty. Not thread-safe.
 */
public final class Trainer {

    private final Model model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final List<Metric> metrics;
    private final Node labels;
    private final Node dataLoss;
    private final Node cost;
    private final Node predictions;
    private final TrainStep step;
    private final String[] inputColumns;
    private boolean stopRequested;
    private String stopReason;
    private History history;

    private Trainer(Builder b) {
        if (b.loss == null) {
            throw new IllegalArgumentException("trainer: no loss given (builder.loss(...))");
        }
        if (b.optimizer == null) {
            throw new IllegalArgumentException("trainer: no optimizer given (builder.optimizer(...))");
        }
        this.model = b.model;
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.metrics = List.copyOf(b.metrics);
        Node output = model.output();
        Ops o = Ops.on(model.graph());
        TensorType lt = loss.labelType(output);
        this.labels = model.graph().placeholder("labels", lt.dtype(), lt.shape());
        this.dataLoss = loss.build(o, output, labels);
        if (b.regularizer != null) {
            Node m = o.reducedSize(output, 0);
            Node penalty = b.regularizer.penalty(o, model.parameters(), m);
            this.cost = o.named("cost").add(dataLoss, penalty);
        } else {
            this.cost = dataLoss;
        }
        this.predictions = loss.predictions(o, output);
        List<Node> extras = new ArrayList<>();
        extras.add(dataLoss);
        if (!metrics.isEmpty()) {
            extras.add(predictions);
        }
        this.step = optimizer.minimize(cost, model).withFetches(extras);
        inputColumns = new String[model.inputs().size()];
        for (int i = 0; i < inputColumns.length; i++) {
            inputColumns[i] = model.inputs().get(i).name();
        }
    }

    public static Builder builder(Model model) {
        return new Builder(model);
    }

    /** The parts of a trainer. */
    public static final class Builder {
        private final Model model;
        private Loss loss;
        private Optimizer optimizer;
        private Regularizer regularizer;
        private final List<Metric> metrics = new ArrayList<>();

        private Builder(Model model) {
            this.model = model;
        }

        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /** A cost term such as {@code Regularizers.l2(λ)} over the model's weights. */
        public Builder regularizer(Regularizer regularizer) {
            this.regularizer = regularizer;
            return this;
        }

        public Builder metrics(Metric... ms) {
            metrics.addAll(List.of(ms));
            return this;
        }

        public Trainer build() {
            return new Trainer(this);
        }
    }

    public Model model() {
        return model;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public Loss lossFunction() {
        return loss;
    }

    public List<Metric> metrics() {
        return metrics;
    }

    /** The labels placeholder ({@code labels}). */
    public Node labels() {
        return labels;
    }

    /** The data loss node (mean over the batch, without regularization). */
    public Node loss() {
        return dataLoss;
    }

    /** What the optimizer minimizes: the data loss plus the regularization term. */
    public Node cost() {
        return cost;
    }

    /** The loss's predictions (probabilities for classification losses). */
    public Node predictions() {
        return predictions;
    }

    /** The training step (loss, gradients, fused update) this trainer runs. */
    public TrainStep step() {
        return step;
    }

    /**
     * Epochs trained so far: the optimizer's epoch counter, so it continues after a checkpoint with
     * optimizer state is loaded (and with it the schedule and the shuffling order).
     */
    public int epochsDone() {
        return optimizer.epoch();
    }

    /** The history of the last (or running) fit. */
    public History history() {
        return history;
    }

    /** Asks fit to stop after the current epoch (callbacks call this). */
    public void requestStop(String reason) {
        stopRequested = true;
        stopReason = reason;
    }

    // ---- fit --------------------------------------------------------------------------------------

    /**
     * Trains for {@code options.epochs()} epochs over mini-batches of {@code train}.
     *
     * @throws IllegalArgumentException before any step, for a data set that does not fit the model
     *     or the loss (naming the column, the shapes or the bad label)
     * @throws org.adjoint.nn.optim.NonFiniteException if a step produced NaN or infinity (the
     *     variables keep their values from before that step); {@link #history()} has the epochs so far
     */
    public History fit(Dataset train, FitOptions options) {
        check(train, "train");
        if (options.dev() != null) {
            check(options.dev(), "dev");
        }
        Batches batches = train.batches(options.batchSize()).dropLast(options.dropLast());
        if (options.shuffle()) {
            batches.shuffle(options.seed());
        }
        if (batches.count() == 0) {
            throw new IllegalArgumentException("fit: batch size " + options.batchSize() + " with dropLast leaves no batch"
                    + " of the " + train.size() + " training examples");
        }
        List<Callback> callbacks = new ArrayList<>();
        if (options.progress()) {
            callbacks.add(new ProgressBarCallback());
        }
        callbacks.addAll(options.callbacks());
        history = new History();
        stopRequested = false;
        stopReason = null;
        for (Callback cb : callbacks) {
            cb.onTrainBegin(this, options);
        }
        try {
            runEpochs(options, batches, callbacks);
        } catch (RuntimeException e) {
            for (Callback cb : callbacks) {
                cb.onTrainFailed(this, e);
            }
            throw e;
        }
        history.stopReason(stopReason);
        for (Callback cb : callbacks) {
            cb.onTrainEnd(this, history);
        }
        return history;
    }

    private void runEpochs(FitOptions options, Batches batches, List<Callback> callbacks) {
        int predIndex = metrics.isEmpty() ? -1 : step.indexOf(predictions);
        int dataLossIndex = step.indexOf(dataLoss);
        for (int e = 0; e < options.epochs() && !stopRequested; e++) {
            int epochIndex = optimizer.epoch();
            int epoch = epochIndex + 1;
            double lr = optimizer.learningRate();
            for (Callback cb : callbacks) {
                cb.onEpochBegin(this, epoch, batches.count());
            }
            List<Metric.Accumulator> acc = start();
            double lossSum = 0;
            long seen = 0;
            int b = 0;
            for (Dataset original : batches.epoch(epochIndex)) {
                Dataset batch = options.augment() == null ? original : options.augment().apply(original, epochIndex, b);
                b++;
                Tensor y = batch.labels();
                double[] batchLoss = new double[1];
                step.run(feeds(batch, true), out -> {
                    batchLoss[0] = out.get(dataLossIndex).getDouble(0);
                    if (predIndex >= 0) {
                        for (Metric.Accumulator a : acc) {
                            a.update(out.get(predIndex), y);
                        }
                    }
                });
                lossSum += batchLoss[0] * batch.size();
                seen += batch.size();
                for (Callback cb : callbacks) {
                    cb.onBatchEnd(this, epoch, b, batch.size(), batchLoss[0]);
                }
            }
            optimizer.epoch(epochIndex + 1);
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", lossSum / seen);
            for (int i = 0; i < metrics.size(); i++) {
                logs.put(metrics.get(i).name(), acc.get(i).result());
            }
            if (options.dev() != null) {
                for (Map.Entry<String, Double> en : evaluate(options.dev(), options.evalBatchSize()).entrySet()) {
                    logs.put("dev_" + en.getKey(), en.getValue());
                }
            }
            logs.put("lr", lr);
            for (Callback cb : callbacks) {
                cb.onEpochEnd(this, epoch, logs);
            }
            history.record(epoch, logs);
        }
    }

    private List<Metric.Accumulator> start() {
        List<Metric.Accumulator> acc = new ArrayList<>();
        for (Metric m : metrics) {
            acc.add(m.start());
        }
        return acc;
    }

    // ---- evaluate and predict -----------------------------------------------------------------------

    /** Loss and metrics over {@code data} in evaluation mode, batches of 256. */
    public Map<String, Double> evaluate(Dataset data) {
        return evaluate(data, 256);
    }

    /** Loss and metrics over {@code data} in evaluation mode (dropout off, batch norm on running statistics). */
    public Map<String, Double> evaluate(Dataset data, int batchSize) {
        check(data, "evaluate");
        List<Metric.Accumulator> acc = start();
        double[] lossSum = new double[1];
        long seen = 0;
        List<Node> fetch = List.of(dataLoss, predictions);
        for (Dataset batch : data.batches(batchSize).epoch(0)) {
            Tensor y = batch.labels();
            int n = batch.size();
            model.session().run(RunOptions.EVAL, feeds(batch, true), fetch, out -> {
                lossSum[0] += out.get(0).getDouble(0) * n;
                for (Metric.Accumulator a : acc) {
                    a.update(out.get(1), y);
                }
            });
            seen += n;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", lossSum[0] / seen);
        for (int i = 0; i < metrics.size(); i++) {
            out.put(metrics.get(i).name(), acc.get(i).result());
        }
        return out;
    }

    /** The model output for features {@code x} [N, ...] in evaluation mode. */
    public Tensor predict(Tensor x) {
        return predict(Dataset.ofFeatures(x), 256);
    }

    /** The model output for a data set's inputs in evaluation mode, in batches, concatenated. */
    public Tensor predict(Dataset data, int batchSize) {
        return run(data, batchSize, model.output());
    }

    /**
     * What metrics see, for features {@code x} in evaluation mode: class probabilities for the
     * classification losses (sigmoid or softmax of the output), the output itself for regression.
     */
    public Tensor probabilities(Tensor x) {
        return run(Dataset.ofFeatures(x), 256, predictions);
    }

    private Tensor run(Dataset data, int batchSize, Node node) {
        for (int i = 0; i < inputColumns.length; i++) {
            Model.checkInput(model.inputs().get(i), inputColumn(data, i));
        }
        List<Tensor> parts = new ArrayList<>();
        for (Dataset batch : data.batches(batchSize).epoch(0)) {
            parts.add(model.session().eval(RunOptions.EVAL, feeds(batch, false), node));
        }
        return concatRows(parts);
    }

    private static Tensor concatRows(List<Tensor> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int total = 0;
        for (Tensor t : parts) {
            total += t.shape().dim(0);
        }
        int[] dims = parts.get(0).shape().dims();
        dims[0] = total;
        Tensor out = Tensor.zeros(parts.get(0).dtype(), Shape.of(dims));
        int offset = 0;
        for (Tensor t : parts) {
            for (int i = 0; i < t.size(); i++) {
                out.setDouble(offset + i, t.getDouble(i));
            }
            offset += t.size();
        }
        return out;
    }

    // ---- feeding and checks ---------------------------------------------------------------------------

    private Tensor inputColumn(Dataset d, int i) {
        String name = inputColumns[i];
        if (d.has(name)) {
            return d.column(name);
        }
        if (inputColumns.length == 1 && d.has(Dataset.FEATURES)) {
            return d.features();
        }
        throw new IllegalArgumentException("data set has no column for model input '" + name + "'; columns: "
                + d.names());
    }

    private Feeds feeds(Dataset batch, boolean withLabels) {
        Feeds f = Feeds.empty();
        for (int i = 0; i < inputColumns.length; i++) {
            f = f.and(model.inputs().get(i), inputColumn(batch, i));
        }
        if (withLabels) {
            f = f.and(labels, batch.labels());
        }
        return f;
    }

    /** Checks a data set against the model's inputs and the loss's labels, before any step. */
    private void check(Dataset d, String what) {
        if (d == null) {
            throw new IllegalArgumentException(what + ": data set is null");
        }
        for (int i = 0; i < inputColumns.length; i++) {
            Tensor x = inputColumn(d, i);
            try {
                Model.checkInput(model.inputs().get(i), x);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + " data: " + e.getMessage(), e);
            }
        }
        if (!d.has(Dataset.LABELS)) {
            throw new IllegalArgumentException(what + " data: no '" + Dataset.LABELS + "' column; columns: " + d.names());
        }
        Tensor y = d.labels();
        TensorType expected = labels.type();
        if (y.dtype() != expected.dtype() || !expected.shape().isCompatibleWith(y.shape())) {
            throw new IllegalArgumentException(what + " data: labels are " + y.type() + ", the loss " + loss.name()
                    + " expects " + expected);
        }
        try {
            loss.checkLabels(y, model.output().type());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " data: " + e.getMessage(), e);
        }
    }

    /** The model's variables (parameters and state) — what early stopping snapshots. */
    Parameters variables() {
        return model.variables();
    }

}
