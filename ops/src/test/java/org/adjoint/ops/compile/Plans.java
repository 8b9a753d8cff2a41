package org.adjoint.ops.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Outputs;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.compile.CompileOptions;
import org.adjoint.graph.compile.PlanInfo;

/** Runs a graph optimized and not, and compares; describes plans. Shared by the rule and fusion tests. */
public final class Plans {

    public static final CompileOptions ON = CompileOptions.none().optimize(true);
    public static final CompileOptions OFF = CompileOptions.none();

    private Plans() {
    }

    public static Outputs run(Graph g, Feeds f, List<Node> outputs, CompileOptions options) {
        return new Session(g, options).run(f, outputs);
    }

    public static PlanInfo info(Graph g, Feeds f, List<Node> outputs, CompileOptions options) {
        return new Session(g, options).planInfo(RunOptions.TRAIN, f, outputs);
    }

    /** Steps running op {@code op}. */
    public static int steps(PlanInfo info, String op) {
        int n = 0;
        for (PlanInfo.Step s : info.steps()) {
            if (s.op().equals(op)) {
                n++;
            }
        }
        return n;
    }

    /** How many nodes a rule replaced (0 if it did not fire). */
    public static int fired(PlanInfo info, String rule) {
        return info.stats().rewrites().getOrDefault(rule, 0);
    }

    /** Optimized and unoptimized runs give the same bits. */
    public static void assertSameBits(Graph g, Feeds f, List<Node> outputs) {
        Outputs a = run(g, f, outputs, OFF);
        Outputs b = run(g, f, outputs, ON);
        for (int k = 0; k < outputs.size(); k++) {
            if (!a.get(k).bitwiseEquals(b.get(k))) {
                fail("output '" + outputs.get(k).name() + "': unoptimized " + a.get(k) + ", optimized " + b.get(k)
                        + "\n" + info(g, f, outputs, ON).text());
            }
        }
    }

    /** Same values as numbers ({@code ==}, so {@code -0.0 == 0.0}; NaN where NaN). */
    public static void assertSameValues(Graph g, Feeds f, List<Node> outputs) {
        Outputs a = run(g, f, outputs, OFF);
        Outputs b = run(g, f, outputs, ON);
        for (int k = 0; k < outputs.size(); k++) {
            assertEquals(a.get(k).type(), b.get(k).type());
            for (int i = 0; i < a.get(k).size(); i++) {
                double x = a.get(k).getDouble(i);
                double y = b.get(k).getDouble(i);
                assertTrue(x == y || (Double.isNaN(x) && Double.isNaN(y)),
                        "output '" + outputs.get(k).name() + "'[" + i + "]: " + x + " vs " + y);
            }
        }
    }

    /** A tensor of uniform values in [-1, 1). */
    public static Tensor random(SplittableRandom rnd, DType t, int... dims) {
        Tensor x = Tensor.zeros(t, Shape.of(dims));
        for (int i = 0; i < x.size(); i++) {
            x.setDouble(i, 2 * rnd.nextDouble() - 1);
        }
        return x;
    }
}
