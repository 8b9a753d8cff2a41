package org.adjoint.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RunModeTest {

    /** Stands for input 0 in training runs and input 1 in evaluation runs. */
    static final class ByMode implements Op {
        @Override
        public String name() {
            return "by_mode";
        }

        @Override
        public int arity() {
            return 2;
        }

        @Override
        public TensorType infer(TensorType[] in, OpContext ctx) {
            return in[0];
        }

        @Override
        public void forward(Tensor[] in, Tensor out) {
            throw new IllegalStateException("resolved at plan time");
        }

        @Override
        public int modeAlias(RunMode mode) {
            return mode == RunMode.TRAIN ? 0 : 1;
        }

        @Override
        public List<Grad> backward(Node node, Node g) {
            return List.of(Grad.none(), Grad.none());
        }
    }

    /** Writes the run's random step into every element and counts its forward calls. */
    static final class StepProbe implements Op {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String name() {
            return "step_probe";
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
            throw new AssertionError("the executor must call the three-argument forward");
        }

        @Override
        public void forward(Tensor[] in, Tensor out, RunContext run) {
            calls.incrementAndGet();
            out.fill(run.randomStep() + (run.mode() == RunMode.EVAL ? 1000 : 0));
        }

        @Override
        public List<Grad> backward(Node node, Node g) {
            return List.of(Grad.none());
        }
    }

    private final Graph g = new Graph();
    private final Node x = g.placeholder("x", DType.F64, Shape.of(-1));
    private final Tensor xs = Tensor.of(new double[] {1, 2, 3}, 3);

    @Test
    void eachModeComputesOnlyItsBranch() {
        StepProbe trainOnly = new StepProbe();
        StepProbe evalOnly = new StepProbe();
        Node a = g.apply(trainOnly, "a", x);
        Node b = g.apply(evalOnly, "b", x);
        Node y = g.apply(new ByMode(), "y", a, b);
        Node z = g.apply(new GraphTest.Twice(), "z", y);
        Session s = new Session(g);

        Tensor train = s.run(RunOptions.TRAIN.randomStep(7), Feeds.of(x, xs), z).get(0);
        assertEquals(14.0, train.getDouble(0));
        assertEquals(1, trainOnly.calls.get());
        assertEquals(0, evalOnly.calls.get());

        Outputs eval = s.run(RunOptions.EVAL.randomStep(7), Feeds.of(x, xs), y, z);
        assertEquals(1007.0, eval.get(y).getDouble(2), "an alias output is its branch's value");
        assertEquals(2014.0, eval.get(z).getDouble(0));
        assertEquals(1, trainOnly.calls.get());
        assertEquals(1, evalOnly.calls.get());
    }

    @Test
    void trainingRunsTakeTheNextRandomStepUnlessOneIsGiven() {
        Node p = g.apply(new StepProbe(), "p", x);
        Session s = new Session(g);
        assertEquals(0.0, s.eval(Feeds.of(x, xs), p).getDouble(0));
        assertEquals(1.0, s.eval(Feeds.of(x, xs), p).getDouble(0));
        assertEquals(42.0, s.eval(RunOptions.TRAIN.randomStep(42), Feeds.of(x, xs), p).getDouble(0));
        assertEquals(2.0, s.eval(Feeds.of(x, xs), p).getDouble(0), "a fixed step does not advance the counter");
        assertEquals(1003.0, s.eval(RunOptions.EVAL, Feeds.of(x, xs), p).getDouble(0), "eval runs do not count");
        assertEquals(3.0, s.eval(Feeds.of(x, xs), p).getDouble(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunOptions.TRAIN.randomStep(-1));
        assertEquals("RunOptions: random step must be >= 0, got -1", e.getMessage());
    }

    @Test
    void updatesApplyInTrainingRunsThatComputeTheirTrigger() {
        Node counter = g.variable("counter", Tensor.of(new double[] {0}, 1));
        Node doubled = g.apply(new GraphTest.Twice(), "doubled", x);
        Node next = g.apply(new GraphTest.Twice(), "next", counter);
        Tensor state = counter.value();
        state.setDouble(0, 1);
        g.addUpdate(doubled, counter, next);
        Session s = new Session(g);

        s.run(Feeds.of(x, xs), doubled);
        assertEquals(2.0, counter.value().getDouble(0));
        assertSame(state, counter.value(), "updated in place");
        s.run(RunOptions.EVAL, Feeds.of(x, xs), doubled);
        assertEquals(2.0, counter.value().getDouble(0), "no update in eval");
        s.run(RunOptions.TRAIN.updates(false), Feeds.of(x, xs), doubled);
        assertEquals(2.0, counter.value().getDouble(0), "updates switched off");
        s.run(Feeds.of(x, xs), x);
        assertEquals(2.0, counter.value().getDouble(0), "trigger not computed");
        Outputs out = s.run(Feeds.of(x, xs), doubled, counter);
        assertEquals(2.0, out.get(counter).getDouble(0), "outputs show the value before the update");
        assertEquals(4.0, counter.value().getDouble(0));
    }

    @Test
    void updateRegistrationChecksItsNodes() {
        Node v = g.variable("v", Tensor.of(new double[] {0, 0}, 2));
        Node w = g.apply(new GraphTest.Twice(), "w", x);
        IllegalArgumentException notVar = assertThrows(IllegalArgumentException.class, () -> g.addUpdate(x, w, w));
        assertEquals("addUpdate: 'w' is a twice, only variables can be updated", notVar.getMessage());
        Node three = g.constant("three", Tensor.of(new double[] {1, 2, 3}, 3));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> g.addUpdate(x, v, three));
        assertEquals("addUpdate: value 'three' is f64[3], variable 'v' is f64[2]", shape.getMessage());
    }

    @Test
    void consumerSeesTheRunsBuffersWithoutCopies() {
        Node y = g.apply(new GraphTest.Twice(), "y", x);
        Session s = new Session(g);
        Tensor[] seen = new Tensor[2];
        s.run(RunOptions.TRAIN, Feeds.of(x, xs), List.of(y), out -> seen[0] = out.get(y));
        s.run(RunOptions.TRAIN, Feeds.of(x, xs), List.of(y), out -> seen[1] = out.get(0));
        assertSame(seen[0], seen[1], "the same workspace buffer both times");
        assertEquals(6.0, seen[1].getDouble(2));
        Tensor copied = s.run(Feeds.of(x, xs), y).get(0);
        assertNotEquals(System.identityHashCode(seen[0]), System.identityHashCode(copied));
        assertTrue(copied.bitwiseEquals(seen[0]));
    }
}
