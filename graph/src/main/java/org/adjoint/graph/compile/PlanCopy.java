package org.adjoint.graph.compile;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;

/**
 * {@code y = x} into a buffer of its own: inserted by the compiler where a requested output
 * would otherwise share memory with a feed, a variable or another output. Exists only in plans.
 */
final class PlanCopy implements Op {

    static final PlanCopy INSTANCE = new PlanCopy();

    private PlanCopy() {
    }

    @Override
    public String name() {
        return "copy";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public TensorType infer(TensorType[] inputs, OpContext ctx) {
        return inputs[0];
    }

    @Override
    public void forward(Tensor[] inputs, Tensor out) {
        out.copyFrom(inputs[0]);
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        return (in, out, run) -> out.copyFrom(in[0]);
    }

    @Override
    public List<Grad> backward(Node node, Node gradOutput) {
        throw new UnsupportedOperationException("copy exists only in compiled plans");
    }
}
