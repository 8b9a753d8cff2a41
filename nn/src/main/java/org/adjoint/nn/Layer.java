package org.adjoint.nn;

import java.util.ArrayList;
import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.init.Fans;
import org.adjoint.nn.init.Initializer;
import org.adjoint.ops.Ops;

/**
 * A layer: an object you call on a {@link Node} to get a new node. The first call fixes the
 * layer's graph and name (unique in the graph: {@code dense}, {@code dense_1}, ...) and creates its
 * variables from the input's static shape, named {@code <layer>/<param>}; later calls reuse them
 * (shared weights). Skips, several inputs and several outputs are plain Java:
 *
 * <pre>{@code
 * Dense shared = new Dense(16, Activation.relu());
 * Node a = shared.call(x1), b = shared.call(x2);   // one set of weights
 * Node sum = Ops.on(g).add(a, b);
 * }</pre>
 *
 * <p>Subclasses implement {@link #build} (create variables with {@link #addWeight}, {@link #addBias}
 * and {@link #addState}) and {@link #forward}. A layer with several inputs adds its own method that
 * calls {@link #prepare} with its first input and then builds its nodes.
 *
 * <p>Initializer seeds: a layer's explicit {@link #seed(long)}, else one derived from the graph's
 * seed ({@link #seedGraph}, default 0) and the variable's name, so the same code gives the same bits.
 */
public abstract class Layer {

    private final String baseName;
    private String requestedName;
    private Long seed;
    private Graph graph;
    private String name;
    private boolean built;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<Parameter> state = new ArrayList<>();

    /** @param baseName the name prefix when none is given, e.g. {@code "dense"} */
    protected Layer(String baseName) {
        this.baseName = baseName;
    }

    /** Sets the default seed of initializers for layers that are first called on {@code graph} afterwards. */
    public static void seedGraph(Graph graph, long seed) {
        NnGraph.of(graph).seed(seed);
    }

    /** The layers called on {@code graph} that are still reachable, in first-call order. */
    public static List<Layer> layersOf(Graph graph) {
        return NnGraph.of(graph).layers();
    }

    /**
     * Names the layer (must be unique in the graph); call before the first {@link #call}.
     *
     * @return this
     */
    public Layer name(String name) {
        if (this.name != null) {
            throw new IllegalStateException("layer '" + this.name + "' is already built; name it before the first call");
        }
        if (name == null || name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("layer name must be non-empty and contain no '/', got '" + name + "'");
        }
        this.requestedName = name;
        return this;
    }

    /** Seeds this layer's initializers (and dropout masks); call before the first {@link #call}. */
    public Layer seed(long seed) {
        if (built) {
            throw new IllegalStateException("layer '" + name + "' is already built; seed it before the first call");
        }
        this.seed = seed;
        return this;
    }

    /** The unique name, fixed by the first call (null before). */
    public final String name() {
        return name;
    }

    /** The graph of the first call (null before). */
    public final Graph graph() {
        return graph;
    }

    public final boolean isBuilt() {
        return built;
    }

    /** The trainable variables (weights, then biases as created). */
    public final List<Parameter> parameters() {
        return List.copyOf(parameters);
    }

    /** The non-trainable variables (running statistics). */
    public final List<Parameter> state() {
        return List.copyOf(state);
    }

    /** Applies the layer to {@code x}, building its variables on the first call. */
    public final Node call(Node x) {
        prepare(x);
        return forward(x);
    }

    /**
     * Binds the layer to {@code first}'s graph and builds it on the first call.
     *
     * @throws IllegalArgumentException if the layer was built in another graph
     */
    protected final void prepare(Node first) {
        if (first == null) {
            throw new IllegalArgumentException(baseName + ": input is null");
        }
        if (graph == null) {
            graph = first.graph();
            NnGraph nn = NnGraph.of(graph);
            name = nn.uniqueLayerName(requestedName != null ? requestedName : baseName, requestedName != null);
            if (seed == null) {
                seed = mix(nn.seed(), name.hashCode());
            }
            nn.addLayer(this);
        } else if (first.graph() != graph) {
            throw new IllegalArgumentException("layer '" + name + "' was built in another graph; a layer belongs to one graph");
        }
        if (!built) {
            build(first);
            built = true;
        }
    }

    /** Creates the variables from the first input's static shape. */
    protected abstract void build(Node x);

    /** The layer's computation on {@code x} (the variables exist). */
    protected abstract Node forward(Node x);

    /** A builder of this layer's graph. */
    protected final Ops ops() {
        return Ops.on(graph);
    }

    /** A builder whose next node is named {@code <layer>/<suffix>}. */
    protected final Ops ops(String suffix) {
        return Ops.on(graph).named(name + "/" + suffix);
    }

    /** The seed of this layer (explicit or derived). */
    protected final long seed() {
        return seed;
    }

    /** A trained, regularized variable {@code <layer>/<suffix>}. */
    protected final Node addWeight(String suffix, DType dtype, Shape shape, Initializer init, Fans fans) {
        return add(suffix, dtype, shape, init, fans, Parameter.Kind.WEIGHT);
    }

    /** A trained, unregularized variable {@code <layer>/<suffix>}. */
    protected final Node addBias(String suffix, DType dtype, Shape shape, Initializer init) {
        return add(suffix, dtype, shape, init, Fans.of(shape), Parameter.Kind.BIAS);
    }

    /** A non-trained state variable {@code <layer>/<suffix>}. */
    protected final Node addState(String suffix, DType dtype, Shape shape, Initializer init) {
        return add(suffix, dtype, shape, init, Fans.of(shape), Parameter.Kind.STATE);
    }

    private Node add(String suffix, DType dtype, Shape shape, Initializer init, Fans fans, Parameter.Kind kind) {
        String varName = name + "/" + suffix;
        Tensor value = init.create(dtype, shape, fans, mix(seed, suffix.hashCode()));
        Node v = graph.variable(varName, value);
        Parameter p = new Parameter(v, kind, name);
        (kind == Parameter.Kind.STATE ? state : parameters).add(p);
        NnGraph.of(graph).addVariable(v, kind, name);
        return v;
    }

    /** The floating dtype for this layer's variables: the input's, or F32 for integer inputs. */
    protected static DType floatingOf(Node x) {
        return x.dtype().isFloating() ? x.dtype() : DType.F32;
    }

    /** The known size of {@code x}'s dimension {@code axis}, or an error naming the layer. */
    protected final int knownDim(Node x, int axis, String what) {
        Shape s = x.shape();
        if (s.rank() == 0) {
            throw new IllegalArgumentException(baseName + " '" + name + "': input '" + x.name() + "' is a scalar, "
                    + what + " needs rank >= 1");
        }
        int d = s.dim(axis);
        if (d == Shape.UNKNOWN) {
            throw new IllegalArgumentException(baseName + " '" + name + "': " + what + " of input '" + x.name()
                    + "' must be known when the layer is built, got shape " + s);
        }
        return d;
    }

    /** An error naming this layer: {@code <kind> '<name>': detail}. */
    protected final IllegalArgumentException error(String detail) {
        return new IllegalArgumentException(baseName + " '" + name + "': " + detail);
    }

    /** SplitMix64 finalizer of {@code a} and {@code b}: a well-spread seed from two numbers. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return (name != null ? name : baseName) + " (" + getClass().getSimpleName() + ")";
    }
}
