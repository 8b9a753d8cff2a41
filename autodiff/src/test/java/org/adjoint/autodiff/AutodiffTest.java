package org.adjoint.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Init;
import org.adjoint.graph.Node;
import org.adjoint.graph.Outputs;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.ops.Ops;
import org.junit.jupiter.api.Test;

class AutodiffTest {

    @Test
    void logisticRegressionGradientsMatchFiniteDifferences() {
        Graph g = new Graph();
        Ops o = Ops.on(g);
        Node x = o.placeholder("x", DType.F32, Shape.of(-1, 3));
        Node y = o.placeholder("y", DType.F32, Shape.of(-1, 1));
        Node w = o.variable("w", Init.normal(0, 0.5, 1), Shape.of(3, 1));
        Node b = o.variable("b", Init.constant(0.1), Shape.of(1));
        Node loss = o.mean(o.sigmoidCrossEntropyWithLogits(o.add(o.matmul(x, w), b), y));
        List<Node> grads = Autodiff.gradients(loss, w, b);
        assertEquals(w.shape(), grads.get(0).shape());
        assertEquals(b.shape(), grads.get(1).shape());
        Tensor xs = Tensor.of(new float[] {1, 2, 3, -1, 0.5f, 2, 0, 1, -1, 2, 2, 2}, 4, 3);
        Tensor ys = Tensor.of(new float[] {1, 0, 1, 0}, 4, 1);
        GradCheck.Report r = GradCheck.of(loss).wrt(w, b).feed(x, xs).feed(y, ys).run();
        r.assertPassed();
        assertEquals(4, r.checked());
        // the F32 session agrees with the F64 check to F32 precision
        Outputs out = new Session(g).run(Feeds.of(x, xs, y, ys), grads);
        assertEquals(1, out.get(1).size());
        assertTrue(Double.isFinite(out.get(0).getDouble(0)));
    }

    @Test
    void gradCheckCatchesAWrongRule() {
        Graph g = new Graph();
        Ops o = Ops.on(g);
        Node w = o.variable("w", Tensor.of(new double[] {0.3, -0.7, 1.1}, 3));
        // cube with a wrong derivative (2x instead of 3x^2)
        Node y = o.sum(o.apply(new WrongCube(), w));
        GradCheck.Report r = GradCheck.of(y).wrt(w).run();
        assertFalse(r.passed());
        assertEquals("w", r.worst().input());
        AssertionError e = assertThrows(AssertionError.class, r::assertPassed);
        assertTrue(e.getMessage().contains("FAILED for"), e.getMessage());
    }

    @Test
    void nodesCreatedAfterYDoNotInfluenceIt() {
        Graph g = new Graph();
        Ops o = Ops.on(g);
        Node w = o.variable("w", Tensor.of(new double[] {1, 2}, 2));
        Node loss = o.sum(o.square(w));
        Node later = o.variable("later", Tensor.of(new double[] {3, 4, 5}, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autodiff.gradients(loss, w, later));
        assertEquals("gradients of 'sum': 'later' does not influence it (no differentiable path); "
                + "use Autodiff.of(y).unconnectedAsZeros() to get zeros", e.getMessage());
        List<Node> grads = Autodiff.of(loss).unconnectedAsZeros().wrt(w, later);
        Outputs out = new Session(g).run(Feeds.empty(), grads);
        assertEquals(4.0, out.get(0).getDouble(1));
        assertEquals(Shape.of(3), out.get(1).shape());
        assertEquals(0.0, out.get(1).getDouble(2));
    }

    @Test
    void gradCheckHoldsDropoutMasksFixedAndChecksEitherMode() {
        Graph g = new Graph();
        Ops o = Ops.on(g);
        Node x = o.placeholder("x", DType.F32, Shape.of(-1, 4));
        Node w = o.variable("w", Init.normal(0, 0.5, 3), Shape.of(4, 3));
        Node h = o.dropout(o.tanh(o.matmul(x, w)), 0.5, 17);
        Node loss = o.mean(o.square(h));
        Tensor xs = Tensor.of(new float[] {1, 2, 3, -1, 0.5f, 2, 0, 1, -1, 2, 2, 2}, 3, 4);
        GradCheck.of(loss).wrt(w).feed(x, xs).run().assertPassed();
        GradCheck.of(loss).wrt(w).feed(x, xs).randomStep(5).run().assertPassed();
        GradCheck.of(loss).wrt(w).feed(x, xs).runMode(org.adjoint.graph.RunMode.EVAL).run().assertPassed();
    }

    /** Errors about a composite's gradient name the composite the user built, not its inner div. */
    @Test
    void gradientErrorsOfACompositeNameTheComposite() {
        Graph g = new Graph();
        Ops o = Ops.on(g);
        Node x = o.placeholder("x", DType.F64, Shape.of(-1, 3));
        Node unused = o.variable("unused", Tensor.of(new double[] {1}, 1));
        Node m = o.mean(o.square(x));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Autodiff.gradients(m, unused));
        assertEquals("gradients of 'mean': 'unused' does not influence it (no differentiable path); "
                + "use Autodiff.of(y).unconnectedAsZeros() to get zeros", e.getMessage());
        Node accuracy = o.named("accuracy").mean(o.equal(o.argmax(x, 1), o.placeholder("labels", DType.I64,
                Shape.of(-1))));
        e = assertThrows(IllegalArgumentException.class, () -> Autodiff.gradients(accuracy, x));
        assertEquals("gradients of 'accuracy': 'x' does not influence it (no differentiable path); "
                + "use Autodiff.of(y).unconnectedAsZeros() to get zeros", e.getMessage());
    }
}
