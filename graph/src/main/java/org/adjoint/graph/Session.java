package org.adjoint.graph;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a graph. For each set of requested outputs it finds the nodes they need (each computed
 * once), and for each signature of feed shapes it compiles a {@link Plan}; both are cached, so a
 * training loop compiles once. A session may be used from several threads at once.
 */
public final class Session {

    private final Graph graph;
    private final ConcurrentHashMap<List<Node>, Plan.Template> templates = new ConcurrentHashMap<>();

    public Session(Graph graph) {
        this.graph = graph;
    }

    public Graph graph() {
        return graph;
    }

    /** Computes the requested nodes. */
    public Outputs run(Feeds feeds, Node... outputs) {
        return run(feeds, Arrays.asList(outputs));
    }

    /**
     * Computes the requested nodes.
     *
     * @throws IllegalArgumentException for a node of another graph, a missing feed, or a feed of
     *     the wrong dtype or shape (naming the placeholder and both types)
     * @throws ShapeException if the feed shapes make some op's inputs incompatible
     */
    public Outputs run(Feeds feeds, List<Node> outputs) {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("run: no outputs requested");
        }
        List<Node> key = List.copyOf(outputs);
        for (Node n : key) {
            if (n.graph() != graph) {
                throw new IllegalArgumentException("run: node '" + n.name() + "' belongs to a different graph");
            }
        }
        Plan.Template template = templates.computeIfAbsent(key, Plan.Template::new);
        return template.plan(feeds).run(feeds);
    }

    /** Convenience for one output. */
    public Tensor eval(Feeds feeds, Node output) {
        return run(feeds, output).get(0);
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
