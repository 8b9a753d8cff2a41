package org.adjoint.nn.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.adjoint.graph.DType;
import org.adjoint.graph.Node;
import org.adjoint.graph.Session;
import org.adjoint.graph.Tensor;
import org.adjoint.kernels.KernelProvider;
import org.adjoint.kernels.OptimizerKernels;
import org.adjoint.nn.Model;
import org.adjoint.nn.Parameter;
import org.adjoint.nn.Parameters;

/**
 * Updates parameters from their gradients, by name, with the fused kernels. Two ways in:
 * <ul>
 *   <li>{@link #minimize}: derives the gradients of a loss once (nodes in the graph) and returns a
 *       {@link TrainStep}; each {@code step.run(feeds)} computes loss and gradients in one run and
 *       updates the variables in place from the run's own buffers (no copies);</li>
 *   <li>{@link #apply(Parameters, Map)}: gradients computed elsewhere (summed over data partitions,
 *       accumulated over micro-batches), keyed by parameter name.</li>
 * </ul>
 * One update: check the gradients (a NaN or infinity stops it before any variable changes, naming
 * the parameter), compute their global norm ({@link #lastGradientNorm()}), clip by value and/or
 * by global norm if configured (the gradient tensors are modified), take the learning rate from
 * the schedule at (step, epoch), apply decoupled weight decay {@code w *= 1 - lr·wd} to weights (not
 * biases) if configured, then the method's own update.
 *
 * <p>State (moment estimates) is kept per parameter name and is created on first use; it is
 * saved in checkpoints through {@link #state()} / {@link #loadState}. Not thread-safe.
 */
public abstract class Optimizer {

    private final String name;
    private LearningRateSchedule schedule;
    private double clipValue = Double.NaN;
    private double clipNorm = Double.NaN;
    private double weightDecay;
    private boolean guard = true;
    private long iterations;
    private int epoch;
    private double lastNorm = Double.NaN;
    private final Map<String, Tensor[]> slots = new LinkedHashMap<>();

    protected Optimizer(String name, double learningRate) {
        this.name = name;
        this.schedule = LearningRateSchedule.constant(LearningRateSchedule.checkRate(name, learningRate));
    }

    /** The method's name, e.g. {@code adam}. */
    public String name() {
        return name;
    }

    /** The names of the per-parameter state tensors (e.g. {@code m}, {@code v}); empty for plain SGD. */
    protected abstract String[] slotNames();

    /** The method's update of {@code w} from {@code g} and its state, at 1-based step {@code t}. */
    protected abstract void update(OptimizerKernels k, Tensor w, Tensor g, Tensor[] state, double lr, long t);

    // ---- configuration --------------------------------------------------------------------------

    /** Replaces the learning rate with a schedule. */
    public Optimizer schedule(LearningRateSchedule schedule) {
        this.schedule = java.util.Objects.requireNonNull(schedule, "schedule");
        return this;
    }

    /** Clips every gradient element to [-c, c] (c &gt; 0). */
    public Optimizer clipByValue(double c) {
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException(name + ": clip value must be a positive finite number, got clipValue=" + c);
        }
        this.clipValue = c;
        return this;
    }

    /** Scales all gradients by {@code maxNorm / norm} when their global L2 norm exceeds maxNorm (&gt; 0). */
    public Optimizer clipByGlobalNorm(double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException(name + ": max norm must be a positive finite number, got maxNorm="
                    + maxNorm);
        }
        this.clipNorm = maxNorm;
        return this;
    }

    /** Decoupled weight decay {@code w *= 1 - lr·wd} on weights (not biases) before each update (wd ≥ 0). */
    public Optimizer weightDecay(double wd) {
        if (!(wd >= 0) || Double.isInfinite(wd)) {
            throw new IllegalArgumentException(name + ": weight decay must be a finite number >= 0, got weightDecay="
                    + wd);
        }
        this.weightDecay = wd;
        return this;
    }

    /** Whether non-finite gradients stop the update (default on). */
    public Optimizer guard(boolean on) {
        this.guard = on;
        return this;
    }

    public boolean guard() {
        return guard;
    }

    public double weightDecay() {
        return weightDecay;
    }

    // ---- progress -------------------------------------------------------------------------------

    /** Updates done so far (the global step; a trainer uses it as the random step of each run). */
    public long iterations() {
        return iterations;
    }

    /** The epoch the schedule sees (0-based; set by the training loop). */
    public int epoch() {
        return epoch;
    }

    public void epoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException(name + ": epoch must be >= 0, got " + epoch);
        }
        this.epoch = epoch;
    }

    /** The learning rate of the next update. */
    public double learningRate() {
        return schedule.rate(iterations, epoch);
    }

    /** The global L2 norm of the gradients of the last update, before clipping (NaN before the first). */
    public double lastGradientNorm() {
        return lastNorm;
    }

    // ---- entry points ---------------------------------------------------------------------------

    /** Gradients of {@code loss} for the model's trainable parameters; runs on the model's session. */
    public TrainStep minimize(Node loss, Model model) {
        return minimize(loss, model.parameters(), model.session());
    }

    /** Gradients of {@code loss} for the trainable ones of {@code params}, on a new session. */
    public TrainStep minimize(Node loss, Parameters params) {
        return minimize(loss, params, new Session(loss.graph()));
    }

    /** Gradients of {@code loss} for the trainable ones of {@code params}, run on {@code session}. */
    public TrainStep minimize(Node loss, Parameters params, Session session) {
        return new TrainStep(this, Gradients.of(loss, params), session, List.of());
    }

    /**
     * One update from gradients keyed by parameter name: every trainable parameter of
     * {@code params} needs one, of its dtype and shape. Clipping modifies the given tensors.
     *
     * @throws IllegalArgumentException for an unknown name, a missing gradient, or a type mismatch
     *     (nothing is updated)
     * @throws NonFiniteException if a gradient holds NaN or infinity (nothing is updated)
     */
    public void apply(Parameters params, Map<String, Tensor> gradients) {
        Parameters trainable = params.trainable();
        for (String key : gradients.keySet()) {
            if (!trainable.contains(key)) {
                throw new IllegalArgumentException(name + ".apply: gradient for '" + key
                        + "', which is not a trainable parameter; known: " + trainable.names());
            }
        }
        Parameter[] ps = new Parameter[trainable.size()];
        Tensor[] gs = new Tensor[ps.length];
        for (int i = 0; i < ps.length; i++) {
            ps[i] = trainable.get(i);
            gs[i] = gradients.get(ps[i].name());
            if (gs[i] == null) {
                throw new IllegalArgumentException(name + ".apply: no gradient for parameter '" + ps[i].name() + "'");
            }
        }
        applyAll(ps, gs);
    }

    /** One update from gradients keyed by parameter (only the given ones are updated). */
    public void apply(Map<Parameter, Tensor> gradients) {
        Parameter[] ps = gradients.keySet().toArray(new Parameter[0]);
        Tensor[] gs = new Tensor[ps.length];
        for (int i = 0; i < ps.length; i++) {
            if (!ps[i].trainable()) {
                throw new IllegalArgumentException(name + ".apply: '" + ps[i].name() + "' is state, not trainable");
            }
            gs[i] = gradients.get(ps[i]);
        }
        applyAll(ps, gs);
    }

    /** The update itself; {@code ps[i]}'s gradient is {@code gs[i]}. */
    void applyAll(Parameter[] ps, Tensor[] gs) {
        OptimizerKernels k = KernelProvider.get().optimizers();
        for (int i = 0; i < ps.length; i++) {
            Tensor w = ps[i].value();
            if (gs[i] == null || gs[i].dtype() != w.dtype() || gs[i].size() != w.size()
                    || !gs[i].shape().equals(w.shape())) {
                throw new IllegalArgumentException(name + ": gradient for '" + ps[i].name() + "' is "
                        + (gs[i] == null ? "null" : gs[i].type().toString()) + ", the parameter is " + w.type());
            }
        }
        double total = 0;
        int firstBad = -1;
        for (int i = 0; i < ps.length; i++) {
            double ss = sumOfSquares(k, gs[i]);
            if (!Double.isFinite(ss) && firstBad < 0) {
                firstBad = i;
            }
            total += ss;
        }
        lastNorm = Math.sqrt(total);
        if (guard && firstBad >= 0) {
            throw new NonFiniteException(name + ": the gradient of parameter '" + ps[firstBad].name()
                    + "' is not finite at epoch " + (epoch + 1) + ", step " + (iterations + 1)
                    + "; no variable was updated", epoch + 1, iterations + 1, ps[firstBad].name());
        }
        double lr = schedule.rate(iterations, epoch);
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalStateException(name + ": the schedule gave learning rate lr=" + lr + " at step "
                    + iterations + ", epoch " + epoch + "; it must be a positive finite number");
        }
        if (!Double.isNaN(clipValue)) {
            for (Tensor g : gs) {
                clip(k, g, clipValue);
            }
        }
        if (!Double.isNaN(clipNorm) && lastNorm > clipNorm) {
            double factor = clipNorm / lastNorm;
            for (Tensor g : gs) {
                scale(k, g, factor);
            }
        }
        long t = iterations + 1;
        for (int i = 0; i < ps.length; i++) {
            Tensor w = ps[i].value();
            if (weightDecay > 0 && ps[i].regularized()) {
                scale(k, w, 1 - lr * weightDecay);
            }
            update(k, w, gs[i], slotsFor(ps[i]), lr, t);
        }
        iterations = t;
    }

    private Tensor[] slotsFor(Parameter p) {
        Tensor[] s = slots.get(p.name());
        if (s == null) {
            String[] names = slotNames();
            s = new Tensor[names.length];
            for (int j = 0; j < s.length; j++) {
                s[j] = Tensor.zeros(p.value().type());
            }
            slots.put(p.name(), s);
        } else if (s.length > 0 && !s[0].type().equals(p.value().type())) {
            throw new IllegalStateException(name + ": state of '" + p.name() + "' is " + s[0].type()
                    + " but the parameter is " + p.value().type());
        }
        return s;
    }

    /** The state tensors of {@code p}, created (zeros) if needed; an array per {@link #slotNames()}. */
    Tensor[] stateOf(Parameter p) {
        return slotsFor(p);
    }

    // ---- state for checkpoints ------------------------------------------------------------------

    /**
     * The optimizer state of {@code params}' trainable parameters, by name: {@code <param>/<slot>}
     * for each state tensor (the live tensors; created as zeros if no update ran yet), and
     * {@code iterations} and {@code epoch} (F64 scalars, exact to 2^53), so a restored training
     * run continues with the same schedule, shuffling and dropout masks.
     */
    public Map<String, Tensor> state(Parameters params) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        String[] names = slotNames();
        for (Parameter p : params.trainable()) {
            Tensor[] s = slotsFor(p);
            for (int j = 0; j < names.length; j++) {
                out.put(p.name() + "/" + names[j], s[j]);
            }
        }
        out.put("iterations", Tensor.scalar(DType.F64, iterations));
        out.put("epoch", Tensor.scalar(DType.F64, epoch));
        return out;
    }

    /**
     * Loads state saved by {@link #state(Parameters)}. Checks every name, dtype and shape first; on
     * an exception nothing has changed.
     */
    public void loadState(Parameters params, Map<String, Tensor> saved) {
        Map<String, Tensor> expected = state(params);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            Tensor t = saved.get(e.getKey());
            if (t == null) {
                problems.add("missing '" + e.getKey() + "'");
            } else if (!t.type().equals(e.getValue().type())) {
                problems.add("'" + e.getKey() + "' is " + t.type() + ", expected " + e.getValue().type());
            }
        }
        for (String key : saved.keySet()) {
            if (!expected.containsKey(key)) {
                problems.add("unexpected '" + key + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(name + ".loadState: " + String.join("; ", problems));
        }
        double it = saved.get("iterations").item();
        double ep = saved.get("epoch").item();
        if (!(it >= 0) || it != Math.rint(it) || !(ep >= 0) || ep != Math.rint(ep) || ep > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + ".loadState: iterations and epoch must be whole numbers >= 0, got "
                    + it + " and " + ep);
        }
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            if (!e.getKey().equals("iterations") && !e.getKey().equals("epoch")) {
                e.getValue().copyFrom(saved.get(e.getKey()));
            }
        }
        iterations = (long) it;
        epoch = (int) ep;
    }

    // ---- kernel helpers ---------------------------------------------------------------------------

    private static double sumOfSquares(OptimizerKernels k, Tensor g) {
        return g.dtype() == DType.F32 ? k.sumOfSquares(g.floats(), g.size()) : k.sumOfSquares(g.doubles(), g.size());
    }

    private static void clip(OptimizerKernels k, Tensor g, double c) {
        if (g.dtype() == DType.F32) {
            k.clip(g.floats(), (float) -c, (float) c, g.size());
        } else {
            k.clip(g.doubles(), -c, c, g.size());
        }
    }

    private static void scale(OptimizerKernels k, Tensor x, double s) {
        if (x.dtype() == DType.F32) {
            k.scale(x.floats(), (float) s, x.size());
        } else {
            k.scale(x.doubles(), s, x.size());
        }
    }

    /** True for F32 tensors (the update helpers dispatch on it). */
    protected static boolean isF32(Tensor w) {
        return w.dtype() == DType.F32;
    }
}
