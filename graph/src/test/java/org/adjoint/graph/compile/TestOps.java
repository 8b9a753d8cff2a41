package org.adjoint.graph.compile;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.adjoint.graph.DType;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Standalone;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;

/** Small ops for testing the compiler without the ops module (F64 only, plain loops). */
final class TestOps {

    private TestOps() {
    }

    /**
     * Shared boilerplate: forward through prepare, no gradient. Kernel runs are counted in a
     * static counter per class (ops are immutable: a counter field would make equal ops differ).
     */
    abstract static class Base implements Op {

        @Override
        public void forward(Tensor[] in, Tensor out) {
            Standalone.forward(this, in, out);
        }

        @Override
        public List<Grad> backward(Node node, Node g) {
            return List.of();
        }
    }

    /** {@code y = a + b}, same shapes; may run in place. */
    static final class Add extends Base {
        static final AtomicInteger RUNS = new AtomicInteger();

        @Override
        public String name() {
            return "t_add";
        }

        @Override
        public int arity() {
            return 2;
        }

        @Override
        public TensorType infer(TensorType[] in, OpContext ctx) {
            if (!in[0].shape().isCompatibleWith(in[1].shape())) {
                throw ctx.error("shapes " + in[0].shape() + " and " + in[1].shape() + " differ");
            }
            return in[0];
        }

        @Override
        public OpKernel prepare(PrepareContext ctx) {
            ctx.allowInPlace(0);
            ctx.allowInPlace(1);
            return (in, out, run) -> {
                RUNS.incrementAndGet();
                for (int i = 0; i < out.size(); i++) {
                    out.setDouble(i, in[0].getDouble(i) + in[1].getDouble(i));
                }
            };
        }
    }

    /** {@code y = k * x} (an attribute for CSE tests: equal k, equal op). */
    static final class Scale extends Base {
        static final AtomicInteger RUNS = new AtomicInteger();

        private final double k;
        private final int[] tag;

        Scale(double k, int... tag) {
            this.k = k;
            this.tag = tag;
        }

        @Override
        public String name() {
            return "t_scale";
        }

        @Override
        public int arity() {
            return 1;
        }

        @Override
        public String attributes() {
            return "k=" + k;
        }

        @Override
        public TensorType infer(TensorType[] in, OpContext ctx) {
            return in[0];
        }

        @Override
        public OpKernel prepare(PrepareContext ctx) {
            return (in, out, run) -> {
                RUNS.incrementAndGet();
                for (int i = 0; i < out.size(); i++) {
                    out.setDouble(i, k * in[0].getDouble(i));
                }
            };
        }
    }

    /** {@code y = x + randomStep}: a random op, whose value varies between runs. */
    static final class PlusStep extends Base {
        @Override
        public String name() {
            return "t_plus_step";
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
        public OpKernel prepare(PrepareContext ctx) {
            return (in, out, run) -> {
                for (int i = 0; i < out.size(); i++) {
                    out.setDouble(i, in[0].getDouble(i) + run.randomStep());
                }
            };
        }
    }

    /** The number of elements of its input as a scalar: reads the input's type only. */
    static final class SizeOf extends Base {
        static final AtomicInteger RUNS = new AtomicInteger();

        @Override
        public String name() {
            return "t_size_of";
        }

        @Override
        public int arity() {
            return 1;
        }

        @Override
        public boolean readsValue(int input) {
            return false;
        }

        @Override
        public TensorType infer(TensorType[] in, OpContext ctx) {
            return new TensorType(DType.F64, Shape.scalar());
        }

        @Override
        public OpKernel prepare(PrepareContext ctx) {
            int n = ctx.inputShape(0).size();
            return (in, out, run) -> {
                RUNS.incrementAndGet();
                out.setDouble(0, n);
            };
        }
    }

    /** {@code y = x}, but fails with "bad value" when any element is negative (a value error). */
    static final class CheckNonNegative extends Base {
        @Override
        public String name() {
            return "t_check";
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
        public OpKernel prepare(PrepareContext ctx) {
            return (in, out, run) -> {
                for (int i = 0; i < out.size(); i++) {
                    if (in[0].getDouble(i) < 0) {
                        throw new IllegalArgumentException("bad value " + in[0].getDouble(i) + " at " + i);
                    }
                    out.setDouble(i, in[0].getDouble(i));
                }
            };
        }
    }

    /** A reshape to fixed dims whose output may be a view of its input. */
    static final class Reshape extends Base {
        static final AtomicInteger RUNS = new AtomicInteger();

        private final int[] dims;

        Reshape(int... dims) {
            this.dims = dims;
        }

        @Override
        public String name() {
            return "t_reshape";
        }

        @Override
        public int arity() {
            return 1;
        }

        @Override
        public TensorType infer(TensorType[] in, OpContext ctx) {
            return new TensorType(in[0].dtype(), Shape.of(dims));
        }

        @Override
        public OpKernel prepare(PrepareContext ctx) {
            ctx.outputIsView(0);
            return (in, out, run) -> {
                RUNS.incrementAndGet();
                out.copyFrom(in[0]);
            };
        }
    }
}
