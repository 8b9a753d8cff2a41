package org.adjoint.graph;

/** A fixed tensor baked into the graph. */
public final class Constant extends Leaf {

    private final Tensor value;

    Constant(Tensor value) {
        this.value = value;
    }

    @Override
    public String name() {
        return "constant";
    }

    @Override
    public TensorType infer(TensorType[] inputs, OpContext ctx) {
        return value.type();
    }

    Tensor value() {
        return value;
    }
}
