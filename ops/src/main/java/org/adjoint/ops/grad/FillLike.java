package org.adjoint.ops.grad;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.OpKernel;
import org.adjoint.graph.PrepareContext;
import org.adjoint.graph.TensorType;
import org.adjoint.ops.AbstractOp;

/**
 * A tensor of the input's run-time type filled with {@code value} (the input's values are not
 * read): ones-like seeds and zeros-like gradients. No gradient.
 */
public final class FillLike extends AbstractOp {

    private final double value;

    public FillLike(double value) {
        super("fill_like", 1);
        this.value = value;
    }

    public double value() {
        return value;
    }

    @Override
    public String attributes() {
        return "value=" + value;
    }

    @Override
    public TensorType infer(TensorType[] in, OpContext ctx) {
        return in[0];
    }

    @Override
    public OpKernel prepare(PrepareContext ctx) {
        return (in, out, run) -> out.fill(value);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.none());
    }
}
