package org.adjoint.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What {@link Op#prepare} knows when a plan is compiled: the node, its concrete input and output
 * types (every dimension known), the run mode, and where to declare scratch. Errors it creates
 * read like build-time errors: {@code <op> '<node>': <detail>}.
 */
public final class PrepareContext {

    private final String opName;
    private final String nodeName;
    private final TensorType[] inputs;
    private final TensorType output;
    private final RunMode mode;
    private final List<Scratch> scratch = new ArrayList<>();
    private final int[] perDType = new int[DType.values().length];

    /**
     * A context for preparing {@code opName} at node {@code nodeName} (use {@code "?"} outside a
     * graph) with the given concrete types.
     */
    public PrepareContext(String opName, String nodeName, TensorType[] inputs, TensorType output, RunMode mode) {
        this.opName = opName;
        this.nodeName = nodeName;
        this.inputs = inputs.clone();
        this.output = output;
        this.mode = mode;
    }

    public String opName() {
        return opName;
    }

    public String nodeName() {
        return nodeName;
    }

    public int inputCount() {
        return inputs.length;
    }

    /** The concrete type of input {@code i}. */
    public TensorType input(int i) {
        return inputs[i];
    }

    /** The concrete shape of input {@code i}. */
    public Shape inputShape(int i) {
        return inputs[i].shape();
    }

    /** The concrete type of the output. */
    public TensorType output() {
        return output;
    }

    public Shape outputShape() {
        return output.shape();
    }

    public DType outputDType() {
        return output.dtype();
    }

    /** The mode of the plan being compiled. */
    public RunMode mode() {
        return mode;
    }

    /**
     * Declares a temporary array of {@code size} elements of {@code dtype} that the kernel
     * fetches on each run ({@link Scratch#floats} etc.). Declare every array the kernel uses at
     * the same time; each declaration gets its own buffer.
     */
    public Scratch scratch(DType dtype, int size) {
        if (size < 0) {
            throw error("scratch of negative size " + size);
        }
        Scratch s = new Scratch(dtype, size, perDType[dtype.ordinal()]++);
        scratch.add(s);
        return s;
    }

    /** The scratch declared so far, in declaration order. */
    public List<Scratch> declaredScratch() {
        return Collections.unmodifiableList(scratch);
    }

    /** An exception whose message is {@code <op> '<node>': <detail>}; throw it. */
    public ShapeException error(String detail) {
        return new ShapeException(opName + " '" + nodeName + "': " + detail);
    }
}
