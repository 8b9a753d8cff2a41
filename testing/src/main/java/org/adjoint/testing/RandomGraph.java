package org.adjoint.testing;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomDistribution;
import org.adjoint.autodiff.Autodiff;
import org.adjoint.autodiff.GradCheck;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.ops.Ops;

/**
 * A random DAG of registered differentiable ops, decoded from a list of small non-negative
 * integers ("choices") so that jqwik can shrink it: dropping choices drops steps, smaller
 * choices pick earlier operands and simpler ops. Every list decodes to a valid graph; a
 * choice read past the end is 0.
 *
 * <p>Layout: {@code [inputs-1, shape per input, (op, operand a, operand b, param) per step]}, where
 * a shape choice is {@code rank + 4 * (base-4 digits picking each dimension from {1, 2, 3, 5})}.
 * Operands come from a pool of all nodes built so far, wiring only shape-compatible ones
 * (broadcasting pairs, matmul when inner dimensions fit); otherwise the step falls back to a
 * unary op. Values stay in the smooth, well-conditioned region: log and division see
 * {@code x^2 + c}, exp sees {@code tanh(x)}, and a node whose values exceed 8 in magnitude is
 * rescaled by a constant. The loss is the sum of the last node.
 */
public final class RandomGraph {

    /** Dimension sizes of the inputs. */
    private static final int[] DIMS = {1, 2, 3, 5};
    /** Choices are in [0, CHOICE_BOUND). */
    public static final int CHOICE_BOUND = 256;
    /** Number of op kinds in {@link #step}: 17 core ops, then 3 (of 20) steps that apply a spec's op. */
    static final int KINDS = 20;
    /** Spec steps whose drawn inputs exceed this many elements fall back to tanh (keeps checks fast). */
    private static final int SPEC_STEP_MAX_ELEMENTS = 1024;
    /** How far a pool node may move a spec's drawn input: small enough to stay inside its domain. */
    private static final double SPEC_STEP_SHIFT = 1e-3;
    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-6;
    /** At most this many steps are decoded. */
    public static final int MAX_STEPS = 16;

    private final List<Integer> choices;
    private final List<OpSpec> specs;
    private int pos;
    private final SplittableRandom values;
    private final Graph graph = new Graph();
    private final Ops o = Ops.on(graph);
    private final List<Node> inputs = new ArrayList<>();
    private final List<Node> pool = new ArrayList<>();
    private Feeds feeds = Feeds.empty();
    private final Session session = new Session(graph);
    private final Node loss;

    private RandomGraph(List<Integer> choices, long valueSeed, List<OpSpec> specs) {
        this.choices = choices;
        this.specs = specs;
        this.values = new SplittableRandom(valueSeed);
        int n = 1 + next(3);
        for (int i = 0; i < n; i++) {
            int shape = next(CHOICE_BOUND);
            int rank = shape % 4;
            int[] dims = new int[rank];
            for (int d = 0, digits = shape / 4; d < rank; d++, digits /= 4) {
                dims[d] = DIMS[digits % 4];
            }
            Tensor v = Gen.uniform(values, Shape.of(dims), -1, 1);
            Node x;
            if (i % 2 == 0) {
                x = o.placeholder("x" + i, DType.F64, v.shape());
                feeds = feeds.and(x, v);
            } else {
                x = o.variable("w" + i, v);
            }
            inputs.add(x);
            pool.add(x);
        }
        for (int s = 0; s < MAX_STEPS && pos < choices.size(); s++) {
            int kind = next(KINDS);
            Node a = pool.get(next(pool.size()));
            Node b = pool.get(next(pool.size()));
            int param = next(CHOICE_BOUND);
            pool.add(bounded(step(kind, a, b, param)));
        }
        this.loss = o.named("loss").sum(pool.get(pool.size() - 1));
    }

    /** Decodes a graph of core ops; {@code valueSeed} draws the input values in [-1, 1). */
    public static RandomGraph decode(List<Integer> choices, long valueSeed) {
        return new RandomGraph(choices, valueSeed, List.of());
    }

    /**
     * Decodes a graph whose steps may also apply any of {@code specs}' ops: the spec draws its
     * inputs, and up to two of its differentiable inputs become
     * {@code drawn + 1e-3 * tanh(pool node)} (the pool node summed to a scalar when it does not
     * broadcast), so the gradient flows through the op while its inputs stay in its domain.
     */
    public static RandomGraph decode(List<Integer> choices, long valueSeed, List<OpSpec> specs) {
        List<OpSpec> usable = new ArrayList<>();
        for (OpSpec s : specs) {
            if (s.differentiable().length > 0) {
                usable.add(s);
            }
        }
        return new RandomGraph(choices, valueSeed, usable);
    }

    /**
     * jqwik's arbitrary of choice lists (shrinkable: fewer choices, smaller choices), for your own
     * random-graph properties:
     * <pre>{@code
     * @Property
     * void myOpsComposeWithTheOthers(@ForAll("graphs") List<Integer> choices, @ForAll long seed) {
     *     RandomGraph.checkGradients(choices, seed, mySpecs);
     * }
     *
     * @Provide
     * Arbitrary<List<Integer>> graphs() {
     *     return RandomGraph.choices();
     * }
     * }</pre>
     */
    public static Arbitrary<List<Integer>> choices() {
        return Arbitraries.integers().between(0, CHOICE_BOUND - 1).list()
                .ofMinSize(1).ofMaxSize(4 + 4 * MAX_STEPS)
                .withSizeDistribution(RandomDistribution.uniform());
    }

    /**
     * The graph decoded from {@code choices} (steps may apply {@code specs}' ops) has gradients
     * equal to central differences; throws an {@link AssertionError} printing the graph otherwise.
     */
    public static void checkGradients(List<Integer> choices, long valueSeed, List<OpSpec> specs) {
        RandomGraph g = decode(choices, valueSeed, specs);
        GradCheck.Report r = GradCheck.of(g.loss).wrt(g.usedInputs()).feeds(g.feeds()).rtol(RTOL).atol(ATOL)
                .seed(valueSeed).maxFullElements(OpCheck.FULL_JACOBIAN_LIMIT).run();
        if (!r.passed()) {
            throw new AssertionError(r + "\n" + g);
        }
    }

    /**
     * The graph's Hessian-vector products equal central differences of its gradient (specs
     * declaring {@code noSecondOrder()} are left out).
     */
    public static void checkHessianVectorProducts(List<Integer> choices, long valueSeed, List<OpSpec> specs) {
        List<OpSpec> second = new ArrayList<>();
        for (OpSpec s : specs) {
            if (s.secondOrder()) {
                second.add(s);
            }
        }
        RandomGraph g = decode(choices, valueSeed, second);
        List<Node> grads = Autodiff.of(g.loss).wrt(g.usedInputs());
        Node s = OpCheck.contract(g.o, grads, new SplittableRandom(valueSeed));
        List<Node> connected = new ArrayList<>();
        for (Node x : g.usedInputs()) {
            if (OpCheck.dependsOn(s, x)) {
                connected.add(x);
            }
        }
        if (connected.isEmpty()) {
            return; // the loss is linear in every input
        }
        GradCheck.Report r = GradCheck.of(s).wrt(connected).feeds(g.feeds()).rtol(RTOL).atol(ATOL)
                .seed(valueSeed).maxFullElements(OpCheck.FULL_JACOBIAN_LIMIT).run();
        if (!r.passed()) {
            throw new AssertionError("Hessian-vector product: " + r + "\n" + g);
        }
    }

    /** The decoded graph. */
    public Graph graph() {
        return graph;
    }

    /** The scalar loss: the sum of the last node. */
    public Node loss() {
        return loss;
    }

    /** The inputs the loss depends on. */
    public List<Node> usedInputs() {
        List<Node> used = new ArrayList<>();
        for (Node x : inputs) {
            if (OpCheck.dependsOn(loss, x)) {
                used.add(x);
            }
        }
        return used;
    }

    /** Values of the placeholders among the inputs. */
    public Feeds feeds() {
        return feeds;
    }

    private int next(int bound) {
        int c = pos < choices.size() ? choices.get(pos) : 0;
        pos++;
        return Math.floorMod(c, bound);
    }

    private Node step(int kind, Node a, Node b, int p) {
        switch (kind) {
            case 0: return o.neg(a);
            case 1: return o.exp(o.tanh(a));
            case 2: return o.log(o.add(o.square(a), 0.5));
            case 3: return o.square(a);
            case 4: return o.reciprocal(o.add(o.square(a), 1.0));
            case 5: return o.sigmoid(a);
            case 6: return o.tanh(a);
            case 7: return o.add(a, broadcastable(a, b) ? b : a);
            case 8: return o.sub(a, broadcastable(a, b) ? b : o.tanh(a));
            case 9: return o.mul(a, broadcastable(a, b) ? b : a);
            case 10: return o.div(a, o.add(o.square(broadcastable(a, b) ? b : a), 1.0));
            case 11: return matmul(a, b, p);
            case 12: return o.sum(a, (p & 1) == 1, axes(a.shape().rank(), p >> 1));
            case 13: return reshape(a, p);
            case 14: return o.transpose(a, permutation(a.shape().rank(), p));
            case 15: return o.sigmoidCrossEntropyWithLogits(a, a.shape().equals(b.shape()) ? b : o.sigmoid(a));
            case 16: return o.mean(a, (p & 1) == 1, axes(a.shape().rank(), p >> 1));
            default: return specs.isEmpty() ? o.tanh(a) : specStep(specs.get(p % specs.size()), a, b);
        }
    }

    /** The spec's op on its drawn inputs, with a and b wired into its first two differentiable inputs. */
    private Node specStep(OpSpec spec, Node a, Node b) {
        OpSpec.Sample sample = spec.drawSample(values);
        int total = 0;
        for (Tensor t : sample.inputs()) {
            total += t.size();
        }
        if (total > SPEC_STEP_MAX_ELEMENTS) {
            return o.tanh(a);
        }
        BitSet differentiable = new BitSet();
        for (int i : spec.differentiable()) {
            differentiable.set(i);
        }
        Node[] operands = {a, b};
        int used = 0;
        List<Node> in = new ArrayList<>();
        for (int i = 0; i < sample.inputs().size(); i++) {
            Tensor t = sample.inputs().get(i);
            Node leaf = o.constant(t);
            if (differentiable.get(i) && t.dtype() == DType.F64 && used < operands.length) {
                Node src = operands[used++];
                Node squashed = t.shape().equals(Shape.broadcast(t.shape(), src.shape())) ? o.tanh(src)
                        : o.tanh(o.sum(src));
                leaf = o.add(leaf, o.mul(squashed, SPEC_STEP_SHIFT));
            }
            in.add(leaf);
        }
        Node out;
        try {
            out = spec.buildOn(o, in, sample.attrs());
        } catch (RuntimeException e) {
            return o.tanh(a); // the spec's build needs placeholders of its own; leave it to OpSpecProperties
        }
        return out.dtype() == DType.F64 && out.shape().isKnown() ? out : o.tanh(a);
    }

    private static boolean broadcastable(Node a, Node b) {
        return Shape.broadcast(a.shape(), b.shape()) != null;
    }

    /** matmul of a and b with the first flag combination (from {@code p}) whose shapes fit; else a^T a or a a^T; else tanh. */
    private Node matmul(Node a, Node b, int p) {
        if (a.shape().rank() == 2 && b.shape().rank() == 2) {
            for (int t = 0; t < 4; t++) {
                int flags = (p + t) % 4;
                boolean ta = (flags & 1) != 0;
                boolean tb = (flags & 2) != 0;
                int ka = ta ? a.shape().dim(0) : a.shape().dim(1);
                int kb = tb ? b.shape().dim(1) : b.shape().dim(0);
                if (ka == kb) {
                    return o.matmul(a, b, ta, tb);
                }
            }
        }
        if (a.shape().rank() == 2) {
            boolean gram = (p & 1) == 0;
            return o.matmul(a, a, gram, !gram);
        }
        return o.tanh(a);
    }

    /** The axes whose bits are set in {@code bits} (none: all axes). */
    private static int[] axes(int rank, int bits) {
        int[] out = new int[rank];
        int n = 0;
        for (int d = 0; d < rank; d++) {
            if ((bits >> d & 1) == 1) {
                out[n++] = d;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Flatten (with -1), the dims reversed, or a leading 1 added. */
    private Node reshape(Node a, int p) {
        int[] dims = a.shape().dims();
        switch (p % 3) {
            case 0:
                return o.reshape(a, -1);
            case 1: {
                int[] rev = new int[dims.length];
                for (int i = 0; i < dims.length; i++) {
                    rev[i] = dims[dims.length - 1 - i];
                }
                return o.reshape(a, rev);
            }
            default: {
                int[] lead = new int[dims.length + 1];
                lead[0] = 1;
                System.arraycopy(dims, 0, lead, 1, dims.length);
                return o.reshape(a, lead);
            }
        }
    }

    /** The {@code p}-th permutation of 0..rank-1 (mod rank!), by its factorial-base digits. */
    private static int[] permutation(int rank, int p) {
        List<Integer> left = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            left.add(i);
        }
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) {
            int k = p % left.size();
            p /= left.size();
            perm[i] = left.remove(k);
        }
        return perm;
    }

    /** {@code n}, rescaled by a constant when its values exceed 8 in magnitude (keeps finite differences accurate). */
    private Node bounded(Node n) {
        Tensor v = session.eval(feeds, n);
        double max = 0;
        for (int i = 0; i < v.size(); i++) {
            max = Math.max(max, Math.abs(v.getDouble(i)));
        }
        return max > 8 ? o.mul(n, 1.0 / max) : n;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("graph from choices " + choices + ":");
        for (Node n : graph.nodes()) {
            if (n.op().name().equals("constant")) {
                continue;
            }
            sb.append("\n  ").append(n.name()).append(" = ").append(n.op().name());
            String attrs = n.op().attributes();
            if (!attrs.isEmpty()) {
                sb.append('{').append(attrs).append('}');
            }
            sb.append('(');
            for (int i = 0; i < n.inputCount(); i++) {
                sb.append(i == 0 ? "" : ", ").append(n.input(i).name());
            }
            sb.append(") ").append(n.type());
        }
        return sb.toString();
    }
}
