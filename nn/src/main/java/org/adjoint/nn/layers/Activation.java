package org.adjoint.nn.layers;

import java.util.function.BiFunction;
import org.adjoint.graph.Node;
import org.adjoint.nn.Layer;
import org.adjoint.ops.Ops;

/**
 * An elementwise activation, usable as a layer ({@code Activation.relu().call(x)}) or as the
 * activation of a {@link Dense} or {@link Conv2D}. No variables.
 */
public final class Activation extends Layer {

    private final String kind;
    private final BiFunction<Ops, Node, Node> fn;

    private Activation(String kind, BiFunction<Ops, Node, Node> fn) {
        super(kind);
        this.kind = kind;
        this.fn = fn;
    }

    /** The identity (a dense layer without activation outputs logits). */
    public static Activation linear() {
        return new Activation("linear", (o, x) -> x);
    }

    public static Activation sigmoid() {
        return new Activation("sigmoid", Ops::sigmoid);
    }

    public static Activation tanh() {
        return new Activation("tanh", Ops::tanh);
    }

    public static Activation relu() {
        return new Activation("relu", Ops::relu);
    }

    /** {@code x > 0 ? x : slope·x}. */
    public static Activation leakyRelu(double slope) {
        if (!Double.isFinite(slope)) {
            throw new IllegalArgumentException("leaky_relu: slope must be finite, got " + slope);
        }
        return new Activation("leaky_relu", (o, x) -> o.leakyRelu(x, slope));
    }

    /** {@code x > 0 ? x : exp(x) - 1}. */
    public static Activation elu() {
        return new Activation("elu", Ops::elu);
    }

    public static Activation softplus() {
        return new Activation("softplus", Ops::softplus);
    }

    /** Softmax over the last axis. */
    public static Activation softmax() {
        return new Activation("softmax", Ops::softmax);
    }

    /** The activation's name, e.g. {@code relu}. */
    public String kind() {
        return kind;
    }

    /** Applies the activation with {@code o} (used by layers that end in an activation). */
    public Node apply(Ops o, Node x) {
        return fn.apply(o, x);
    }

    @Override
    protected void build(Node x) {
        // no variables
    }

    @Override
    protected Node forward(Node x) {
        return fn.apply(ops(), x);
    }
}
