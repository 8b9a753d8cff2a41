package org.adjoint.autodiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.GraphCopy;
import org.adjoint.graph.Node;
import org.adjoint.graph.RunMode;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.ops.Ops;

/**
 * Checks the gradients autodiff builds against central finite differences, in F64, on any graph.
 *
 * <pre>{@code
 * GradCheck.Report r = GradCheck.of(loss).wrt(w, b).feed(x, xs).feed(y, ys).run();
 * r.assertPassed();
 * }</pre>
 *
 * <p>The part of the graph {@code y} needs is copied with F32 widened to F64, so the user's
 * variables are never touched and F32 models are checked at F64 precision. A non-scalar
 * {@code y} is reduced to {@code sum(u * y)} with a seeded random cotangent {@code u} (this
 * checks the vector-Jacobian product). Two modes:
 * <ul>
 *   <li>{@link Mode#FULL}: every element of every input, two evaluations each;</li>
 *   <li>{@link Mode#PROJECTION}: for each input, a few random directions v, comparing
 *       {@code <grad, v>} with {@code (f(x + eps v) - f(x - eps v)) / (2 eps)} — cheap for large inputs.</li>
 * </ul>
 * {@link Mode#AUTO} (the default) picks FULL when the inputs have at most {@code maxFullElements}
 * elements in all. An element passes when {@code |analytic - numeric| <= atol + rtol * max(|analytic|, |numeric|)}.
 */
public final class GradCheck {

    /** How finite differences are taken. */
    public enum Mode { AUTO, FULL, PROJECTION }

    private final Node y;
    private final List<Node> xs = new ArrayList<>();
    private final Map<Node, Tensor> feeds = new LinkedHashMap<>();
    private double eps = 1e-6;
    private double atol = 1e-6;
    private double rtol = 1e-5;
    private Mode mode = Mode.AUTO;
    private int projections = 3;
    private int maxFullElements = 2048;
    private long seed = 42;
    private RunMode runMode = RunMode.TRAIN;
    private long randomStep = 0;

    private GradCheck(Node y) {
        this.y = y;
    }

    /** Starts a check of the gradients of {@code y}. */
    public static GradCheck of(Node y) {
        return new GradCheck(y);
    }

    /** The inputs to check (variables or placeholders). */
    public GradCheck wrt(Node... xs) {
        this.xs.addAll(Arrays.asList(xs));
        return this;
    }

    public GradCheck wrt(List<Node> xs) {
        this.xs.addAll(xs);
        return this;
    }

    /** A value for a placeholder (widened to F64 for the check; the tensor is not modified). */
    public GradCheck feed(Node placeholder, Tensor value) {
        feeds.put(placeholder, value);
        return this;
    }

    public GradCheck feeds(Feeds f) {
        feeds.putAll(f.asMap());
        return this;
    }

    /** Finite-difference step (default 1e-6). */
    public GradCheck eps(double eps) {
        if (!(eps > 0)) {
            throw new IllegalArgumentException("GradCheck: eps must be > 0, got " + eps);
        }
        this.eps = eps;
        return this;
    }

    /** Absolute tolerance (default 1e-6). */
    public GradCheck atol(double atol) {
        if (!(atol >= 0)) {
            throw new IllegalArgumentException("GradCheck: atol must be >= 0, got " + atol);
        }
        this.atol = atol;
        return this;
    }

    /** Relative tolerance (default 1e-5). */
    public GradCheck rtol(double rtol) {
        if (!(rtol >= 0)) {
            throw new IllegalArgumentException("GradCheck: rtol must be >= 0, got " + rtol);
        }
        this.rtol = rtol;
        return this;
    }

    public GradCheck mode(Mode mode) {
        this.mode = mode;
        return this;
    }

    /** Random directions per input in projection mode (default 3). */
    public GradCheck projections(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("GradCheck: projections must be >= 1, got " + n);
        }
        this.projections = n;
        return this;
    }

    /** The largest total input size AUTO checks element by element (default 2048). */
    public GradCheck maxFullElements(int n) {
        this.maxFullElements = n;
        return this;
    }

    /** Seed of the random cotangent and projection directions. */
    public GradCheck seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * The mode of every run of the check (default {@link RunMode#TRAIN}, as in training): in
     * {@link RunMode#EVAL}, dropout is the identity and batch normalization uses its running
     * statistics. State updates are never applied by a check.
     */
    public GradCheck runMode(RunMode mode) {
        this.runMode = java.util.Objects.requireNonNull(mode, "runMode");
        return this;
    }

    /**
     * The random step of every run of the check (default 0). Random ops (dropout masks) draw the
     * same values in every evaluation, so a stochastic model is checked as the deterministic
     * function it is for one step.
     */
    public GradCheck randomStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("GradCheck: random step must be >= 0, got " + step);
        }
        this.randomStep = step;
        return this;
    }

    /** Runs the check. */
    public Report run() {
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("GradCheck of '" + y.name() + "': no inputs given (call wrt(...))");
        }
        for (Node x : xs) {
            if (!x.isVariable() && !x.isPlaceholder()) {
                throw new IllegalArgumentException("GradCheck of '" + y.name() + "': '" + x.name() + "' is computed by "
                        + x.op().name() + "; only variables and placeholders can be perturbed");
            }
            if (x.isPlaceholder() && !feeds.containsKey(x)) {
                throw new IllegalArgumentException("GradCheck of '" + y.name() + "': placeholder '" + x.name()
                        + "' is checked but not fed");
            }
        }
        GraphCopy copy = GraphCopy.toF64(List.of(y));
        Feeds f64 = Feeds.empty();
        Map<Node, Tensor> values = new LinkedHashMap<>();
        for (Map.Entry<Node, Tensor> e : feeds.entrySet()) {
            if (!copy.contains(e.getKey())) {
                continue; // fed but not needed
            }
            Node p = copy.get(e.getKey());
            Tensor t = e.getValue().dtype() == DType.F32 ? e.getValue().cast(DType.F64) : e.getValue().copy();
            f64 = f64.and(p, t);
            values.put(p, t);
        }
        Session session = new Session(copy.graph());
        RunOptions options = RunOptions.of(runMode).randomStep(randomStep).updates(false);
        Node y64 = copy.get(y);
        Ops o = Ops.on(copy.graph());
        Node objective = y64;
        if (y64.shape().size() != 1) {
            Tensor yv = session.eval(options, f64, y64);
            SplittableRandom rnd = new SplittableRandom(seed);
            Tensor u = Tensor.zeros(DType.F64, yv.shape());
            for (int i = 0; i < u.size(); i++) {
                u.setDouble(i, rnd.nextDouble() * 2 - 1);
            }
            objective = o.sum(o.mul(y64, o.constant(u)));
        }
        List<Node> x64 = new ArrayList<>();
        List<Tensor> data = new ArrayList<>();
        int total = 0;
        for (Node x : xs) {
            if (!copy.contains(x)) {
                throw new IllegalArgumentException("GradCheck of '" + y.name() + "': '" + x.name()
                        + "' does not influence it");
            }
            Node n = copy.get(x);
            x64.add(n);
            data.add(n.isVariable() ? n.value() : values.get(n));
            total += data.get(data.size() - 1).size();
        }
        List<Node> grads = Autodiff.of(objective).unconnectedAsZeros().wrt(x64);
        List<Tensor> analytic = new ArrayList<>();
        var out = session.run(options, f64, grads);
        for (int i = 0; i < grads.size(); i++) {
            analytic.add(out.get(i));
        }
        boolean full = mode == Mode.FULL || (mode == Mode.AUTO && total <= maxFullElements);
        final Feeds runFeeds = f64;
        final Node target = objective;
        DoubleSupplier f = () -> session.eval(options, runFeeds, target).item();
        Report report = new Report(y.name(), eps, atol, rtol, full ? Mode.FULL : Mode.PROJECTION);
        for (int k = 0; k < xs.size(); k++) {
            Tensor xv = data.get(k);
            Tensor g = analytic.get(k);
            String name = xs.get(k).name();
            if (full) {
                for (int i = 0; i < xv.size(); i++) {
                    double orig = xv.getDouble(i);
                    xv.setDouble(i, orig + eps);
                    double plus = f.getAsDouble();
                    xv.setDouble(i, orig - eps);
                    double minus = f.getAsDouble();
                    xv.setDouble(i, orig);
                    report.record(name, unflatten(i, xv.shape()), g.getDouble(i), (plus - minus) / (2 * eps));
                }
            } else {
                SplittableRandom rnd = new SplittableRandom(seed + 31L * (k + 1));
                double[] orig = xv.toDoubleArray();
                for (int p = 0; p < projections; p++) {
                    double[] v = new double[orig.length];
                    double dot = 0;
                    for (int i = 0; i < v.length; i++) {
                        v[i] = rnd.nextDouble() * 2 - 1;
                        dot += g.getDouble(i) * v[i];
                    }
                    for (int i = 0; i < v.length; i++) {
                        xv.setDouble(i, orig[i] + eps * v[i]);
                    }
                    double plus = f.getAsDouble();
                    for (int i = 0; i < v.length; i++) {
                        xv.setDouble(i, orig[i] - eps * v[i]);
                    }
                    double minus = f.getAsDouble();
                    for (int i = 0; i < v.length; i++) {
                        xv.setDouble(i, orig[i]);
                    }
                    report.record(name, new int[] {-(p + 1)}, dot, (plus - minus) / (2 * eps));
                }
            }
        }
        return report;
    }

    private static int[] unflatten(int flat, Shape s) {
        int[] idx = new int[s.rank()];
        for (int d = s.rank() - 1; d >= 0; d--) {
            idx[d] = flat % s.dim(d);
            flat /= s.dim(d);
        }
        return idx;
    }

    /** One compared value. In projection mode the index is {@code [-p]} for the p-th direction. */
    public record Entry(String input, int[] index, double analytic, double numeric, double absError,
                        double relError) {

        /** Where the value sits: {@code 'w'[1, 0]} or {@code 'w' along random direction 2}. */
        public String location() {
            if (index.length == 1 && index[0] < 0) {
                return "'" + input + "' along random direction " + (-index[0]);
            }
            return "'" + input + "'" + Arrays.toString(index);
        }

        @Override
        public String toString() {
            return location() + ": analytic " + analytic + ", numeric " + numeric + ", abs error " + absError
                    + ", rel error " + relError;
        }
    }

    /** The outcome: counts, the worst entry, and a readable summary. */
    public static final class Report {
        private final String output;
        private final double eps;
        private final double atol;
        private final double rtol;
        private final Mode mode;
        private int checked;
        private int failed;
        private Entry worst;
        private double worstScore = -1;

        Report(String output, double eps, double atol, double rtol, Mode mode) {
            this.output = output;
            this.eps = eps;
            this.atol = atol;
            this.rtol = rtol;
            this.mode = mode;
        }

        void record(String input, int[] index, double analytic, double numeric) {
            double abs = Math.abs(analytic - numeric);
            double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
            double rel = scale == 0 ? 0 : abs / scale;
            double score = abs / (atol + rtol * scale);
            boolean ok = abs <= atol + rtol * scale; // false for NaN
            if (Double.isNaN(abs)) {
                score = Double.POSITIVE_INFINITY;
            }
            checked++;
            if (!ok) {
                failed++;
            }
            if (score > worstScore || worst == null) {
                worstScore = score;
                worst = new Entry(input, index, analytic, numeric, abs, rel);
            }
        }

        public boolean passed() {
            return failed == 0 && checked > 0;
        }

        /** Values compared. */
        public int checked() {
            return checked;
        }

        /** Values outside tolerance. */
        public int failed() {
            return failed;
        }

        /** The value with the largest error relative to its tolerance. */
        public Entry worst() {
            return worst;
        }

        /** The mode actually used (FULL or PROJECTION). */
        public Mode mode() {
            return mode;
        }

        /** Throws an {@link AssertionError} with {@link #toString()} unless the check passed. */
        public Report assertPassed() {
            if (!passed()) {
                throw new AssertionError(toString());
            }
            return this;
        }

        @Override
        public String toString() {
            return "GradCheck " + (passed() ? "passed" : "FAILED") + " for '" + output + "': " + failed + " of "
                    + checked + " values outside tolerance (mode " + mode.name().toLowerCase() + ", eps " + eps
                    + ", atol " + atol + ", rtol " + rtol + "); worst: " + worst;
        }
    }
}
