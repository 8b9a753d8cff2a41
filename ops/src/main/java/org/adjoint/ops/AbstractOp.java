package org.adjoint.ops;

import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.RunContext;
import org.adjoint.graph.Standalone;
import org.adjoint.graph.Tensor;

/**
 * The boilerplate of an op: its name and arity, and {@code forward} expressed through the
 * plan-time step. A subclass keeps only its math: the type rule ({@link #infer}), the kernel
 * ({@link #prepare}: resolve attributes and scratch once, return the per-run loop) and the
 * gradient rule ({@link #backward}).
 *
 * <pre>{@code
 * final class Swish extends AbstractOp {
 *     Swish() { super("swish", 1); }
 *     public TensorType infer(TensorType[] in, OpContext ctx) { ctx.requireFloating(in, 0); return in[0]; }
 *     public OpKernel prepare(PrepareContext ctx) { return (in, out, run) -> ...; }
 *     public List<Grad> backward(Node node, Node g) { Ops o = ops(node); ... }
 * }
 * }</pre>
 */
public abstract class AbstractOp implements Op {

    private final String name;
    private final int arity;

    /** @param arity the number of inputs, or -1 for a variable count */
    protected AbstractOp(String name, int arity) {
        this.name = name;
        this.arity = arity;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int arity() {
        return arity;
    }

    @Override
    public abstract OpKernel prepare(PrepareContext ctx);

    /** Prepares for these tensors and runs the kernel once (tests, direct calls); plans call the kernel. */
    @Override
    public final void forward(Tensor[] inputs, Tensor out) {
        Standalone.forward(this, inputs, out);
    }

    @Override
    public final void forward(Tensor[] inputs, Tensor out, RunContext run) {
        Standalone.forward(this, inputs, out, run);
    }

    /** The builder gradient rules use: nodes appended to {@code node}'s graph. */
    protected static Ops ops(Node node) {
        return Ops.on(node.graph());
    }

    @Override
    public String toString() {
        String a = attributes();
        return name + (a.isEmpty() ? "" : "{" + a + "}");
    }
}
