package org.adjoint.graph;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs a graph. A run is a training run unless its {@link RunOptions} say otherwise (see
 * {@link RunMode}). For each set of requested outputs it finds the nodes they need (each computed
 * once), and for each signature of feed shapes it compiles a {@link Plan}; both are cached, so a
 * training loop compiles once. A session may be used from several threads at once.
 */
public final class Session {

    private final Graph graph;
    private final ConcurrentHashMap<TemplateKey, Plan.Template> templates = new ConcurrentHashMap<>();
    private final AtomicLong trainingRuns = new AtomicLong();
    private volatile Recent recent;

    private record TemplateKey(List<Node> outputs, RunMode mode, boolean updates, int updateCount) {
    }

    public Session(Graph graph) {
        this.graph = graph;
    }

    public Graph graph() {
        return graph;
    }

    /** Computes the requested nodes in a training run ({@link RunOptions#TRAIN}). */
    public Outputs run(Feeds feeds, Node... outputs) {
        return run(RunOptions.TRAIN, feeds, Arrays.asList(outputs));
    }

    /** Computes the requested nodes in a training run ({@link RunOptions#TRAIN}). */
    public Outputs run(Feeds feeds, List<Node> outputs) {
        return run(RunOptions.TRAIN, feeds, outputs);
    }

    /** Computes the requested nodes with the given options. */
    public Outputs run(RunOptions options, Feeds feeds, Node... outputs) {
        return run(options, feeds, Arrays.asList(outputs));
    }

    /**
     * Computes the requested nodes.
     *
     * @throws IllegalArgumentException for a node of another graph, a missing feed, or a feed of
     *     the wrong dtype or shape (naming the placeholder and both types)
     * @throws ShapeException if the feed shapes make some op's inputs incompatible
     */
    public Outputs run(RunOptions options, Feeds feeds, List<Node> outputs) {
        Plan plan = template(options, outputs).plan(feeds);
        return plan.run(feeds, randomStep(options));
    }

    /**
     * Computes the requested nodes and passes them to {@code consumer} without copying: the
     * tensors are the run's own buffers (or variables' values), valid only during the call and
     * not to be modified except as the caller's contract with the graph allows (an optimizer
     * reads gradients and updates variables in place). State updates are applied after the
     * consumer returns. A steady-state call allocates nothing for the outputs.
     */
    public void run(RunOptions options, Feeds feeds, List<Node> outputs, Consumer<Outputs> consumer) {
        Plan plan = template(options, outputs).plan(feeds);
        plan.run(feeds, randomStep(options), consumer);
    }

    private Plan.Template template(RunOptions options, List<Node> outputs) {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("run: no outputs requested");
        }
        int updateCount = options.updates() ? graph.updateCount() : 0;
        Recent r = recent;
        if (r != null && r.matches(outputs, options, updateCount)) {
            return r.template;  // steady state: no key, no copy
        }
        TemplateKey key = new TemplateKey(List.copyOf(outputs), options.mode(), options.updates(), updateCount);
        Plan.Template t = templates.get(key);
        if (t == null) {
            for (Node n : key.outputs()) {
                if (n.graph() != graph) {
                    throw new IllegalArgumentException("run: node '" + n.name() + "' belongs to a different graph");
                }
            }
            t = templates.computeIfAbsent(key, k -> new Plan.Template(graph, k.outputs(), options));
        }
        recent = new Recent(key.outputs().toArray(new Node[0]), key.mode(), key.updates(), updateCount, t);
        return t;
    }

    /** The template of the previous run, found again by identity of the requested nodes. */
    private static final class Recent {
        private final Node[] outputs;
        private final RunMode mode;
        private final boolean updates;
        private final int updateCount;
        private final Plan.Template template;

        Recent(Node[] outputs, RunMode mode, boolean updates, int updateCount, Plan.Template template) {
            this.outputs = outputs;
            this.mode = mode;
            this.updates = updates;
            this.updateCount = updateCount;
            this.template = template;
        }

        boolean matches(List<Node> requested, RunOptions options, int count) {
            if (options.mode() != mode || options.updates() != updates || count != updateCount
                    || requested.size() != outputs.length) {
                return false;
            }
            for (int i = 0; i < outputs.length; i++) {
                if (requested.get(i) != outputs[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private long randomStep(RunOptions options) {
        if (options.randomStep() >= 0) {
            return options.randomStep();
        }
        return options.mode() == RunMode.TRAIN ? trainingRuns.getAndIncrement() : trainingRuns.get();
    }

    /** Convenience for one output (a training run, like {@link #run(Feeds, Node...)}). */
    public Tensor eval(Feeds feeds, Node output) {
        return run(feeds, output).get(0);
    }

    /** Convenience for one output with the given options. */
    public Tensor eval(RunOptions options, Feeds feeds, Node output) {
        return run(options, feeds, output).get(0);
    }

    /** Number of compiled plans (one per requested-output list and feed-shape signature). */
    public int compiledPlans() {
        int n = 0;
        for (Plan.Template t : templates.values()) {
            n += t.planCount();
        }
        return n;
    }
}
