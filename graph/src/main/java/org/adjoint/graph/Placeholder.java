package org.adjoint.graph;

/** A value fed at run time; unknown dimensions (the batch) become known from the feed. */
public final class Placeholder extends Leaf {

    private final TensorType type;

    Placeholder(TensorType type) {
        this.type = type;
    }

    @Override
    public String name() {
        return "placeholder";
    }

    @Override
    public TensorType infer(TensorType[] inputs, OpContext ctx) {
        return type;
    }
}
