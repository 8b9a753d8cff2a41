package org.adjoint.proptest;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
final class RandomGraph {

    /** Dimension sizes of the inputs. */
    private static final int[] DIMS = {1, 2, 3, 5};
    /** Choices are in [0, CHOICE_BOUND). */
    static final int CHOICE_BOUND = 256;
    /** Number of op kinds in {@link #step}. */
    static final int KINDS = 17;
    /** At most this many steps are decoded. */
    static final int MAX_STEPS = 16;

    private final List<Integer> choices;
    private int pos;
    private final SplittableRandom values;
    final Graph graph = new Graph();
    final Ops o = Ops.on(graph);
    final List<Node> inputs = new ArrayList<>();
    final List<Node> pool = new ArrayList<>();
    private Feeds feeds = Feeds.empty();
    private final Session session = new Session(graph);
    final Node loss;

    private RandomGraph(List<Integer> choices, long valueSeed) {
        this.choices = choices;
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

    /** Decodes a graph; {@code valueSeed} draws the input values in [-1, 1). */
    static RandomGraph decode(List<Integer> choices, long valueSeed) {
        return new RandomGraph(choices, valueSeed);
    }

    /** The inputs the loss depends on. */
    List<Node> usedInputs() {
        List<Node> used = new ArrayList<>();
        for (Node x : inputs) {
            if (OpCheck.dependsOn(loss, x)) {
                used.add(x);
            }
        }
        return used;
    }

    Feeds feeds() {
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
            default: return o.mean(a, (p & 1) == 1, axes(a.shape().rank(), p >> 1));
        }
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
