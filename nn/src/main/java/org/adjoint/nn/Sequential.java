package org.adjoint.nn;

import java.util.ArrayList;
import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Graph;
import org.adjoint.graph.Node;
import org.adjoint.graph.Shape;

/**
 * A model that applies layers one after the other to one input:
 *
 * <pre>{@code
 * Sequential model = new Sequential(Shape.of(784),
 *         new Dense(128, Activation.relu()), new Dropout(0.8), new Dense(10));
 * }</pre>
 *
 * <p>The constructor builds the graph at once: a new graph with an F32 placeholder {@code x} of
 * shape {@code [?, featureShape...]}; {@link #builder} chooses the dtype, the seed or an existing
 * input. Sequential exposes everything a {@link Model} does.
 */
public class Sequential extends Model {

    private final List<Layer> layers;

    /** Builds the layers on a new F32 input {@code x} of shape {@code [?, featureShape...]}, seed 0. */
    public Sequential(Shape featureShape, Layer... layers) {
        this(builder(featureShape).add(layers).buildInput(), List.of(layers));
    }

    private Sequential(Node input, List<Layer> layers) {
        super(List.of(input), List.of(apply(input, layers)));
        this.layers = List.copyOf(layers);
    }

    private static Node apply(Node input, List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("sequential: no layers");
        }
        Node h = input;
        for (Layer l : layers) {
            h = l.call(h);
        }
        return h;
    }

    /** This model's layers, in order. */
    @Override
    public List<Layer> layers() {
        return layers;
    }

    /** A builder for a model on a new input of shape {@code [?, featureShape...]}. */
    public static Builder builder(Shape featureShape) {
        return new Builder(featureShape, null);
    }

    /** A builder for a model on an existing input placeholder. */
    public static Builder builder(Node input) {
        return new Builder(null, input);
    }

    /** Options of a {@link Sequential}: dtype, seed, layers. */
    public static final class Builder {
        private final Shape featureShape;
        private final Node input;
        private DType dtype = DType.F32;
        private long seed;
        private String inputName = "x";
        private final List<Layer> layers = new ArrayList<>();

        private Builder(Shape featureShape, Node input) {
            this.featureShape = featureShape;
            this.input = input;
        }

        /** The input's dtype (default F32; F64 for gradient checks and reference tests; I32 for embeddings). */
        public Builder dtype(DType dtype) {
            this.dtype = dtype;
            return this;
        }

        /** The default seed of the layers' initializers (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The input placeholder's name (default {@code x}). */
        public Builder inputName(String name) {
            this.inputName = name;
            return this;
        }

        public Builder add(Layer... more) {
            layers.addAll(List.of(more));
            return this;
        }

        public Sequential build() {
            return new Sequential(buildInput(), layers);
        }

        private Node buildInput() {
            if (input != null) {
                Layer.seedGraph(input.graph(), seed);
                return input;
            }
            Graph g = new Graph();
            Layer.seedGraph(g, seed);
            int[] dims = new int[featureShape.rank() + 1];
            dims[0] = Shape.UNKNOWN;
            for (int i = 0; i < featureShape.rank(); i++) {
                dims[i + 1] = featureShape.dim(i);
            }
            return g.placeholder(inputName, dtype, Shape.of(dims));
        }
    }
}
