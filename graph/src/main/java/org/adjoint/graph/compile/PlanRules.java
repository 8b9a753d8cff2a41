package org.adjoint.graph.compile;

import java.util.List;

/**
 * Rules and passes contributed by a module that defines ops (the graph module knows no concrete
 * op): found with {@link java.util.ServiceLoader} under
 * {@code META-INF/services/org.adjoint.graph.compile.PlanRules}. The compiler runs the built-in
 * rules (constant folding, common subexpressions, dead nodes) together with every provider's
 * {@link #rules()}, then every provider's {@link #passes()} in order.
 */
public interface PlanRules {

    /** Local rewrites, run to a fixed point with the built-in ones. */
    List<Rule> rules();

    /** Whole-graph passes (fusion), run once each in this order after the rules. */
    List<Pass> passes();

    /**
     * Names of parts of the passes that {@link CompileOptions#disable} may turn off on their own
     * (a pass asks {@link RewriteContext#enabled}); none by default.
     */
    default List<String> options() {
        return List.of();
    }
}
