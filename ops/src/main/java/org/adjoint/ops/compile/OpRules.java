package org.adjoint.ops.compile;

import java.util.List;
import org.adjoint.graph.compile.Pass;
import org.adjoint.graph.compile.PlanRules;
import org.adjoint.graph.compile.Rule;
import org.adjoint.ops.fused.Fusion;

/**
 * The plan compiler's rules and passes for the ops of this module, found through
 * {@code META-INF/services/org.adjoint.graph.compile.PlanRules}. Rules are tried in this order
 * on every node; each keeps values (see each rule's documentation for the rare case where only
 * the sign of a zero may differ).
 */
public final class OpRules implements PlanRules {

    private static final List<Rule> RULES = List.of(
            new ShapeRules.SumLikeIdentity(),
            new ShapeRules.BroadcastLikeIdentity(),
            new ShapeRules.ReshapeIdentity(),
            new ShapeRules.ReshapeOfReshape(),
            new ShapeRules.TransposeOfTranspose(),
            new AlgebraRules.NegOfNeg(),
            new AlgebraRules.MulByOne(),
            new AlgebraRules.AddZero(),
            new GradientRules.ActivationGradFromOutput(),
            new GradientRules.BroadcastIntoElementwise(),
            new GradientRules.SliceGradsToConcat(),
            new GradientRules.HoistWeightTranspose());

    private static final List<Pass> PASSES = List.of(new Fusion());

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public List<Pass> passes() {
        return PASSES;
    }

    @Override
    public List<String> options() {
        return List.of(Fusion.ELEMENTWISE, Fusion.GEMM);
    }
}
