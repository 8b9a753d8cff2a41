package org.adjoint.ops;

import java.util.function.Function;
import org.adjoint.graph.ShapeException;

/**
 * How a composite (mean, layer norm, dropout, ...) is built so that it reads like one op to its
 * user: the final node carries the user's name (or the composite's name, made unique: {@code mean},
 * {@code mean_1}), the inner nodes are scoped under it ({@code mean_1/sum}), and a build-time
 * error of an inner node is reported as the composite's ({@code mean 'acc': axis 3 is out of
 * range for rank 2}, not {@code sum 'sum_4': ...}); gradient and run-time errors then name the
 * user's node too.
 *
 * <pre>{@code
 * static Node mean(Ops o, Node x, boolean keepDims, int... axes) {
 *     return Composite.build(o, "mean", c -> c.last().div(c.inner().sum(x, keepDims, axes),
 *             c.inner().reducedSize(x, axes)));
 * }
 * }</pre>
 */
public final class Composite {

    private final String op;
    private final String name;
    private final Ops inner;
    private final Ops last;

    private Composite(Ops o, String op) {
        this.op = op;
        this.name = o.compositeName(op);
        this.inner = o.scoped(name);
        this.last = o.named(name);
    }

    /** Runs {@code body} with the composite's builders, renaming build-time errors of inner nodes. */
    public static <T> T build(Ops o, String op, Function<Composite, T> body) {
        Composite c = new Composite(o, op);
        try {
            return body.apply(c);
        } catch (ShapeException e) {
            throw c.renamed(e);
        }
    }

    /** The builder for inner nodes (named {@code <name>/<op>}). */
    public Ops inner() {
        return inner;
    }

    /** The builder for the final node (named {@code <name>}). */
    public Ops last() {
        return last;
    }

    /** The composite's node name. */
    public String name() {
        return name;
    }

    /** A build-time error of the composite: {@code <op> '<name>': <detail>}; throw it. */
    public ShapeException error(String detail) {
        return new ShapeException(op + " '" + name + "': " + detail);
    }

    /** An inner node's error {@code <inner op> '<name>/...': <detail>} as the composite's own. */
    private ShapeException renamed(ShapeException e) {
        String msg = String.valueOf(e.getMessage());
        String own = op + " '" + name + "': ";
        if (msg.startsWith(own)) {
            return e;
        }
        int at = msg.indexOf("': ");
        String detail = at >= 0 ? msg.substring(at + 3) : msg;
        return new ShapeException(own + detail, e);
    }
}
