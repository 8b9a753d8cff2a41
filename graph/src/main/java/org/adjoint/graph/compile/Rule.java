package org.adjoint.graph.compile;

/**
 * A local rewrite of a plan's graph: looks at one node (its op, its inputs, their concrete types)
 * and returns what should compute its value instead, or {@code null} to leave it. The compiler
 * applies every enabled rule to every node, in evaluation order, until no rule changes anything;
 * the replaced node's users then read the replacement, and nodes nobody reads are dropped.
 *
 * <p>A rule must keep the value: the replacement has the node's dtype and concrete shape, and
 * computes the same elements (bit for bit, or with the difference its documentation states, such
 * as the sign of a zero). Rules never see the user's graph: they build new nodes through
 * {@link RewriteContext#apply}, which leaves it unchanged.
 */
public interface Rule {

    /** A short name for listings, tests and {@link CompileOptions#disable} (e.g. {@code "sum-like-identity"}). */
    String name();

    /** The replacement of {@code node}, or null. */
    PlanNode rewrite(PlanNode node, RewriteContext ctx);
}
