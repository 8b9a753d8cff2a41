package org.adjoint.graph;

/**
 * The gradient of one op input: a node, or explicitly none (the input does not affect the output
 * differentiably, e.g. a mask, an integer index or the shape-only input of a shape op).
 */
public final class Grad {

    private static final Grad NONE = new Grad(null);

    private final Node node;

    private Grad(Node node) {
        this.node = node;
    }

    /** A gradient given by {@code node}. */
    public static Grad of(Node node) {
        if (node == null) {
            throw new NullPointerException("Grad.of(null): use Grad.none() for 'no gradient'");
        }
        return new Grad(node);
    }

    /** No gradient flows to this input. */
    public static Grad none() {
        return NONE;
    }

    public boolean isNone() {
        return node == null;
    }

    /** The gradient node; throws if this is {@link #none()}. */
    public Node node() {
        if (node == null) {
            throw new IllegalStateException("Grad.none() has no node");
        }
        return node;
    }

    @Override
    public String toString() {
        return node == null ? "Grad.none()" : "Grad.of(" + node + ")";
    }
}
