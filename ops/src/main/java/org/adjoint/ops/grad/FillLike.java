package org.adjoint.ops.grad;

import java.util.List;
import org.adjoint.graph.Grad;
import org.adjoint.graph.Node;
import org.adjoint.graph.Op;
import org.adjoint.graph.OpContext;
import org.adjoint.graph.Tensor;
import org.adjoint.graph.TensorType;

/**
 * A tensor of the input's run-time type filled with {@code value} (the input's values are not
 * read): ones-like seeds and zeros-like gradients. No gradient.
 */
public final class FillLike implements Op {

    private final double value;

    public FillLike(double value) {
        this.value = value;
    }

    public double value() {
        return value;
    }

    @Override
    public String name() {
        return "fill_like";
    }

    @Override
    public String attributes() {
        return "value=" + value;
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
        out.fill(value);
    }

    @Override
    public List<Grad> backward(Node node, Node g) {
        return List.of(Grad.none());
    }
}
