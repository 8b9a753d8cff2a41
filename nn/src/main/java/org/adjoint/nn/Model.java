package org.adjoint.nn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;

/**
 * A model: input placeholders, output nodes, and the variables between them. Built from any
 * graph of layers and ops (the functional style):
 *
 * <pre>{@code
 * Node x = o.placeholder("x", DType.F32, Shape.of(-1, 784));
 * Node h = new Dense(128, Activation.relu()).call(x);
 * Node y = new Dense(10).call(new Dropout(0.8).call(h));
 * Model model = Model.of(x, y);
 * }</pre>
 *
 * <p>The model's variables are those the outputs depend on in either run mode (so running
 * statistics, used only in evaluation, are found too), ordered by creation. Variables a layer
 * created carry its kind; a variable created by hand counts as a trainable weight if its rank is
 * at least 2, as a bias otherwise. {@link Sequential} is a model built from a list of layers.
 */
public class Model {

    private final Graph graph;
    private final List<Node> inputs;
    private final List<Node> outputs;
    private final Parameters parameters;
    private final Parameters state;
    private final List<Layer> layers;
    private volatile Session session;

    /** A model with one input and one output. */
    public static Model of(Node input, Node output) {
        return new Model(List.of(input), List.of(output));
    }

    /** A model with several inputs and outputs. */
    public static Model of(List<Node> inputs, List<Node> outputs) {
        return new Model(inputs, outputs);
    }

    protected Model(List<Node> inputs, List<Node> outputs) {
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException("model: needs at least one input and one output, got " + inputs.size()
                    + " inputs and " + outputs.size() + " outputs");
        }
        this.graph = outputs.get(0).graph();
        for (Node n : inputs) {
            if (!n.isPlaceholder()) {
                throw new IllegalArgumentException("model: input '" + n.name() + "' must be a placeholder, got "
                        + n.op().name());
            }
        }
        for (Node n : concat(inputs, outputs)) {
            if (n.graph() != graph) {
                throw new IllegalArgumentException("model: '" + n.name() + "' belongs to a different graph");
            }
        }
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        List<Parameter> trainable = new ArrayList<>();
        List<Parameter> stateful = new ArrayList<>();
        NnGraph nn = NnGraph.of(graph);
        for (Node v : variablesOf(outputs)) {
            NnGraph.Info info = nn.info(v);
            Parameter p = info != null ? new Parameter(v, info.kind(), info.layer())
                    : new Parameter(v, v.shape().rank() >= 2 ? Parameter.Kind.WEIGHT : Parameter.Kind.BIAS, null);
            (p.trainable() ? trainable : stateful).add(p);
        }
        this.layers = nn.layers();
        this.parameters = new Parameters(trainable);
        this.state = new Parameters(stateful);
    }

    private static List<Node> concat(List<Node> a, List<Node> b) {
        List<Node> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Variables reachable from {@code roots} through every input (both branches of by_mode), by id. */
    private static List<Node> variablesOf(List<Node> roots) {
        BitSet seen = new BitSet();
        ArrayDeque<Node> stack = new ArrayDeque<>(roots);
        List<Node> vars = new ArrayList<>();
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (seen.get(n.id())) {
                continue;
            }
            seen.set(n.id());
            if (n.isVariable()) {
                vars.add(n);
            }
            for (Node in : n.inputs()) {
                stack.push(in);
            }
        }
        vars.sort(Comparator.comparingInt(Node::id));
        return vars;
    }

    public Graph graph() {
        return graph;
    }

    public List<Node> inputs() {
        return inputs;
    }

    /** The only input; an error for a model with several. */
    public Node input() {
        if (inputs.size() != 1) {
            throw new IllegalStateException("model has " + inputs.size() + " inputs; use inputs()");
        }
        return inputs.get(0);
    }

    public List<Node> outputs() {
        return outputs;
    }

    /** The only output; an error for a model with several. */
    public Node output() {
        if (outputs.size() != 1) {
            throw new IllegalStateException("model has " + outputs.size() + " outputs; use outputs()");
        }
        return outputs.get(0);
    }

    /** Trainable parameters (weights and biases), in creation order. */
    public Parameters parameters() {
        return parameters;
    }

    /** Non-trainable state (running statistics), in creation order. */
    public Parameters state() {
        return state;
    }

    /** Parameters then state: everything a checkpoint of the model holds. */
    public Parameters variables() {
        return parameters.and(state);
    }

    /** The layers called on this model's graph before the model was made, in first-call order. */
    public List<Layer> layers() {
        return layers;
    }

    /** The session shared by everything that runs this model (plans are cached per session). */
    public Session session() {
        Session s = session;
        if (s == null) {
            synchronized (this) {
                if (session == null) {
                    session = new Session(graph);
                }
                s = session;
            }
        }
        return s;
    }

    /**
     * The output for {@code x} in an evaluation run (dropout off, batch norm on running
     * statistics); a single-input, single-output model.
     *
     * @throws IllegalArgumentException if x does not fit the input (naming both shapes)
     */
    public Tensor predict(Tensor x) {
        checkInput(input(), x);
        return session().eval(RunOptions.EVAL, Feeds.of(input(), x), output());
    }

    /** Checks a feed against an input placeholder, naming the placeholder and both types. */
    public static void checkInput(Node input, Tensor x) {
        Shape expected = input.shape();
        if (x.dtype() != input.dtype() || !expected.isCompatibleWith(x.shape())) {
            String detail = "";
            if (x.shape().rank() == expected.rank() && expected.rank() >= 2
                    && expected.dim(-1) != Shape.UNKNOWN && x.shape().dim(-1) != expected.dim(-1)) {
                detail = " (" + x.shape().dim(-1) + " features, the model expects " + expected.dim(-1) + ")";
            }
            throw new IllegalArgumentException("input '" + input.name() + "' expects " + input.type() + ", got "
                    + x.type() + detail);
        }
    }

    /** One line per variable and totals. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-32s %-18s %s%n", "variable", "type", "kind"));
        for (Parameter p : variables()) {
            sb.append(String.format("%-32s %-18s %s%n", p.name(), p.node().type(),
                    p.kind().name().toLowerCase(java.util.Locale.ROOT)));
        }
        sb.append(String.format("trainable: %d elements; state: %d elements%n", parameters.elementCount(),
                state.elementCount()));
        return sb.toString();
    }
}
