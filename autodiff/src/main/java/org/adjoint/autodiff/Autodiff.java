package org.adjoint.autodiff;

import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.ops.Ops;

/**
 * Symbolic reverse-mode differentiation: appends gradient nodes to the graph and returns them.
 * The gradients are ordinary nodes, so they can be differentiated again (Hessian-vector products,
 * second derivatives) and run in the same plan as the forward pass.
 *
 * <p>The engine does the bookkeeping once, for every op: it sums the contributions of a node
 * used several times (fan-out), sums a gradient back down to an input's shape when the op
 * broadcast it, and checks that each rule returned one gradient per input with that input's
 * dtype and a compatible shape, naming the op and node when one did not.
 *
 * <p>An {@code x} that does not influence {@code y} (no differentiable path: none, or only
 * through {@code stop_gradient}, comparisons or integer indices) is an error by default, since it
 * usually means a wiring mistake; {@link Builder#unconnectedAsZeros()} returns zeros instead.
 */
public final class Autodiff {

    private Autodiff() {
    }

    /** Gradients of the scalar {@code y} with respect to each of {@code xs}, in order. */
    public static List<Node> gradients(Node y, Node... xs) {
        return of(y).wrt(xs);
    }

    /** Gradients of the scalar {@code y} with respect to each of {@code xs}, in order. */
    public static List<Node> gradients(Node y, List<Node> xs) {
        return of(y).wrt(xs);
    }

    /** Starts a configurable gradient request for {@code y}. */
    public static Builder of(Node y) {
        return new Builder(y);
    }

    /** Options of one gradient request. */
    public static final class Builder {
        private final Node y;
        private Node seed;
        private boolean zerosForUnconnected;

        private Builder(Node y) {
            this.y = y;
        }

        /**
         * The cotangent of {@code y} (a vector-Jacobian product): required when {@code y} is not a
         * scalar; must have {@code y}'s dtype and shape.
         */
        public Builder seed(Node seed) {
            this.seed = seed;
            return this;
        }

        /** Returns zeros for an {@code x} that does not influence {@code y}, instead of throwing. */
        public Builder unconnectedAsZeros() {
            this.zerosForUnconnected = true;
            return this;
        }

        public List<Node> wrt(Node... xs) {
            return wrt(Arrays.asList(xs));
        }

        public List<Node> wrt(List<Node> xs) {
            return new Engine(y, seed, zerosForUnconnected).run(xs);
        }
    }

    private static final class Engine {
        private final Node y;
        private final Node seed;
        private final boolean zeros;
        private final Ops o;

        Engine(Node y, Node seed, boolean zeros) {
            this.y = y;
            this.seed = seed;
            this.zeros = zeros;
            this.o = Ops.on(y.graph());
        }

        List<Node> run(List<Node> xs) {
            if (xs.isEmpty()) {
                throw new IllegalArgumentException("gradients of '" + y.name() + "': no inputs to differentiate with respect to");
            }
            for (Node x : xs) {
                if (x.graph() != y.graph()) {
                    throw new IllegalArgumentException("gradients of '" + y.name() + "': '" + x.name()
                            + "' belongs to a different graph");
                }
                if (!x.dtype().isFloating()) {
                    throw new IllegalArgumentException("gradients of '" + y.name() + "': '" + x.name() + "' is "
                            + x.type() + "; only f32/f64 nodes have gradients");
                }
            }
            if (!y.dtype().isFloating()) {
                throw new IllegalArgumentException("gradients of '" + y.name() + "': it is " + y.type()
                        + "; only f32/f64 outputs can be differentiated");
            }
            Node start = seed();

            // nodes between the xs and y: ancestors of y that depend on some x
            int lo = Integer.MAX_VALUE;
            BitSet isX = new BitSet();
            for (Node x : xs) {
                lo = Math.min(lo, x.id());
                isX.set(x.id());
            }
            List<Node> all = y.graph().nodes();
            BitSet ancestor = new BitSet();
            ancestor.set(y.id());
            for (int id = y.id(); id >= lo; id--) {
                if (ancestor.get(id)) {
                    Node n = all.get(id);
                    for (int i = 0; i < n.inputCount(); i++) {
                        ancestor.set(n.input(i).id());
                    }
                }
            }
            BitSet dependsOnX = new BitSet();
            for (int id = lo; id <= y.id(); id++) {
                if (!ancestor.get(id)) {
                    continue;
                }
                if (isX.get(id)) {
                    dependsOnX.set(id);
                    continue;
                }
                Node n = all.get(id);
                for (int i = 0; i < n.inputCount(); i++) {
                    if (dependsOnX.get(n.input(i).id())) {
                        dependsOnX.set(id);
                        break;
                    }
                }
            }

            // reverse sweep, summing contributions in a fixed order
            Int2ObjectOpenHashMap<List<Node>> contributions = new Int2ObjectOpenHashMap<>();
            add(contributions, y, start);
            for (int id = y.id(); id >= lo; id--) {
                if (!dependsOnX.get(id) || contributions.get(id) == null) {
                    continue;
                }
                Node n = all.get(id);
                if (n.isLeaf()) {
                    continue;
                }
                Node g = total(contributions.get(id));
                List<Grad> grads = n.op().backward(n, g);
                check(n, grads);
                for (int i = 0; i < grads.size(); i++) {
                    Node in = n.input(i);
                    Grad gi = grads.get(i);
                    if (gi.isNone() || !dependsOnX.get(in.id())) {
                        continue;
                    }
                    add(contributions, in, fitToInput(n, i, gi.node()));
                }
            }

            List<Node> result = new ArrayList<>(xs.size());
            for (Node x : xs) {
                // a node created after y cannot influence it
                List<Node> c = contributions.get(x.id());
                if (c == null) {
                    if (!zeros) {
                        throw new IllegalArgumentException("gradients of '" + y.name() + "': '" + x.name()
                                + "' does not influence it (no differentiable path); "
                                + "use Autodiff.of(y).unconnectedAsZeros() to get zeros");
                    }
                    result.add(o.zerosLike(x));
                } else {
                    result.add(total(c));
                }
            }
            return result;
        }

        private Node seed() {
            if (seed == null) {
                Shape s = y.shape();
                if (s.size() != 1) {
                    throw new IllegalArgumentException("gradients of '" + y.name() + "': it has shape " + s
                            + ", not a single element; reduce it to a scalar (e.g. mean) or pass a seed cotangent"
                            + " of its shape with Autodiff.of(y).seed(dy)");
                }
                return o.onesLike(y);
            }
            if (seed.graph() != y.graph()) {
                throw new IllegalArgumentException("gradients of '" + y.name() + "': seed '" + seed.name()
                        + "' belongs to a different graph");
            }
            if (seed.dtype() != y.dtype() || !seed.shape().isCompatibleWith(y.shape())) {
                throw new IllegalArgumentException("gradients of '" + y.name() + "': seed '" + seed.name() + "' is "
                        + seed.type() + ", expected " + y.type());
            }
            return seed;
        }

        private static void add(Int2ObjectOpenHashMap<List<Node>> contributions, Node n, Node g) {
            contributions.computeIfAbsent(n.id(), k -> new ArrayList<>(2)).add(g);
        }

        /**
         * The sum of a node's gradient contributions, in the order they arrived: one
         * {@code add_n} (placements of one tensor along one axis, the steps of an unstack or the
         * parts of a split, merged into one node first).
         */
        private Node total(List<Node> c) {
            return c.size() == 1 ? c.get(0) : o.addN(c);
        }

        private static void check(Node n, List<Grad> grads) {
            if (grads == null || grads.size() != n.inputCount()) {
                throw new IllegalStateException("gradient rule of " + n.op().name() + " (node '" + n.name()
                        + "') returned " + (grads == null ? "null" : grads.size() + " gradient(s)") + " for "
                        + n.inputCount() + " input(s)");
            }
            for (int i = 0; i < grads.size(); i++) {
                if (grads.get(i) == null) {
                    throw new IllegalStateException("gradient rule of " + n.op().name() + " (node '" + n.name()
                            + "') returned null for input " + i + "; use Grad.none() for 'no gradient'");
                }
            }
        }

        /** Checks dtype and shape of input {@code i}'s gradient; sums a broadcast gradient down. */
        private Node fitToInput(Node n, int i, Node g) {
            Node in = n.input(i);
            if (g.dtype() != in.dtype()) {
                throw new IllegalStateException("gradient rule of " + n.op().name() + " (node '" + n.name()
                        + "') returned " + g.type() + " for input " + i + " ('" + in.name() + "') of type " + in.type());
            }
            Shape gs = g.shape();
            Shape is = in.shape();
            boolean same = gs.equals(is) && (is.isKnown() || !n.op().broadcasts());
            if (same) {
                return g;
            }
            if (is.broadcastsTo(gs) || gs.isCompatibleWith(is)) {
                return o.sumLike(g, in);
            }
            throw new IllegalStateException("gradient rule of " + n.op().name() + " (node '" + n.name()
                    + "') returned shape " + gs + " for input " + i + " ('" + in.name() + "') of shape " + is);
        }
    }
}
