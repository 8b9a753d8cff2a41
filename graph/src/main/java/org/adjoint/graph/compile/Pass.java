package org.adjoint.graph.compile;

/**
 * A rewrite over the whole plan graph, run once after the {@link Rule}s have reached a fixed
 * point: fusion passes, which look at groups of nodes and their users. A pass reads the current
 * nodes with {@link RewriteContext#nodes} and replaces them with {@link RewriteContext#replace};
 * the same obligations as for rules hold (same dtype, shape and values).
 */
public interface Pass {

    /** A short name for listings, tests and {@link CompileOptions#disable}. */
    String name();

    void run(RewriteContext ctx);
}
