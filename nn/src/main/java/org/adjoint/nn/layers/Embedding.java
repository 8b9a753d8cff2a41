package org.adjoint.nn.layers;

import org.adjoint.graph.DType;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;
import org.adjoint.nn.Layer;
import org.adjoint.nn.init.Fans;
import org.adjoint.nn.init.Initializer;

/**
 * A lookup table {@code <layer>/w} [vocabulary, dim]: I32 indices of any shape S give vectors of
 * shape S + [dim] (gather; the gradient scatters back deterministically). An index outside
 * [0, vocabulary) fails the run naming it. Default init N(0, 0.05²) (a weight: regularized).
 */
public final class Embedding extends Layer {

    private final int vocabulary;
    private final int dim;
    private final DType dtype;
    private Initializer init = Initializer.normal(0, 0.05);
    private Node table;

    public Embedding(int vocabulary, int dim) {
        this(vocabulary, dim, DType.F32);
    }

    public Embedding(int vocabulary, int dim, DType dtype) {
        super("embedding");
        if (vocabulary < 1 || dim < 1) {
            throw new IllegalArgumentException("embedding: vocabulary and dim must be >= 1, got vocabulary="
                    + vocabulary + ", dim=" + dim);
        }
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("embedding: dtype must be f32 or f64, got " + dtype);
        }
        this.vocabulary = vocabulary;
        this.dim = dim;
        this.dtype = dtype;
    }

    public Embedding init(Initializer init) {
        this.init = init;
        return this;
    }

    /** The table node (after the first call). */
    public Node table() {
        return table;
    }

    @Override
    protected void build(Node x) {
        if (x.dtype() != DType.I32) {
            throw error("indices '" + x.name() + "' must be i32, got " + x.type());
        }
        table = addWeight("w", dtype, Shape.of(vocabulary, dim), init, new Fans(vocabulary, dim));
    }

    @Override
    protected Node forward(Node x) {
        return ops("out").gather(table, x);
    }
}
