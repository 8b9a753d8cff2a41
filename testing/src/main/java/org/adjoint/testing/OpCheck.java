package org.adjoint.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.adjoint.autodiff.Autodiff;
import org.adjoint.autodiff.GradCheck;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Outputs;
import org.adjoint.graph.Session;
import org.adjoint.graph.Tensor;
import org.adjoint.ops.Ops;

/**
 * Performs one check of one {@link OpSpec} for one seed; {@link OpSpecSuite}, the harness self
 * test and users' own tests all call these. Each check draws the spec's sample from
 * {@code new SplittableRandom(seed)}, builds a fresh graph whose placeholders are fed the drawn
 * inputs, and throws an {@link AssertionError} naming the check, the spec, the seed, the sample
 * and a line that replays it, e.g.
 * {@code [firstOrder] spec 'div', seed 123L (inputs f64[3, 2], f64[2]): ...}.
 *
 * <p>All derivative checks run in F64. Non-scalar outputs are contracted with a seeded random
 * cotangent, so the checks test vector-Jacobian products.
 */
public final class OpCheck {

    /** Inputs up to this many elements in all are checked element by element; larger ones by projections. */
    public static final int FULL_JACOBIAN_LIMIT = 256;

    private OpCheck() {
    }

    /** Every check by name, in the order {@link #all} runs them ({@code errors} ignores the seed). */
    public static Map<String, SpecRunner.Check> checks() {
        Map<String, SpecRunner.Check> checks = new LinkedHashMap<>();
        checks.put("forward", OpCheck::forward);
        checks.put("forwardContract", OpCheck::forwardContract);
        checks.put("f32", OpCheck::f32);
        checks.put("repeatable", OpCheck::repeatable);
        checks.put("unknownDims", OpCheck::unknownDims);
        checks.put("gradientTypes", OpCheck::gradientTypes);
        checks.put("zeroCotangent", OpCheck::zeroCotangent);
        checks.put("noGradient", OpCheck::noGradient);
        checks.put("firstOrder", OpCheck::firstOrder);
        checks.put("secondOrder", OpCheck::secondOrder);
        checks.put("extremes", OpCheck::extremes);
        checks.put("errors", (spec, seed) -> errors(spec));
        return Collections.unmodifiableMap(checks);
    }

    /** Runs every check on one seed (what a user calls for a spec of their own). */
    public static void all(OpSpec spec, long seed) {
        forward(spec, seed);
        forwardContract(spec, seed);
        f32(spec, seed);
        repeatable(spec, seed);
        unknownDims(spec, seed);
        gradientTypes(spec, seed);
        zeroCotangent(spec, seed);
        noGradient(spec, seed);
        firstOrder(spec, seed);
        secondOrder(spec, seed);
        extremes(spec, seed);
        errors(spec);
    }

    // ---- the checks ---------------------------------------------------------------------------

    /** The F64 forward pass equals the reference, and the node is an instance of the spec's op class. */
    public static void forward(OpSpec spec, long seed) {
        SpecInstance in = SpecInstance.draw(spec, seed);
        if (!spec.opClass().isInstance(in.output.op())) {
            throw in.fail("forward", "the spec builds a " + in.output.op().getClass().getName() + " node, not a "
                    + spec.opClass().getName());
        }
        Tensor actual = in.session.eval(in.feeds, in.output);
        if (actual.dtype() != in.output.dtype() || !in.output.shape().isCompatibleWith(actual.shape())) {
            throw in.fail("forward", "static type " + in.output.type() + " but the run produced " + actual.type());
        }
        Tensor expected = spec.reference(in.sample.inputs(), in.sample.attrs());
        String diff = compare(expected, actual, spec.forwardTol());
        if (diff != null) {
            throw in.fail("forward", "differs from the reference: " + diff);
        }
    }

    /**
     * Calling the op's {@code forward} directly on a buffer full of garbage (NaN, or a large
     * value for I32) gives the session's result bit for bit, and leaves the inputs unchanged: the
     * executor reuses buffers, so an op must neither read its output nor write its inputs.
     */
    public static void forwardContract(OpSpec spec, long seed) {
        SpecInstance in = SpecInstance.draw(spec, seed);
        Node n = in.output;
        List<Node> args = n.inputs();
        Outputs values = in.session.run(in.feeds, concat(args, n));
        Tensor[] inputs = new Tensor[args.size()];
        Tensor[] before = new Tensor[args.size()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = values.get(i);
            before[i] = inputs[i].copy();
        }
        Tensor expected = values.get(args.size());
        Tensor out = Tensor.zeros(expected.dtype(), expected.shape());
        out.fill(expected.dtype().isInteger() ? -123456789 : Double.NaN);
        n.op().forward(inputs, out);
        if (!out.bitwiseEquals(expected)) {
            throw in.fail("forwardContract", "forward into a buffer of garbage gives " + out + ", the session gave "
                    + expected + " (the op reads its output buffer or leaves elements unwritten)");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (!inputs[i].bitwiseEquals(before[i])) {
                throw in.fail("forwardContract", "forward modified input " + i + ": " + before[i] + " became "
                        + inputs[i]);
            }
        }
    }

    private static List<Node> concat(List<Node> a, Node b) {
        List<Node> out = new ArrayList<>(a);
        out.add(b);
        return out;
    }

    /** The F32 forward pass, built from F32-rounded inputs, stays within {@code f32Tol} of the F64 one. */
    public static void f32(OpSpec spec, long seed) {
        SpecInstance wide = SpecInstance.draw(spec, seed);
        if (!wide.output.dtype().isFloating()) {
            return;
        }
        List<Tensor> rounded = new ArrayList<>();
        for (Tensor t : wide.sample.inputs()) {
            rounded.add(t.dtype() == DType.F64 ? t.cast(DType.F32).cast(DType.F64) : t);
        }
        OpSpec.Sample sample = new OpSpec.Sample(rounded, wide.sample.attrs());
        SpecInstance f64 = SpecInstance.build(spec, seed, sample, DType.F64);
        SpecInstance f32 = SpecInstance.build(spec, seed, sample, DType.F32);
        Tensor expected = f64.session.eval(f64.feeds, f64.output);
        Tensor actual = f32.session.eval(f32.feeds, f32.output);
        if (actual.dtype() != DType.F32) {
            throw f32.fail("f32", "an F32 graph produced " + actual.type());
        }
        String diff = compare(expected, actual, spec.f32Tol());
        if (diff != null) {
            throw f32.fail("f32", "F32 forward differs from F64 by more than f32Tol " + spec.f32Tol() + ": " + diff);
        }
    }

    /** Running a plan twice, and a second session once, gives the same bits (forward and gradients). */
    public static void repeatable(OpSpec spec, long seed) {
        SpecInstance in = SpecInstance.draw(spec, seed);
        List<Node> outputs = new ArrayList<>();
        outputs.add(in.output);
        if (in.output.dtype().isFloating() && spec.differentiable().length > 0) {
            outputs.addAll(in.vjp(in.randomCotangent(), true));
        }
        Outputs first = in.session.run(in.feeds, outputs);
        Outputs second = in.session.run(in.feeds, outputs);
        Outputs fresh = new Session(in.graph).run(in.feeds, outputs);
        for (int i = 0; i < outputs.size(); i++) {
            String what = i == 0 ? "the forward pass" : "gradient " + (i - 1);
            if (!first.get(i).bitwiseEquals(second.get(i))) {
                throw in.fail("repeatable", what + " changed between two runs of one plan: " + first.get(i) + " vs "
                        + second.get(i));
            }
            if (!first.get(i).bitwiseEquals(fresh.get(i))) {
                throw in.fail("repeatable", what + " differs in a new session: " + first.get(i) + " vs "
                        + fresh.get(i));
            }
        }
    }

    /** Gradients have their input's dtype and shape, statically and at run time. */
    public static void gradientTypes(OpSpec spec, long seed) {
        SpecInstance in = SpecInstance.draw(spec, seed);
        if (!in.differentiable()) {
            return;
        }
        List<Node> grads = in.vjp(in.randomCotangent(), false);
        Outputs out = in.session.run(in.feeds, grads);
        int[] diff = spec.differentiable();
        for (int k = 0; k < diff.length; k++) {
            Node x = in.placeholders.get(diff[k]);
            Node g = grads.get(k);
            Tensor value = out.get(k);
            if (g.dtype() != x.dtype() || !g.shape().isCompatibleWith(x.shape())) {
                throw in.fail("gradientTypes", "gradient of input " + diff[k] + " is statically " + g.type()
                        + ", the input is " + x.type());
            }
            Tensor xv = in.feeds.get(x);
            if (!value.type().equals(xv.type())) {
                throw in.fail("gradientTypes", "gradient of input " + diff[k] + " is " + value.type()
                        + " at run time, the input is " + xv.type());
            }
        }
    }

    /** A zero cotangent gives exactly zero gradients. */
    public static void zeroCotangent(OpSpec spec, long seed) {
        SpecInstance in = SpecInstance.draw(spec, seed);
        if (!in.differentiable()) {
            return;
        }
        Tensor zeros = Tensor.zeros(in.output.dtype(), in.outputShape());
        List<Node> grads = in.vjp(in.ops.constant(zeros), false);
        Outputs out = in.session.run(in.feeds, grads);
        for (int k = 0; k < grads.size(); k++) {
            Tensor g = out.get(k);
            for (int i = 0; i < g.size(); i++) {
                if (!(g.getDouble(i) == 0.0)) {
                    throw in.fail("zeroCotangent", "gradient of input " + spec.differentiable()[k] + " is "
                            + g.getDouble(i) + " at flat index " + i + " for a zero cotangent: " + g);
                }
            }
        }
    }

    /**
     * Floating inputs not listed as differentiable get no gradient: autodiff finds no
     * contribution (it throws, or gives zeros when asked to). Ops without gradient list none.
     */
    public static void noGradient(OpSpec spec, long seed) {
        SpecInstance in = SpecInstance.draw(spec, seed);
        if (!in.output.dtype().isFloating()) {
            return;
        }
        BitSet listed = new BitSet();
        for (int i : spec.differentiable()) {
            listed.set(i);
        }
        Node u = in.randomCotangent();
        for (int i = 0; i < in.placeholders.size(); i++) {
            Node x = in.placeholders.get(i);
            if (listed.get(i) || !x.dtype().isFloating()) {
                continue;
            }
            Node g = Autodiff.of(in.output).seed(u).unconnectedAsZeros().wrt(x).get(0);
            Tensor gv = in.session.eval(in.feeds, g);
            for (int j = 0; j < gv.size(); j++) {
                if (!(gv.getDouble(j) == 0.0)) {
                    throw in.fail("noGradient", "input " + i + " is not differentiable but its gradient is " + gv);
                }
            }
            try {
                Autodiff.of(in.output).seed(u).wrt(x);
            } catch (IllegalArgumentException expected) {
                if (expected.getMessage().contains("does not influence")) {
                    continue;
                }
                throw expected;
            }
            throw in.fail("noGradient", "input " + i + " is not differentiable, yet its op returned a gradient"
                    + " node (zero-valued) instead of Grad.none(); list it in differentiable(...) if it has one");
        }
    }

    /** The vector-Jacobian product equals central finite differences (GradCheck). */
    public static void firstOrder(OpSpec spec, long seed) {
        SpecInstance in = SpecInstance.draw(spec, seed);
        if (!in.differentiable()) {
            return;
        }
        GradCheck.Report r = gradCheck(in.output, in.differentiableInputs(), in.feeds, spec, seed);
        if (!r.passed()) {
            throw in.fail("firstOrder", r.toString());
        }
    }

    /**
     * The Hessian-vector product equals finite differences of the gradient: with a random
     * cotangent u and random directions v, the gradient of {@code sum_k <v_k, VJP_k(u)>} with
     * respect to the inputs is checked against GradCheck's central differences of that scalar.
     */
    public static void secondOrder(OpSpec spec, long seed) {
        SpecInstance in = SpecInstance.draw(spec, seed);
        if (!in.differentiable() || !spec.secondOrder()) {
            return;
        }
        List<Node> grads = in.vjp(in.randomCotangent(), true);
        Node s = contract(in.ops, grads, in.rnd);
        List<Node> connected = new ArrayList<>();
        for (Node x : in.differentiableInputs()) {
            if (dependsOn(s, x)) {
                connected.add(x);
            }
        }
        if (connected.isEmpty()) {
            return; // the gradient does not depend on the inputs: the op is linear in them
        }
        GradCheck.Report r = gradCheck(s, connected, in.feeds, spec, seed);
        if (!r.passed()) {
            throw in.fail("secondOrder", "gradient of <v, VJP> (a Hessian-vector product): " + r);
        }
    }

    /** On extreme inputs the forward pass (F64 and F32) and the gradients are finite, and F64 matches the reference. */
    public static void extremes(OpSpec spec, long seed) {
        if (!spec.hasExtremes()) {
            return;
        }
        OpSpec.Sample sample = spec.drawExtreme(new SplittableRandom(seed));
        SpecInstance in = SpecInstance.build(spec, seed, sample, DType.F64);
        Tensor y = in.session.eval(in.feeds, in.output);
        requireFinite(in, "extremes", "F64 forward", y);
        String diff = compare(spec.reference(sample.inputs(), sample.attrs()), y, spec.forwardTol());
        if (diff != null) {
            throw in.fail("extremes", "differs from the reference: " + diff);
        }
        SpecInstance narrow = SpecInstance.build(spec, seed, sample, DType.F32);
        requireFinite(narrow, "extremes", "F32 forward", narrow.session.eval(narrow.feeds, narrow.output));
        if (in.differentiable()) {
            List<Node> grads = in.vjp(in.randomCotangent(), false);
            Outputs out = in.session.run(in.feeds, grads);
            for (int k = 0; k < grads.size(); k++) {
                requireFinite(in, "extremes", "gradient of input " + spec.differentiable()[k], out.get(k));
            }
        }
    }

    /**
     * With every placeholder dimension unknown at build time (only ranks known, as with a batch
     * of -1), the forward pass and the gradients equal those of the fully known build.
     */
    public static void unknownDims(OpSpec spec, long seed) {
        if (!spec.unknownDims()) {
            return;
        }
        SpecInstance known = SpecInstance.draw(spec, seed);
        SpecInstance dynamic = SpecInstance.drawUnknownDims(spec, seed);
        Tensor expected = known.session.eval(known.feeds, known.output);
        Tensor actual = dynamic.session.eval(dynamic.feeds, dynamic.output);
        if (!expected.bitwiseEquals(actual)) {
            throw dynamic.fail("unknownDims", "forward differs from the known-shape build: " + actual + " vs " + expected);
        }
        if (!known.differentiable()) {
            return;
        }
        Tensor u = Gen.uniform(new SplittableRandom(seed ^ 77), expected.shape(), -1, 1).cast(expected.dtype());
        List<Node> gk = known.vjp(known.ops.constant(u), false);
        Node uDyn = dynamic.ops.reshapeLike(dynamic.ops.constant(u), dynamic.output);
        List<Node> gd = dynamic.vjp(uDyn, false);
        Outputs ok = known.session.run(known.feeds, gk);
        Outputs od = dynamic.session.run(dynamic.feeds, gd);
        for (int k = 0; k < gk.size(); k++) {
            String diff = compare(ok.get(k), od.get(k), 1e-12);
            if (diff != null) {
                throw dynamic.fail("unknownDims", "gradient of input " + spec.differentiable()[k]
                        + " differs from the known-shape build: " + diff);
            }
        }
    }

    /** Every error case throws an IllegalArgumentException (ShapeException) whose message matches its pattern. */
    public static void errors(OpSpec spec) {
        for (OpSpec.ErrorCase e : spec.errors()) {
            Ops o = Ops.on(new Graph());
            String where = "[errors] spec '" + spec.name() + "', case '" + e.description() + "': ";
            try {
                e.build().accept(o);
            } catch (IllegalArgumentException ex) {
                String msg = String.valueOf(ex.getMessage());
                if (!e.message().matcher(msg).find()) {
                    throw new AssertionError(where + "message \"" + msg + "\" does not match /" + e.message() + "/",
                            ex);
                }
                continue;
            } catch (RuntimeException ex) {
                throw new AssertionError(where + "threw " + ex.getClass().getName()
                        + " instead of an IllegalArgumentException/ShapeException: " + ex.getMessage(), ex);
            }
            throw new AssertionError(where + "no exception (expected a message matching /" + e.message() + "/)");
        }
    }

    // ---- helpers usable on any graph ------------------------------------------------------------

    /**
     * GradCheck of {@code y} with the spec's tolerances: full Jacobian up to
     * {@link #FULL_JACOBIAN_LIMIT} input elements, random projections above.
     */
    public static GradCheck.Report gradCheck(Node y, List<Node> xs, Feeds feeds, OpSpec spec, long seed) {
        return GradCheck.of(y).wrt(xs).feeds(feeds).rtol(spec.gradRtol()).atol(spec.gradAtol()).seed(seed)
                .maxFullElements(FULL_JACOBIAN_LIMIT).run();
    }

    /** {@code sum_k sum(v_k * grads_k)} with random constant directions {@code v_k} of each gradient's shape. */
    public static Node contract(Ops o, List<Node> grads, SplittableRandom rnd) {
        Node s = null;
        for (Node g : grads) {
            Tensor v = Gen.uniform(rnd, g.shape(), -1, 1).cast(g.dtype());
            Node term = o.sum(o.mul(g, o.constant(v)));
            s = s == null ? term : o.add(s, term);
        }
        return s;
    }

    /** Whether {@code x} is an ancestor of (or is) {@code root}. */
    public static boolean dependsOn(Node root, Node x) {
        BitSet seen = new BitSet();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (n == x) {
                return true;
            }
            if (n.id() < x.id() || seen.get(n.id())) {
                continue;
            }
            seen.set(n.id());
            for (Node i : n.inputs()) {
                stack.push(i);
            }
        }
        return false;
    }

    /**
     * Null if {@code actual} matches {@code expected} (same shape, every element within
     * {@code tol * max(1, |expected|)}, NaN only where expected is NaN), else a description of
     * the worst element.
     */
    public static String compare(Tensor expected, Tensor actual, double tol) {
        if (!expected.shape().equals(actual.shape())) {
            return "shape " + actual.shape() + ", expected " + expected.shape();
        }
        int worst = -1;
        double worstScore = 0;
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.getDouble(i);
            double a = actual.getDouble(i);
            double score;
            if (Double.isNaN(e) || Double.isNaN(a)) {
                score = Double.isNaN(e) && Double.isNaN(a) ? 0 : Double.POSITIVE_INFINITY;
            } else if (e == a) {
                score = 0; // also equal infinities
            } else {
                score = Math.abs(a - e) / Math.max(1, Math.abs(e));
            }
            if (score > tol && (worst < 0 || score > worstScore)) {
                worst = i;
                worstScore = score;
            }
        }
        if (worst < 0) {
            return null;
        }
        int[] idx = new int[expected.shape().rank()];
        Ref.unflatten(worst, expected.shape(), idx);
        return "at " + java.util.Arrays.toString(idx) + " got " + actual.getDouble(worst) + ", expected "
                + expected.getDouble(worst) + " (relative error " + worstScore + " > " + tol + ")";
    }

    private static void requireFinite(SpecInstance in, String check, String what, Tensor t) {
        for (int i = 0; i < t.size(); i++) {
            if (!Double.isFinite(t.getDouble(i))) {
                throw in.fail(check, what + " is not finite at flat index " + i + ": " + t);
            }
        }
    }
}
