package org.adjoint.graph;

/**
 * What an op's type rule knows about the node being built, for error messages:
 * {@code <op> '<node>': <detail>}.
 */
public final class OpContext {

    private final String opName;
    private final String nodeName;

    public OpContext(String opName, String nodeName) {
        this.opName = opName;
        this.nodeName = nodeName;
    }

    public String opName() {
        return opName;
    }

    public String nodeName() {
        return nodeName;
    }

    /** An exception whose message is {@code <op> '<node>': <detail>}; throw it. */
    public ShapeException error(String detail) {
        return new ShapeException(opName + " '" + nodeName + "': " + detail);
    }

    /** Throws unless input {@code index} has a floating dtype. */
    public void requireFloating(TensorType[] inputs, int index) {
        DType t = inputs[index].dtype();
        if (!t.isFloating()) {
            throw error("input " + index + " must be f32 or f64, got " + inputs[index]);
        }
    }

    /** Throws unless all inputs share one dtype; returns it. */
    public DType requireSameDType(TensorType[] inputs) {
        DType first = inputs[0].dtype();
        for (int i = 1; i < inputs.length; i++) {
            if (inputs[i].dtype() != first) {
                StringBuilder all = new StringBuilder();
                for (int j = 0; j < inputs.length; j++) {
                    all.append(j == 0 ? "" : ", ").append(inputs[j]);
                }
                throw error("dtypes differ: input 0 is " + first + ", input " + i + " is " + inputs[i].dtype()
                        + " (" + all + ")");
            }
        }
        return first;
    }

    /** Throws unless input {@code index} has exactly rank {@code rank}. */
    public void requireRank(TensorType[] inputs, int index, int rank) {
        if (inputs[index].shape().rank() != rank) {
            throw error("input " + index + " must have rank " + rank + ", got shape " + inputs[index].shape());
        }
    }

    /** Normalizes a possibly negative axis against {@code rank}, or throws naming it. */
    public int axis(int axis, int rank) {
        if (axis < -rank || axis >= rank) {
            throw error("axis " + axis + " is out of range for rank " + rank);
        }
        return axis < 0 ? axis + rank : axis;
    }
}
