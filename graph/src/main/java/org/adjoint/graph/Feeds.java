package org.adjoint.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Values for placeholders, one run's worth. Immutable; {@link #and} returns a new instance. */
public final class Feeds {

    private static final Feeds EMPTY = new Feeds(Map.of());

    private final Map<Node, Tensor> values;

    private Feeds(Map<Node, Tensor> values) {
        this.values = values;
    }

    public static Feeds empty() {
        return EMPTY;
    }

    public static Feeds of(Node p, Tensor v) {
        return EMPTY.and(p, v);
    }

    public static Feeds of(Node p1, Tensor v1, Node p2, Tensor v2) {
        return EMPTY.and(p1, v1).and(p2, v2);
    }

    public static Feeds of(Node p1, Tensor v1, Node p2, Tensor v2, Node p3, Tensor v3) {
        return EMPTY.and(p1, v1).and(p2, v2).and(p3, v3);
    }

    /**
     * These feeds plus {@code p = v}.
     *
     * @throws IllegalArgumentException if {@code p} is not a placeholder or is already fed
     */
    public Feeds and(Node p, Tensor v) {
        if (!p.isPlaceholder()) {
            throw new IllegalArgumentException("cannot feed '" + p.name() + "': it is a " + p.op().name()
                    + ", only placeholders are fed");
        }
        if (v == null) {
            throw new IllegalArgumentException("feed for placeholder '" + p.name() + "' is null");
        }
        if (values.containsKey(p)) {
            throw new IllegalArgumentException("placeholder '" + p.name() + "' is fed twice");
        }
        Map<Node, Tensor> copy = new LinkedHashMap<>(values);
        copy.put(p, v);
        return new Feeds(copy);
    }

    /** The value fed for {@code p}, or null. */
    public Tensor get(Node p) {
        return values.get(p);
    }

    public Map<Node, Tensor> asMap() {
        return Collections.unmodifiableMap(values);
    }
}
