package org.adjoint.graph;

import java.util.List;

/** A node without inputs whose value comes from outside the op: placeholder, variable or constant. */
public abstract class Leaf implements Op {

    @Override
    public final int arity() {
        return 0;
    }

    @Override
    public final void forward(Tensor[] inputs, Tensor out) {
        throw new IllegalStateException(name() + " has no forward computation; the executor supplies its value");
    }

    @Override
    public final List<Grad> backward(Node node, Node gradOutput) {
        return List.of();
    }
}
