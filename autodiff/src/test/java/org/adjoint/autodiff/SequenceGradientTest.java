package org.adjoint.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.adjoint.graph.DType;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.ops.Ops;
import org.junit.jupiter.api.Test;

/**
 * A sequence unstacked into its time steps, a cell with a shared weight applied per step, the
 * outputs stacked back: the gradients are right, and their fan-in costs one node, not one per
 * step (the engine sums with {@code Ops.addN}, which merges the steps' placements).
 */
class SequenceGradientTest {

    private static final int BATCH = 2;
    private static final int STEPS = 6;
    private static final int FEATURES = 3;

    @Test
    void unstackCellStackDifferentiatesWithOneFanInNodePerTensor() {
        Graph g = new Graph();
        Ops o = Ops.on(g);
        SplittableRandom rnd = new SplittableRandom(3);
        Node x = o.variable("x", random(rnd, BATCH, STEPS, FEATURES));
        Node w = o.variable("w", random(rnd, FEATURES, FEATURES));
        Node h = o.constant(Tensor.zeros(DType.F64, Shape.of(BATCH, FEATURES)));
        List<Node> outputs = new ArrayList<>();
        for (Node step : o.unstack(x, 1)) {
            h = o.tanh(o.add(o.matmul(step, w), h));
            outputs.add(h);
        }
        Node seq = o.stack(outputs, 1);
        assertEquals(Shape.of(BATCH, STEPS, FEATURES), seq.shape());
        Node loss = o.sum(o.square(seq));
        List<Node> grads = Autodiff.gradients(loss, x, w);

        GradCheck.of(loss).wrt(x, w).run().assertPassed();

        // dx: the steps' gradients are one placement of all STEPS slices, fed straight to x's gradient
        Node dx = grads.get(0);
        assertEquals("axis_scatter", dx.op().name(), dx.toString());
        assertEquals(STEPS + 1, dx.inputCount());
        // dw: the STEPS per-step contributions summed by one add_n
        Node dw = grads.get(1);
        assertEquals("add_n", dw.op().name(), dw.toString());
        assertEquals(STEPS, dw.inputCount());
        assertTrue(g.nodes().stream().noneMatch(n -> n.op().name().equals("slice_grad")));
    }

    @Test
    void theGradientOfSplitPartsIsOnePlacementToo() {
        Graph g = new Graph();
        Ops o = Ops.on(g);
        SplittableRandom rnd = new SplittableRandom(5);
        Node x = o.variable("x", random(rnd, 3, 8));
        List<Node> gates = o.split(x, 4, 1);   // an LSTM's four gates from one matmul
        Node loss = o.sum(o.add(o.add(o.mul(o.sigmoid(gates.get(0)), o.tanh(gates.get(2))), o.sigmoid(gates.get(1))),
                o.square(gates.get(3))));
        Node dx = Autodiff.gradients(loss, x).get(0);
        assertEquals("axis_scatter", dx.op().name(), dx.toString());
        assertEquals(5, dx.inputCount());
        GradCheck.of(loss).wrt(x).run().assertPassed();
    }

    private static Tensor random(SplittableRandom rnd, int... dims) {
        Tensor t = Tensor.zeros(DType.F64, Shape.of(dims));
        for (int i = 0; i < t.size(); i++) {
            t.setDouble(i, rnd.nextDouble() - 0.5);
        }
        return t;
    }
}
