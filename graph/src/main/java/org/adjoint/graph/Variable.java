package org.adjoint.graph;

/** Trainable state: a tensor that persists across runs and is updated in place by optimizers. */
public final class Variable extends Leaf {

    private final TensorType type;
    private volatile Tensor value;

    Variable(Tensor initial) {
        this.type = initial.type();
        this.value = initial;
    }

    @Override
    public String name() {
        return "variable";
    }

    @Override
    public TensorType infer(TensorType[] inputs, OpContext ctx) {
        return type;
    }

    Tensor value() {
        return value;
    }

    void assign(String nodeName, Tensor v) {
        if (!v.type().equals(type)) {
            throw new IllegalArgumentException("variable '" + nodeName + "' is " + type + ", cannot assign " + v.type());
        }
        value = v;
    }
}
