package org.adjoint.graph.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.RunOptions;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.junit.jupiter.api.Test;

/** The plan as text and as Graphviz DOT, before and after optimization, and its figures. */
class PlanInfoTest {

    private static final class Built {
        final Graph g = new Graph();
        final Node x = g.placeholder("x", DType.F64, Shape.of(-1, 3));
        final Node w = g.variable("w \"quoted\"", Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        final Node c = g.constant("c", Tensor.of(new double[] {1, 1, 1, 1, 1, 1}, 2, 3));
        final Node k = g.apply(new TestOps.Scale(2), "k", c);
        final Node a = g.apply(new TestOps.Add(), "a", x, k);
        final Node b = g.apply(new TestOps.Add(), "b", a, w);
        final Node r = g.apply(new TestOps.Reshape(6), "r", b);
        final Node y = g.apply(new TestOps.Scale(0.5), "y", r);
        final Feeds feeds = Feeds.of(x, Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
    }

    @Test
    void textListsEveryStepWithOpNameTypeBufferAndNotes() {
        Built m = new Built();
        PlanInfo info = new Session(m.g).planInfo(RunOptions.TRAIN, m.feeds, List.of(m.y));
        String text = info.text();
        for (String name : new String[] {"'x'", "'k'", "'a'", "'b'", "'r'", "'y'"}) {
            assertTrue(text.contains(name), name + " missing from\n" + text);
        }
        assertTrue(text.contains("t_scale{k=0.5}"), text);
        assertTrue(text.contains("f64[2, 3]"), text);
        assertTrue(text.contains("by fold"), text);
        assertTrue(text.contains("view, no kernel"), text);
        assertTrue(text.contains("outputs: 'y' = #"), text);
        PlanStats st = info.stats();
        assertEquals(8, st.userNodes());
        assertEquals(1, st.views());
        assertTrue(st.inPlace() >= 1, text);
        assertEquals(6 * 8, st.variableBytes());
        assertEquals(6 * 8, st.feedBytes());
        assertEquals(st.bufferBytes() + st.scratchBytes() + st.variableBytes() + st.constantBytes(), st.peakBytes());
        assertEquals(st.peakBytes() + 100, st.peakBytes(100));
    }

    @Test
    void dotBeforeAndAfterParseAndNameEveryNode() {
        Built m = new Built();
        PlanInfo info = new Session(m.g).planInfo(RunOptions.TRAIN, m.feeds, List.of(m.y));
        Dot.Parsed before = Dot.parse(info.dotBefore());
        assertEquals(8, before.labels.size());
        for (Node n : m.g.nodes()) {
            boolean named = before.labels.values().stream().anyMatch(l -> l.contains("'" + n.name() + "'"));
            assertTrue(named, "node '" + n.name() + "' not in\n" + info.dotBefore());
        }
        assertTrue(before.labels.values().stream().anyMatch(l -> l.startsWith("t_scale{k=2.0}\n'k'\nf64[2, 3]")),
                info.dotBefore());
        assertEquals(7, before.edges.size());
        Dot.Parsed after = Dot.parse(info.dotAfter());
        assertEquals(info.steps().size(), after.labels.size());
        for (PlanInfo.Step s : info.steps()) {
            assertTrue(after.labels.get("s" + s.index()).contains("'" + s.name() + "'"), info.dotAfter());
        }
        int edges = 0;
        for (PlanInfo.Step s : info.steps()) {
            edges += s.inputs().length;
        }
        assertEquals(edges, after.edges.size());
    }

    @Test
    void theDotCheckerRejectsBrokenPictures() {
        assertThrows(IllegalArgumentException.class, () -> Dot.parse("digraph g { a -> b; }"));
        assertThrows(IllegalArgumentException.class, () -> Dot.parse("digraph g { a [label=\"x]; }"));
        assertThrows(IllegalArgumentException.class, () -> Dot.parse("digraph g { a; "));
        assertEquals(2, Dot.parse("digraph g { a [label=\"p\\\"q\\n\"]; b; a -> b; }").labels.size());
    }
}
