package org.adjoint.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Feeds;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Session;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.Ops;
import org.junit.jupiter.api.Test;

/** The bookkeeping the engine does for every rule: fan-out, unbroadcasting, checks, errors. */
class EngineTest {

    private final Graph g = new Graph();
    private final Ops o = Ops.on(g);

    private double[] eval(Node n, Feeds f) {
        return new Session(g).eval(f, n).toDoubleArray();
    }

    @Test
    void fanOutContributionsAreSummed() {
        Node x = o.variable("x", Tensor.of(new double[] {2, -3}, 2));
        Node y = o.sum(o.add(o.mul(x, x), o.mul(x, 3.0))); // x^2 + 3x, x used three times
        assertArrayEquals(new double[] {7, -3}, eval(Autodiff.gradients(y, x).get(0), Feeds.empty()));
    }

    @Test
    void broadcastGradientsAreSummedBackToTheInputShape() {
        Node x = o.placeholder("x", DType.F64, Shape.of(-1, 3));
        Node b = o.variable("b", Tensor.of(new double[] {0, 0, 0}, 3));
        Node c = o.variable("c", Tensor.of(new double[] {1}, 1, 1));
        Node y = o.sum(o.mul(o.add(x, b), c));
        List<Node> grads = Autodiff.gradients(y, b, c);
        assertEquals(Shape.of(3), grads.get(0).shape());
        assertEquals(Shape.of(1, 1), grads.get(1).shape());
        Feeds f = Feeds.of(x, Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        assertArrayEquals(new double[] {2, 2, 2}, eval(grads.get(0), f));
        assertArrayEquals(new double[] {21}, eval(grads.get(1), f));
    }

    @Test
    void sameStaticShapesThatBroadcastAtRunTimeAreStillSummed() {
        // both [?, 2]; at run time a is [1, 2] and b is [3, 2]
        Node a = o.placeholder("a", DType.F64, Shape.of(-1, 2));
        Node b = o.placeholder("b", DType.F64, Shape.of(-1, 2));
        Node y = o.sum(o.mul(a, b));
        Node da = Autodiff.gradients(y, a).get(0);
        Feeds f = Feeds.of(a, Tensor.of(new double[] {1, 1}, 1, 2), b, Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2));
        assertArrayEquals(new double[] {9, 12}, eval(da, f));
    }

    @Test
    void stopGradientBlocksFlow() {
        Node x = o.variable("x", Tensor.of(new double[] {3}, 1));
        Node y = o.sum(o.mul(o.stopGradient(x), x)); // d/dx = stop(x) = 3, not 2x = 6
        assertArrayEquals(new double[] {3}, eval(Autodiff.gradients(y, x).get(0), Feeds.empty()));
    }

    @Test
    void nonScalarOutputNeedsASeed() {
        Node x = o.placeholder("x", DType.F64, Shape.of(-1, 2));
        Node y = o.named("act").tanh(x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Autodiff.gradients(y, x));
        assertEquals("gradients of 'act': it has shape [?, 2], not a single element; reduce it to a scalar "
                + "(e.g. mean) or pass a seed cotangent of its shape with Autodiff.of(y).seed(dy)", e.getMessage());
        Node seed = o.placeholder("dy", DType.F64, Shape.of(-1, 2));
        Node dx = Autodiff.of(y).seed(seed).wrt(x).get(0);
        Feeds f = Feeds.of(x, Tensor.of(new double[] {0, 0}, 1, 2), seed, Tensor.of(new double[] {2, 5}, 1, 2));
        assertArrayEquals(new double[] {2, 5}, eval(dx, f)); // tanh'(0) = 1
        Node badSeed = o.placeholder("bad", DType.F32, Shape.of(-1, 2));
        IllegalArgumentException wrongSeed = assertThrows(IllegalArgumentException.class,
                () -> Autodiff.of(y).seed(badSeed).wrt(x));
        assertEquals("gradients of 'act': seed 'bad' is f32[?, 2], expected f64[?, 2]", wrongSeed.getMessage());
    }

    @Test
    void unconnectedInputIsAnErrorOrZeros() {
        Node x = o.variable("x", Tensor.of(new double[] {1, 2}, 2));
        Node unused = o.variable("unused", Tensor.of(new double[] {1, 2, 3}, 3));
        Node y = o.named("loss").sum(o.exp(x));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autodiff.gradients(y, x, unused));
        assertEquals("gradients of 'loss': 'unused' does not influence it (no differentiable path); "
                + "use Autodiff.of(y).unconnectedAsZeros() to get zeros", e.getMessage());
        List<Node> grads = Autodiff.of(y).unconnectedAsZeros().wrt(x, unused);
        assertArrayEquals(new double[] {0, 0, 0}, eval(grads.get(1), Feeds.empty()));
    }

    @Test
    void ruleReturningTheWrongNumberOfGradientsIsNamed() {
        Node x = o.variable("x", Tensor.of(new double[] {1}, 1));
        Node y = o.named("bad").apply(new BrokenRule(0), x);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Autodiff.gradients(o.sum(y), x));
        assertEquals("gradient rule of broken (node 'bad') returned 0 gradient(s) for 1 input(s)", e.getMessage());
    }

    @Test
    void ruleReturningTheWrongShapeOrDtypeIsNamed() {
        Node x = o.variable("x", Tensor.of(new double[] {1, 2}, 2));
        Node y = o.named("bad").apply(new BrokenRule(1), x);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Autodiff.gradients(o.sum(y), x));
        assertEquals("gradient rule of broken (node 'bad') returned shape [3] for input 0 ('x') of shape [2]",
                e.getMessage());
        Node z = o.named("bad2").apply(new BrokenRule(2), x);
        IllegalStateException d = assertThrows(IllegalStateException.class, () -> Autodiff.gradients(o.sum(z), x));
        assertEquals("gradient rule of broken (node 'bad2') returned f32[2] for input 0 ('x') of type f64[2]",
                d.getMessage());
    }

    /** Identity with a gradient rule broken in one of three ways. */
    private static final class BrokenRule implements Op {
        private final int mode;

        BrokenRule(int mode) {
            this.mode = mode;
        }

        @Override
        public String name() {
            return "broken";
        }

        @Override
        public int arity() {
            return 1;
        }

        @Override
        public TensorType infer(TensorType[] in, OpContext ctx) {
            return in[0];
        }

        @Override
        public void forward(Tensor[] in, Tensor out) {
            out.copyFrom(in[0]);
        }

        @Override
        public List<Grad> backward(Node node, Node g) {
            Ops o = Ops.on(node.graph());
            switch (mode) {
                case 0: return List.of();
                case 1: return List.of(Grad.of(o.constant(Tensor.of(new double[3], 3))));
                default: return List.of(Grad.of(o.constant(Tensor.of(new float[2], 2))));
            }
        }
    }
}
