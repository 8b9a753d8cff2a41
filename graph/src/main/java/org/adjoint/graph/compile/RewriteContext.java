package org.adjoint.graph.compile;

import java.util.List;
import org.adjoint.graph.Op;
import org.adjoint.graph.RunMode;
import org.adjoint.graph.Tensor;

/** What a {@link Rule} or {@link Pass} may ask and do while a plan's graph is rewritten. */
public interface RewriteContext {

    /** The run mode the plan is compiled for. */
    RunMode mode();

    /**
     * Whether a named part of a pass may run ({@link PlanRules#options()}: parts a pass can
     * leave out, which {@link CompileOptions#disable} may name).
     */
    boolean enabled(String option);

    /**
     * A new node computing {@code op} on {@code inputs}, typed by the op's type rule with the
     * inputs' concrete types and named like {@code origin} (errors and listings show the user's
     * name). The user's graph is not changed.
     *
     * @throws org.adjoint.graph.ShapeException if the op rejects the inputs (a bug in the rule)
     */
    PlanNode apply(Op op, PlanNode origin, PlanNode... inputs);

    /**
     * A new node computing {@code op} on {@code inputs} that performs the work of all of
     * {@code group} (a fused node): named like the group's last node, listing all of them.
     */
    PlanNode fuse(Op op, List<PlanNode> group, PlanNode... inputs);

    /** A constant node holding {@code value} (not copied), standing for {@code origin}. */
    PlanNode constant(Tensor value, PlanNode origin);

    /** How many times {@code n}'s value is read: by current nodes, plus once per plan output it is. */
    int uses(PlanNode n);

    /** The current nodes that read {@code n}, in evaluation order. */
    List<PlanNode> consumers(PlanNode n);

    /** Whether {@code n} is a requested output or the value of a state update. */
    boolean isOutput(PlanNode n);

    /** The current nodes (those some output needs), in evaluation order. */
    List<PlanNode> nodes();

    /**
     * Makes every reader of {@code old} (and the plan's outputs) read {@code by} instead; nodes
     * nobody reads any more are dropped. {@code by} must have {@code old}'s dtype and shape.
     */
    void replace(PlanNode old, PlanNode by);
}
