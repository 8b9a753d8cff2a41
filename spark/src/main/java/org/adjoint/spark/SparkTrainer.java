package org.adjoint.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.adjoint.autodiff.Autodiff;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Node;
import org.adjoint.graph.Outputs;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.nn.Model;
import org.adjoint.nn.Parameter;
import org.adjoint.nn.Parameters;
import org.adjoint.nn.metrics.Metric;
import org.adjoint.nn.optim.NonFiniteException;
import org.adjoint.nn.optim.Optimizer;
import org.adjoint.nn.train.Callback;
import org.adjoint.nn.train.FitOptions;
import org.adjoint.nn.train.History;
import org.adjoint.nn.train.ProgressBarCallback;
import org.adjoint.nn.train.Trainer;
import org.adjoint.ops.Ops;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Data-parallel training of an nn model on Apache Spark. The driver holds the model's parameters
 * and the optimizer state (a {@link Trainer} built by the {@link TrainerFactory}); executors hold
 * replicas that compute on their partitions of a {@link SparkData}.
 *
 * <pre>{@code
 * SparkTrainer st = SparkTrainer.of(spark, MyModels::digits);
 * History h = st.fit(train, SparkFitOptions.epochs(20).batchSize(512).dev(dev).seed(7).progress(true));
 * Map<String, Double> test = st.evaluate(testData);
 * Checkpoint.save(file, st.trainer().model(), st.trainer().optimizer());
 * }</pre>
 *
 * <p><b>Synchronous mode</b> (default). Each step: the driver broadcasts the parameters; each
 * partition takes its share of the global mini-batch (the examples at positions
 * {@code [k·B, (k+1)·B)} of the epoch's seeded order, exactly those of a single-machine fit's
 * k-th batch), runs a training pass and returns the gradient of the SUM of its examples' losses
 * and their count; the sums are combined by {@code treeAggregate} in a fixed tree over
 * partitions ({@link TreeSum}); the driver divides by the global count, adds the regularizer's
 * gradient (computed once, at the global batch size) and applies the optimizer. So the update is
 * the single-machine update up to the order of floating-point additions: the same seed gives the
 * same parameters within rounding (1e-6 relative in F32), and bit for bit with one partition and a
 * power-of-two batch size. Models with dropout draw masks per partition from
 * {@code (seed, global step + partition·2^40)} (partition 0 draws what fit draws); batch norm
 * normalizes with its partition's statistics and the driver keeps the example-weighted mean of
 * the partitions' running statistics — both train as well but are not the single-machine
 * computation when there are several partitions.
 *
 * <p><b>Parameter averaging</b> ({@link SparkFitOptions#parameterAveraging(int)}): k local steps
 * per partition, then the driver averages parameters, running statistics and optimizer state.
 *
 * <p><b>Faults.</b> A failed task is retried by Spark and computes the same contribution (its
 * result depends only on the broadcast, the data and the step). A NaN or infinity in any
 * partition's loss or gradient stops training before the update with a
 * {@link NonFiniteException} naming the epoch, the step and the partitions. Data whose feature
 * count, dtype or labels do not fit the model are rejected before any job starts (labels are then
 * checked by the loss in one job before the first step).
 *
 * <p>Callbacks are nn's ({@code EarlyStopping}, {@code CheckpointCallback},
 * {@code ProgressBarCallback}, your own): they see {@link #trainer()}, whose model holds the
 * current parameters on the driver. Not thread-safe.
 */
public final class SparkTrainer {

    private final JavaSparkContext sc;
    private final TrainerFactory factory;
    private final Trainer trainer;
    private final ModelSpec spec;
    private final String id = UUID.randomUUID().toString();
    private Node penaltyBatchSize;          // driver graph: m of the regularizer's penalty
    private List<Node> penaltyGradients;
    private History history;
    private StepTimings lastStep;

    private SparkTrainer(SparkSession spark, TrainerFactory factory) {
        this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.factory = factory;
        this.trainer = factory.build();
        if (trainer == null) {
            throw new IllegalArgumentException("spark trainer: the factory returned null");
        }
        Model model = trainer.model();
        if (model.inputs().size() != 1 || model.outputs().size() != 1) {
            throw new IllegalArgumentException("spark trainer: the model must have one input and one output (the"
                    + " features and the loss's output), got inputs " + names(model.inputs()) + " and outputs "
                    + names(model.outputs()));
        }
        this.spec = new ModelSpec(trainer);
    }

    /**
     * A trainer on the caller's session (its master URL and settings decide where and how Spark
     * runs). Builds the driver's trainer with {@code factory} at once.
     */
    public static SparkTrainer of(SparkSession spark, TrainerFactory factory) {
        return new SparkTrainer(spark, factory);
    }

    private static String names(List<Node> nodes) {
        List<String> out = new ArrayList<>();
        for (Node n : nodes) {
            out.add(n.name());
        }
        return out.toString();
    }

    /** The driver's trainer: its model holds the current parameters, its optimizer the state. */
    public Trainer trainer() {
        return trainer;
    }

    /** The history of the last (or running) fit. */
    public History history() {
        return history;
    }

    /** Where the time of the last step went (null before the first step). */
    public StepTimings lastStepTimings() {
        return lastStep;
    }

    // ---- checks before any job ---------------------------------------------------------------------------

    /** Checks data against the model's input and the loss's labels, on the driver (no job). */
    private void check(SparkData data, String what, boolean needLabels) {
        if (data == null) {
            throw new IllegalArgumentException(what + ": data is null");
        }
        Node input = trainer.model().input();
        TensorType in = input.type();
        int[] dims = in.shape().dims();
        int expected = 1;
        for (int i = 1; i < dims.length; i++) {
            if (dims[i] == Shape.UNKNOWN) {
                throw new IllegalArgumentException(what + ": the model's input '" + input.name() + "' " + in
                        + " has unknown dimensions besides the batch; feature rows cannot be shaped to it");
            }
            expected *= dims[i];
        }
        if (data.featureCount() != expected) {
            throw new IllegalArgumentException(what + " data has " + data.featureCount() + " features per example, but"
                    + " the model's input '" + input.name() + "' " + in + " takes " + expected + " (its first layer's"
                    + " parameters are sized for that); no Spark job was started");
        }
        if (data.dtype() != in.dtype()) {
            throw new IllegalArgumentException(what + " data has " + lower(data.dtype()) + " features, but the model's"
                    + " input '" + input.name() + "' is " + in + "; build the data with dtype " + lower(in.dtype()));
        }
        if (!needLabels) {
            return;
        }
        TensorType lt = trainer.labels().type();
        String loss = trainer.lossFunction().name();
        if (!data.hasLabels()) {
            throw new IllegalArgumentException(what + " data has no labels; the loss " + loss + " needs labels " + lt);
        }
        int[] ld = lt.shape().dims();
        int width = 1;
        for (int i = 1; i < ld.length; i++) {
            width = ld[i] == Shape.UNKNOWN ? -1 : width * ld[i];
        }
        if (lt.dtype() == DType.I32) {
            boolean ok = data.labelKind() == Block.Labels.CLASSES
                    || data.labelKind() == Block.Labels.TARGETS && data.labelWidth() == 1 && data.wholeTargets();
            if (!ok || width != 1) {
                throw new IllegalArgumentException(what + " data: the loss " + loss + " takes class indices " + lt
                        + ", the data has " + data.describe());
            }
        } else if (lt.dtype().isFloating()) {
            int have = data.labelWidth();
            if (width != have) {
                throw new IllegalArgumentException(what + " data: the loss " + loss + " takes labels " + lt + " ("
                        + width + (width == 1 ? " value" : " values") + " per example), the data has "
                        + data.describe());
            }
        } else {
            throw new IllegalArgumentException(what + ": labels of type " + lt + " are not supported");
        }
    }

    private static String lower(DType d) {
        return d.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Runs the loss's own label check on every partition (one job). */
    private void checkLabels(SparkData data, String what) {
        EvalTask task = new EvalTask(id, factory, spec, null, 1, false);
        long[] offsets = data.offsets();
        List<String> errors;
        try {
            errors = data.blocks().mapPartitionsWithIndex((p, it) -> task.checkLabels(p, offsets[p], it), true)
                    .collect();
        } catch (Exception e) {
            throw Jobs.unwrap(what + " data", e);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(what + " data: " + errors.get(0));
        }
    }

    // ---- fit ------------------------------------------------------------------------------------------------

    /**
     * Trains for {@code options.epochs()} epochs over global mini-batches of {@code train}.
     *
     * @throws IllegalArgumentException before any job, for data that do not fit the model; after one
     *     check job, for labels the loss rejects
     * @throws NonFiniteException if a partition's loss or gradient was not finite (the update of that
     *     step was not applied; {@link #history()} has the epochs so far)
     */
    public History fit(SparkData train, SparkFitOptions options) {
        check(train, "train", true);
        if (options.dev() != null) {
            check(options.dev(), "dev", true);
        }
        checkLabels(train, "train");
        if (options.dev() != null) {
            checkLabels(options.dev(), "dev");
        }
        Optimizer optimizer = trainer.optimizer();
        List<Callback> callbacks = new ArrayList<>();
        if (options.progress()) {
            callbacks.add(new ProgressBarCallback());
        }
        callbacks.addAll(options.callbacks());
        FitOptions view = options.view();
        history = new History();
        trainer.clearStopRequest();
        for (Callback cb : callbacks) {
            cb.onTrainBegin(trainer, view);
        }
        for (int e = 0; e < options.epochs() && !trainer.stopRequested(); e++) {
            int epochIndex = optimizer.epoch();
            int epoch = epochIndex + 1;
            EpochPlan plan = new EpochPlan(train.id(), train.size(), options.batchSize(), options.seed(),
                    options.shuffle(), options.dropLast(), epochIndex);
            int steps = plan.steps();
            if (steps == 0) {
                throw new IllegalArgumentException("spark fit: batch size " + options.batchSize() + " with dropLast"
                        + " leaves no batch of the " + train.size() + " training examples");
            }
            optimizer.epoch(epochIndex);
            double lr = optimizer.learningRate();
            for (Callback cb : callbacks) {
                cb.onEpochBegin(trainer, epoch, steps);
            }
            List<Metric.Accumulator> acc = new ArrayList<>();
            for (Metric m : trainer.metrics()) {
                acc.add(m.start());
            }
            double lossSum = 0;
            long seen = 0;
            int unit = options.isAveraging() ? options.localSteps() : 1;
            for (int k = 0; k < steps; k += unit) {
                int n = Math.min(unit, steps - k);
                Contribution c = step(train, options, plan, k, n, epoch);
                for (int s = 0; s < n; s++) {
                    long b = c.examples[s];
                    double batchLoss = c.lossSum[s] / b;
                    updateMetrics(acc, c, s, plan.stepSize(k + s));
                    lossSum += c.lossSum[s];
                    seen += b;
                    for (Callback cb : callbacks) {
                        cb.onBatchEnd(trainer, epoch, k + s + 1, (int) b, batchLoss);
                    }
                }
            }
            optimizer.epoch(epochIndex + 1);
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", lossSum / seen);
            for (int i = 0; i < acc.size(); i++) {
                logs.put(trainer.metrics().get(i).name(), acc.get(i).result());
            }
            if (options.dev() != null) {
                for (Map.Entry<String, Double> en : evaluate(options.dev(), options.evalBatchSize(), false).entrySet()) {
                    logs.put("dev_" + en.getKey(), en.getValue());
                }
            }
            logs.put("lr", lr);
            for (Callback cb : callbacks) {
                cb.onEpochEnd(trainer, epoch, logs);
            }
            history.record(epoch, logs);
        }
        history.stopReason(trainer.stopReason());
        for (Callback cb : callbacks) {
            cb.onTrainEnd(trainer, history);
        }
        return history;
    }

    /** One synchronous step ({@code n == 1}) or one averaging round of {@code n} steps, applied on the driver. */
    private Contribution step(SparkData train, SparkFitOptions options, EpochPlan plan, int k, int n, int epoch) {
        Model model = trainer.model();
        Optimizer optimizer = trainer.optimizer();
        boolean averaging = options.isAveraging();
        long t0 = System.nanoTime();
        Weights w = Weights.of(model.parameters(), model.state(), optimizer, averaging);
        Broadcast<Weights> b = sc.broadcast(w);
        long t1 = System.nanoTime();
        List<String> slotKeys = averaging ? slotKeys(optimizer, model.parameters()) : List.of();
        StepTask task = new StepTask(id, factory, spec, b, plan, train.offsets(), k, n, averaging, slotKeys);
        TreeSum.Layout layout = TreeSum.Layout.of(train.partitions(), options.treeDepth());
        Contribution c;
        try {
            c = train.blocks().mapPartitionsWithIndex(task::run, true)
                    .treeAggregate(TreeSum.empty(layout), TreeSum::add, TreeSum::merge, options.treeDepth())
                    .result();
        } catch (Exception e) {
            throw Jobs.unwrap("spark fit, epoch " + epoch + ", step " + (k + 1), e);
        } finally {
            b.destroy();
        }
        long t2 = System.nanoTime();
        long global = optimizer.iterations();
        if (!c.failures.isEmpty()) {
            String what = String.join("; ", c.failures.values());
            throw new NonFiniteException("non-finite value at epoch " + epoch + ", step " + (global + 1)
                    + (averaging ? " (a round of " + n + " local steps)" : "") + ": " + what
                    + "; the update was not applied", epoch, global + 1, null);
        }
        if (averaging) {
            applyAverages(c, n, slotKeys);
        } else {
            applyGradients(c);
        }
        long t3 = System.nanoTime();
        lastStep = new StepTimings(t3 - t0, t1 - t0, t2 - t1, c.fetchNanosMax, c.computeNanosMax, c.computeNanosSum,
                t3 - t2, w.bytes(), c.totalExamples());
        return c;
    }

    private static List<String> slotKeys(Optimizer optimizer, Parameters params) {
        List<String> keys = new ArrayList<>();
        for (String key : optimizer.state(params).keySet()) {
            for (Parameter p : params) {
                if (key.startsWith(p.name() + "/")) {
                    keys.add(key);
                    break;
                }
            }
        }
        return keys;
    }

    /** Synchronous: mean gradient = sum / count, plus the regularizer's gradient at the global batch size. */
    private void applyGradients(Contribution c) {
        Model model = trainer.model();
        Parameters params = model.parameters();
        long count = c.examples[0];
        Values[] sums = c.gradients;
        if (sums == null) {
            throw new IllegalStateException("spark fit: no partition returned gradients for a step of " + count
                    + " examples");
        }
        Outputs penalty = penaltyGradients(count);
        Map<String, Tensor> grads = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            Values g = sums[i];
            g.divide(count);
            if (penalty != null) {
                g.add(Values.wrap(penalty.get(i)));
            }
            grads.put(p.name(), g.tensor(p.shape()));
        }
        trainer.optimizer().apply(params, grads);
        if (c.state != null) {
            c.state.copyInto(Weights.values(model.state()));
        }
    }

    /** The gradients of the regularizer's penalty at batch size m (null without a regularizer). */
    private Outputs penaltyGradients(long m) {
        if (trainer.regularizer() == null) {
            return null;
        }
        Model model = trainer.model();
        if (penaltyGradients == null) {
            Ops o = Ops.on(model.graph());
            DType dt = trainer.cost().dtype();
            penaltyBatchSize = model.graph().placeholder("spark/batch_size", dt, Shape.scalar());
            Node penalty = trainer.regularizer().penalty(o, model.parameters(), penaltyBatchSize);
            penaltyGradients = Autodiff.of(penalty).unconnectedAsZeros().wrt(model.parameters().nodes());
        }
        Tensor mt = Tensor.scalar(penaltyBatchSize.dtype(), m);
        return model.session().run(RunOptions.EVAL, Feeds.of(penaltyBatchSize, mt), penaltyGradients);
    }

    /** Averaging: the example-weighted means become the driver's parameters, state and optimizer state. */
    private void applyAverages(Contribution c, int steps, List<String> slotKeys) {
        Model model = trainer.model();
        Optimizer optimizer = trainer.optimizer();
        if (c.parameters == null) {
            throw new IllegalStateException("spark fit: no partition trained in a round of " + steps + " steps");
        }
        int bad = c.parameters.firstNonFinite();
        if (bad >= 0 && optimizer.guard()) {
            throw new NonFiniteException("non-finite averaged parameter '" + model.parameters().get(bad).name()
                    + "' after step " + (optimizer.iterations() + steps) + "; the update was not applied", optimizer.epoch() + 1,
                    optimizer.iterations() + steps, model.parameters().get(bad).name());
        }
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : optimizer.state(model.parameters()).entrySet()) {
            state.put(e.getKey(), Tensor.zeros(e.getValue().type()));
            state.get(e.getKey()).copyFrom(e.getValue());
        }
        List<Tensor> slots = new ArrayList<>();
        for (String key : slotKeys) {
            slots.add(state.get(key));
        }
        c.optimizerSlots.copyInto(slots);
        state.put("iterations", Tensor.scalar(DType.F64, optimizer.iterations() + steps));
        c.parameters.copyInto(Weights.values(model.parameters()));
        if (c.state != null) {
            c.state.copyInto(Weights.values(model.state()));
        }
        optimizer.loadState(model.parameters(), state);
    }

    /** Training metrics over step {@code s}'s predictions, put back in the batch's order. */
    private void updateMetrics(List<Metric.Accumulator> acc, Contribution c, int s, int batch) {
        if (acc.isEmpty()) {
            return;
        }
        TensorType pt = trainer.predictions().type();
        TensorType lt = trainer.labels().type();
        Tensor p = Tensor.zeros(pt.dtype(), Block.withBatch(pt.shape(), batch));
        Tensor y = Tensor.zeros(lt.dtype(), Block.withBatch(lt.shape(), batch));
        int pw = p.size() / batch;
        int lw = y.size() / batch;
        int rows = 0;
        for (Contribution.Chunk ch : c.chunks) {
            if (ch.step != s) {
                continue;
            }
            for (int i = 0; i < ch.positions.length; i++) {
                int at = ch.positions[i];
                for (int j = 0; j < pw; j++) {
                    p.setDouble(at * pw + j, ch.predictions.get(i * pw + j));
                }
                for (int j = 0; j < lw; j++) {
                    y.setDouble(at * lw + j, ch.classes != null ? ch.classes[i * lw + j] : ch.targets.get(i * lw + j));
                }
            }
            rows += ch.positions.length;
        }
        if (rows != batch) {
            throw new IllegalStateException("spark fit: predictions of " + rows + " examples for a batch of " + batch);
        }
        for (Metric.Accumulator a : acc) {
            a.update(p, y);
        }
    }

    // ---- evaluate and predict -------------------------------------------------------------------------------

    /** Loss and metrics over distributed data in evaluation mode (batches of 256 within each partition). */
    public Map<String, Double> evaluate(SparkData data) {
        return evaluate(data, 256);
    }

    /**
     * Loss and metrics over distributed data in evaluation mode (dropout off, batch norm on running
     * statistics): the loss summed on the executors, metrics on the driver over the predictions in
     * index order (the values {@code Trainer.evaluate} gives on {@link SparkData#collect()}, up to
     * the rounding of the loss's sum).
     */
    public Map<String, Double> evaluate(SparkData data, int batchSize) {
        return evaluate(data, batchSize, true);
    }

    private Map<String, Double> evaluate(SparkData data, int batchSize, boolean checks) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("evaluate: batch size must be >= 1, got " + batchSize);
        }
        if (checks) {
            check(data, "evaluate", true);
            checkLabels(data, "evaluate");
        }
        Model model = trainer.model();
        boolean withPredictions = !trainer.metrics().isEmpty();
        Broadcast<Weights> b = sc.broadcast(Weights.of(model.parameters(), model.state(), trainer.optimizer(), false));
        EvalTask task = new EvalTask(id, factory, spec, b, batchSize, withPredictions);
        List<EvalTask.Part> parts;
        try {
            parts = new ArrayList<>(data.blocks().mapPartitionsWithIndex(task::evaluate, true).collect());
        } catch (Exception e) {
            throw Jobs.unwrap("evaluate", e);
        } finally {
            b.destroy();
        }
        parts.sort((x, y) -> Integer.compare(x.partition(), y.partition()));
        List<Metric.Accumulator> acc = new ArrayList<>();
        for (Metric m : trainer.metrics()) {
            acc.add(m.start());
        }
        double lossSum = 0;
        long seen = 0;
        TensorType pt = trainer.predictions().type();
        TensorType lt = trainer.labels().type();
        for (EvalTask.Part part : parts) {
            if (part.examples() == 0) {
                continue;
            }
            lossSum += part.lossSum();
            seen += part.examples();
            if (withPredictions) {
                int rows = (int) part.examples();
                Tensor p = part.predictions().tensor(Block.withBatch(pt.shape(), rows));
                Tensor y = part.classes() != null ? Tensor.of(part.classes(), Block.withBatch(lt.shape(), rows).dims())
                        : part.targets().tensor(Block.withBatch(lt.shape(), rows));
                for (Metric.Accumulator a : acc) {
                    a.update(p, y);
                }
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", lossSum / seen);
        for (int i = 0; i < acc.size(); i++) {
            out.put(trainer.metrics().get(i).name(), acc.get(i).result());
        }
        return out;
    }

    /**
     * The model output for every example, distributed, keyed by the example's index (evaluation
     * mode; rows flattened). The driver's parameters are broadcast once, when the RDD is computed
     * — compute it before training further.
     */
    public JavaPairRDD<Long, double[]> predict(SparkData data) {
        check(data, "predict", false);
        Model model = trainer.model();
        Broadcast<Weights> b = sc.broadcast(Weights.of(model.parameters(), model.state(), trainer.optimizer(), false));
        EvalTask task = new EvalTask(id, factory, spec, b, 256, false);
        long[] offsets = data.offsets();
        return data.blocks().mapPartitionsWithIndex(task::predict, true)
                .flatMapToPair(o -> EvalTask.rows(o, offsets[o.partition()]));
    }

    /**
     * The model output for every example, collected on the driver in index order:
     * [N, output dims...] (what {@code Trainer.predict} gives on {@link SparkData#collect()}).
     */
    public Tensor predictLocal(SparkData data) {
        check(data, "predict", false);
        Model model = trainer.model();
        Broadcast<Weights> b = sc.broadcast(Weights.of(model.parameters(), model.state(), trainer.optimizer(), false));
        EvalTask task = new EvalTask(id, factory, spec, b, 256, false);
        List<EvalTask.Output> outs;
        try {
            outs = new ArrayList<>(data.blocks().mapPartitionsWithIndex(task::predict, true).collect());
        } catch (Exception e) {
            throw Jobs.unwrap("predict", e);
        } finally {
            b.destroy();
        }
        outs.sort((x, y) -> Integer.compare(x.partition(), y.partition()));
        TensorType ot = model.output().type();
        Tensor out = Tensor.zeros(ot.dtype(), Block.withBatch(ot.shape(), data.size()));
        int width = out.size() / data.size();
        int row = 0;
        for (EvalTask.Output o : outs) {
            for (int i = 0; i < o.rows() * width; i++) {
                out.setDouble(row * width + i, o.values().get(i));
            }
            row += o.rows();
        }
        return out;
    }

    @Override
    public String toString() {
        return "spark trainer of " + trainer.model().parameters().elementCount() + " parameters " + Arrays.toString(
                trainer.model().parameters().names().toArray());
    }
}
