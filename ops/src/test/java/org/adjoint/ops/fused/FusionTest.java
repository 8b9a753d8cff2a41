package org.adjoint.ops.fused;

import static org.adjoint.ops.compile.Plans.OFF;
import static org.adjoint.ops.compile.Plans.ON;
import static org.adjoint.ops.compile.Plans.info;
import static org.adjoint.ops.compile.Plans.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Outputs;
import org.adjoint.graph.Shape;
import org.adjoint.graph.compile.PlanInfo;
import org.adjoint.kernels.Parallel;
import org.adjoint.ops.Ops;
import org.adjoint.ops.compile.Plans;
import org.adjoint.ops.elementwise.ElementwiseUnary;
import org.adjoint.ops.elementwise.UnaryGrad;
import org.junit.jupiter.api.Test;

/**
 * Fused elementwise programs and matrix products with epilogues compute the same bits as the ops
 * they replace: every broadcast pattern, both dtypes, sizes around the tile length (2048) and off
 * the vector width, slices read in place, in-place execution only where an input dies.
 */
class FusionTest {

    private final SplittableRandom rnd = new SplittableRandom(5);
    private final Graph g = new Graph();
    private final Ops o = Ops.on(g);
    private Feeds feeds = Feeds.empty();

    private Node input(String name, DType t, int... dims) {
        Node p = o.placeholder(name, t, Shape.of(dims));
        feeds = feeds.and(p, Plans.random(rnd, t, dims));
        return p;
    }

    /** A chain over x with a row vector, a column vector and a scalar, all fused into one node. */
    private Node chain(Node x, Node row, Node col, Node scalar) {
        Node a = o.mul(o.add(x, row), col);
        Node b = o.sub(o.tanh(a), scalar);
        Node c = o.div(o.sigmoid(b), o.add(o.exp(o.neg(a)), scalar));
        return o.maximum(c, o.mul(x, x));
    }

    @Test
    void chainsWithRowColumnAndScalarBroadcastsAreOneBitExactNode() {
        int[][] shapes = {{1, 1}, {3, 17}, {7, 293}, {40, 100}, {1, 2049}, {2049, 1}, {5, 1024}};
        List<Node> outs = new ArrayList<>();
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            for (int[] s : shapes) {
                String n = t + "_" + s[0] + "x" + s[1];
                Node x = input("x" + n, t, s);
                Node row = input("row" + n, t, s[1]);
                Node col = input("col" + n, t, s[0], 1);
                Node scalar = input("s" + n, t);
                outs.add(chain(x, row, col, scalar));
            }
        }
        PlanInfo on = info(g, feeds, outs, ON);
        assertEquals(outs.size(), steps(on, "fused_elementwise"), on.text());
        assertEquals(outs.size(), on.stats().kernelCalls(), "one kernel per chain:\n" + on.text());
        Plans.assertSameBits(g, feeds, outs);
    }

    @Test
    void slicesAreReadFromTheirInputsBuffer() {
        Node z = input("z", DType.F32, 32, 512);
        List<Node> gates = o.split(z, 4, 1);
        Node c = input("c", DType.F32, 32, 128);
        Node next = o.add(o.mul(o.sigmoid(gates.get(1)), c), o.mul(o.sigmoid(gates.get(0)), o.tanh(gates.get(2))));
        List<Node> outs = List.of(next, o.sigmoid(gates.get(3)));
        PlanInfo on = info(g, feeds, outs, ON);
        assertEquals(0, steps(on, "slice"), on.text());
        assertEquals(2, on.stats().kernelCalls(), on.text());
        Plans.assertSameBits(g, feeds, outs);
    }

    @Test
    void aBroadcastAlongAMiddleAxisKeepsItsNodeOutOfTheGroup() {
        Node x = input("x", DType.F64, 3, 4, 5);
        Node mid = input("mid", DType.F64, 3, 1, 5);
        List<Node> outs = List.of(o.exp(o.add(o.tanh(x), mid)));
        PlanInfo on = info(g, feeds, outs, ON);
        assertEquals(1, steps(on, "add"), on.text());
        Plans.assertSameBits(g, feeds, outs);
    }

    @Test
    void aProductWithBiasAndActivationIsOneGemmWithAnEpilogue() {
        List<Node> outs = new ArrayList<>();
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            Node x = input("x" + t, t, 37, 70);
            Node w = input("w" + t, t, 70, 45);
            Node b = input("b" + t, t, 45);
            Node h = o.relu(o.add(o.matmul(x, w), b));
            Node dy = input("dy" + t, t, 37, 30);
            Node w2 = input("w2" + t, t, 45, 30);
            Node dh = UnaryGrad.apply((ElementwiseUnary) h.op(), h, h, o.matmul(dy, w2, false, true));
            outs.add(h);
            outs.add(dh);
        }
        PlanInfo on = info(g, feeds, outs, ON);
        assertEquals(4, steps(on, "matmul_epilogue"), on.text());
        assertEquals(0, steps(on, "matmul") + steps(on, "add") + steps(on, "relu"), on.text());
        Plans.assertSameBits(g, feeds, outs);
    }

    @Test
    void aBiasOfTheOutputsSizeIsABroadcastOrAnAccumulatorAlike() {
        // batch 1: the bias [45] has as many elements as the product [1, 45] and is read aligned
        Node x = input("x", DType.F64, 1, 70);
        Node w = input("w", DType.F64, 70, 45);
        Node b = input("b", DType.F64, 45);
        List<Node> outs = List.of(o.relu(o.add(o.matmul(x, w), b)), o.add(o.matmul(x, w), b));
        PlanInfo on = info(g, feeds, outs, ON);
        assertEquals(0, steps(on, "matmul"), on.text());
        Plans.assertSameBits(g, feeds, outs);
    }

    @Test
    void anAddedTensorIsAccumulatedByTheGemmInPlaceWhenItDies() {
        Node a = input("a", DType.F32, 20, 30);
        Node b = input("b", DType.F32, 30, 40);
        // another product: a computed buffer nobody reads afterwards, so the GEMM may accumulate into it
        Node c = o.matmul(input("a2", DType.F32, 20, 10), input("b3", DType.F32, 10, 40));
        Node dying = o.add(c, o.matmul(a, b));
        Node kept = o.tanh(input("k", DType.F32, 20, 40));
        Node notDying = o.add(o.matmul(a, input("b2", DType.F32, 30, 40)), kept);
        List<Node> outs = List.of(o.neg(dying), o.neg(notDying), o.exp(kept));
        PlanInfo on = info(g, feeds, outs, ON);
        int accumulatingInPlace = 0;
        int accumulating = 0;
        for (PlanInfo.Step s : on.steps()) {
            if (s.op().equals("matmul_epilogue") && s.attributes().contains("accumulate")) {
                accumulating++;
                accumulatingInPlace += s.inPlaceOf() >= 0 ? 1 : 0;
            }
        }
        assertEquals(2, accumulating, on.text());
        assertEquals(1, accumulatingInPlace, "only the dying accumulator is overwritten:\n" + on.text());
        Plans.assertSameBits(g, feeds, outs);
    }

    @Test
    void aSumOfProductsIsAChainOfAccumulatingGemmsThatRunAsSoonAsTheirOperandsExist() {
        Node w = input("w", DType.F64, 8, 16);
        List<Node> products = new ArrayList<>();
        Node h = input("h0", DType.F64, 4, 8);
        for (int t = 0; t < 6; t++) {
            Node z = o.tanh(o.matmul(h, w));
            products.add(o.matmul(h, z, true, false));       // like the weight gradient of a recurrence
            h = o.sigmoid(o.add(o.matmul(z, input("v" + t, DType.F64, 16, 8)), h));
        }
        Node sum = products.get(0);
        for (int t = 1; t < products.size(); t++) {
            sum = o.add(sum, products.get(t));
        }
        List<Node> outs = List.of(sum, h);
        PlanInfo on = info(g, feeds, outs, ON);
        PlanInfo off = info(g, feeds, outs, OFF);
        assertEquals(0, steps(on, "add"), on.text());
        int accumulating = 0;
        for (PlanInfo.Step s : on.steps()) {
            accumulating += s.attributes().contains("accumulate") ? 1 : 0;
        }
        assertEquals(5 + 6, accumulating, "the sum's five adds and the six recurrence adds:\n" + on.text());
        assertTrue(on.stats().peakLiveBytes() < off.stats().peakLiveBytes(),
                "products are not kept to the end: " + on.stats().peakLiveBytes() + " vs " + off.stats().peakLiveBytes());
        Plans.assertSameBits(g, feeds, outs);
    }

    @Test
    void anAddNOfProductsIsTheSameChainOfAccumulatingGemms() {
        Node w = input("w", DType.F32, 8, 16);
        List<Node> products = new ArrayList<>();
        List<Node> hs = new ArrayList<>();
        Node h = input("h0", DType.F32, 4, 8);
        for (int t = 0; t < 6; t++) {
            Node z = o.tanh(o.matmul(h, w));
            products.add(o.matmul(h, z, true, false));
            h = o.sigmoid(o.matmul(z, input("v" + t, DType.F32, 16, 8)));
            hs.add(h);
        }
        products.add(2, o.exp(input("extra", DType.F32, 8, 16)));   // not a product: added, in its place
        List<Node> outs = List.of(o.addN(products), h);
        PlanInfo on = info(g, feeds, outs, ON);
        PlanInfo off = info(g, feeds, outs, OFF);
        assertEquals(0, steps(on, "add_n"), on.text());
        int accumulating = 0;
        for (PlanInfo.Step s : on.steps()) {
            accumulating += s.attributes().contains("accumulate") ? 1 : 0;
        }
        assertEquals(5, accumulating, "six products, the first one the start of the sum:\n" + on.text());
        assertTrue(on.stats().peakLiveBytes() < off.stats().peakLiveBytes(), on.stats() + "\n" + off.stats());
        Plans.assertSameBits(g, feeds, outs);
    }

    @Test
    void fusedNodesNeverOverwriteAnInputThatIsReadLater() {
        Node x = input("x", DType.F64, 9, 11);
        Node t = o.tanh(x);
        Node first = o.exp(o.mul(t, t));          // fused; t is read again below
        Node second = o.add(t, first);
        List<Node> outs = List.of(second, o.neg(first));
        Plans.assertSameBits(g, feeds, outs);
        PlanInfo on = info(g, feeds, outs, ON);
        for (PlanInfo.Step s : on.steps()) {
            if (s.inPlaceOf() >= 0) {
                int overwritten = s.inPlaceOf();
                for (PlanInfo.Step later : on.steps()) {
                    for (int in : later.inputs()) {
                        assertTrue(later.index() <= s.index() || in != overwritten,
                                "#" + later.index() + " reads #" + overwritten + " after #" + s.index()
                                        + " overwrote it:\n" + on.text());
                    }
                }
            }
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Node x = input("x", DType.F32, 192, 256);
        Node w = input("w", DType.F32, 256, 384);
        Node b = input("b", DType.F32, 384);
        Node h = o.tanh(o.add(o.matmul(x, w), b));
        Node y = o.add(o.matmul(h, w, false, true), x);
        List<Node> outs = List.of(h, y);
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(1);
            Outputs one = Plans.run(g, feeds, outs, ON);
            Parallel.setThreads(2);
            Outputs two = Plans.run(g, feeds, outs, ON);
            for (int k = 0; k < outs.size(); k++) {
                assertTrue(one.get(k).bitwiseEquals(two.get(k)), "output " + k);
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void fusedOpsHaveNoGradientRule() {
        Node x = input("x", DType.F64, 2);
        FusedElementwise op = new FusedElementwise(new ProgramBuilder(Shape.of(2)).build(), DType.F64, Shape.of(2),
                List.of());
        UnsupportedOperationException e = org.junit.jupiter.api.Assertions.assertThrows(
                UnsupportedOperationException.class, () -> op.backward(x, x));
        assertEquals("fused_elementwise is formed when a plan is compiled, after differentiation; it has no"
                + " gradient rule", e.getMessage());
    }
}
