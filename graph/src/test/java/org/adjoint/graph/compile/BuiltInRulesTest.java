package org.adjoint.graph.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Outputs;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.junit.jupiter.api.Test;

/** The compiler's own rules: constant folding, common subexpressions, dead nodes, outputs apart. */
class BuiltInRulesTest {

    private static final CompileOptions ON = CompileOptions.none().optimize(true);

    @org.junit.jupiter.api.BeforeEach
    void resetCounters() {
        TestOps.Add.RUNS.set(0);
        TestOps.Scale.RUNS.set(0);
        TestOps.SizeOf.RUNS.set(0);
    }

    private static Tensor vec(double... v) {
        return Tensor.of(v, v.length);
    }

    private static PlanInfo.Step step(PlanInfo info, String name) {
        for (PlanInfo.Step s : info.steps()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    @Test
    void foldingComputesConstantSubgraphsOnceAtCompileTime() {
        Graph g = new Graph();
        TestOps.Scale scale = new TestOps.Scale(3);
        TestOps.Add add = new TestOps.Add();
        Node c = g.constant("c", vec(1, 2));
        Node x = g.placeholder("x", DType.F64, Shape.of(2));
        Node k = g.apply(scale, "k", c);            // constant: folded
        Node y = g.apply(add, "y", x, k);            // reads a feed: not folded
        Feeds f = Feeds.of(x, vec(10, 20));
        Session s = new Session(g, ON);
        assertArrayEquals(new double[] {13, 26}, s.eval(f, y).toDoubleArray());
        s.eval(f, y);
        assertEquals(1, TestOps.Scale.RUNS.get(), "the folded node's kernel ran once, when the plan was compiled");
        assertEquals(2, TestOps.Add.RUNS.get());
        PlanInfo info = s.planInfo(RunOptions.TRAIN, f, List.of(y));
        assertEquals("constant", step(info, "k").kind());
        assertEquals("fold", step(info, "k").rule());
        assertEquals(1, info.stats().rewrites().get("fold"));
        Session off = new Session(g, ON.disable("fold"));
        assertEquals("kernel", step(off.planInfo(RunOptions.TRAIN, f, List.of(y)), "k").kind());
    }

    @Test
    void foldingUsesTypesOfInputsItDoesNotRead() {
        Graph g = new Graph();
        TestOps.SizeOf size = new TestOps.SizeOf();
        TestOps.Scale expensive = new TestOps.Scale(2);
        Node x = g.placeholder("x", DType.F64, Shape.of(-1));
        Node e = g.apply(expensive, "e", x);
        Node n = g.apply(size, "n", e);              // reads only e's run-time shape
        Session s = new Session(g, ON);
        assertEquals(3, s.eval(Feeds.of(x, vec(1, 2, 3)), n).item());
        assertEquals(3, s.eval(Feeds.of(x, vec(1, 2, 3)), n).item());
        assertEquals(5, s.eval(Feeds.of(x, vec(1, 2, 3, 4, 5)), n).item());
        assertEquals(2, TestOps.SizeOf.RUNS.get(), "one fold per plan (fed shape), none per run");
        assertEquals(0, TestOps.Scale.RUNS.get(), "a node read only for its type is dead once folded");
    }

    @Test
    void randomAndFailingNodesAreNotFolded() {
        Graph g = new Graph();
        Node c = g.constant("c", vec(-1, 2));
        Node r = g.apply(new TestOps.PlusStep(), "r", c);
        Node bad = g.apply(new TestOps.CheckNonNegative(), "bad", c);
        Session s = new Session(g, ON);
        assertArrayEquals(new double[] {4, 7}, s.run(RunOptions.TRAIN.randomStep(5), Feeds.empty(), r).get(0)
                .toDoubleArray());
        assertArrayEquals(new double[] {6, 9}, s.run(RunOptions.TRAIN.randomStep(7), Feeds.empty(), r).get(0)
                .toDoubleArray());
        // the value error surfaces when the plan runs, named as without optimization
        IllegalArgumentException on = assertThrows(IllegalArgumentException.class, () -> s.eval(Feeds.empty(), bad));
        IllegalArgumentException off = assertThrows(IllegalArgumentException.class,
                () -> new Session(g, CompileOptions.none()).eval(Feeds.empty(), bad));
        assertEquals("t_check 'bad': bad value -1.0 at 0", on.getMessage());
        assertEquals(off.getMessage(), on.getMessage());
    }

    @Test
    void commonSubexpressionsAreComputedOnce() {
        Graph g = new Graph();
        Node x = g.placeholder("x", DType.F64, Shape.of(2));
        TestOps.Scale s1 = new TestOps.Scale(2, 1, 2);
        TestOps.Scale s2 = new TestOps.Scale(2, 1, 2);    // another instance, equal attributes
        TestOps.Scale s3 = new TestOps.Scale(2, 1, 3);    // differs in an array attribute
        Node a = g.apply(s1, "a", x);
        Node b = g.apply(s2, "b", x);
        Node c = g.apply(s3, "c", x);
        TestOps.Add add = new TestOps.Add();
        Node y = g.apply(add, "y", g.apply(add, "ab", a, b), c);
        Feeds f = Feeds.of(x, vec(1, 5));
        Session s = new Session(g, ON);
        assertArrayEquals(new double[] {6, 30}, s.eval(f, y).toDoubleArray());
        assertEquals(2, TestOps.Scale.RUNS.get(), "a and b are one computation; c another");
        assertEquals(1, s.planInfo(RunOptions.TRAIN, f, List.of(y)).stats().rewrites().get("cse"));
        Session noCse = new Session(g, ON.disable("cse"));
        noCse.eval(f, y);
        assertEquals(2 + 3, TestOps.Scale.RUNS.get());
    }

    @Test
    void outputsThatRewritingMergesStillGetBuffersOfTheirOwn() {
        Graph g = new Graph();
        Node x = g.placeholder("x", DType.F64, Shape.of(2));
        Node a = g.apply(new TestOps.Scale(2), "a", x);
        Node b = g.apply(new TestOps.Scale(2), "b", x);   // same as a
        Feeds f = Feeds.of(x, vec(1, 2));
        Session s = new Session(g, ON);
        double[][] seen = new double[2][];
        s.run(RunOptions.TRAIN, f, List.of(a, b), out -> {
            assertNotSame(out.get(0), out.get(1));
            out.get(0).fill(-1);        // a consumer may modify its outputs (an optimizer clipping gradients)
            seen[1] = out.get(1).toDoubleArray();
        });
        assertArrayEquals(new double[] {2, 4}, seen[1]);
        PlanInfo info = s.planInfo(RunOptions.TRAIN, f, List.of(a, b));
        assertEquals(1, info.stats().rewrites().get("output-copy"));
        // a requested output a rule turns into a feed is copied too; the feed is not handed out
        Outputs o = s.run(f, List.of(a, x));
        assertArrayEquals(new double[] {1, 2}, o.get(1).toDoubleArray());
    }

    @Test
    void theUsersGraphIsNotChanged() {
        Graph g = new Graph();
        Node c = g.constant("c", vec(1, 2));
        Node x = g.placeholder("x", DType.F64, Shape.of(2));
        Node y = g.apply(new TestOps.Add(), "y", x, g.apply(new TestOps.Scale(3), "k", c));
        int size = g.size();
        List<Node> before = g.nodes();
        new Session(g, ON).eval(Feeds.of(x, vec(1, 1)), y);
        assertEquals(size, g.size());
        assertEquals(before, g.nodes());
        assertEquals(List.of(x, g.node("k")), y.inputs());
    }

    @Test
    void unknownRuleNamesAreRejectedWithTheKnownOnes() {
        Graph g = new Graph();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Session(g, CompileOptions.defaults().disable("no-such-rule")));
        assertTrue(e.getMessage().startsWith("compile options: no rule or pass named 'no-such-rule'; known: ["),
                e.getMessage());
        assertTrue(e.getMessage().contains("fold") && e.getMessage().contains("cse")
                && e.getMessage().contains("in-place"), e.getMessage());
    }

    @Test
    void theSystemPropertyTurnsOptimizationOff() {
        String saved = System.getProperty(CompileOptions.PROPERTY);
        try {
            System.setProperty(CompileOptions.PROPERTY, "false");
            assertEquals(CompileOptions.none(), CompileOptions.defaults());
            System.setProperty(CompileOptions.PROPERTY, "true");
            assertTrue(CompileOptions.defaults().enabled("fold"));
            System.setProperty(CompileOptions.PROPERTY, "maybe");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, CompileOptions::defaults);
            assertEquals("-Dadjoint.optimize must be true or false, got 'maybe'", e.getMessage());
        } finally {
            if (saved == null) {
                System.clearProperty(CompileOptions.PROPERTY);
            } else {
                System.setProperty(CompileOptions.PROPERTY, saved);
            }
        }
        assertNull(CompileOptions.none().optimize() ? "" : null);
    }
}
