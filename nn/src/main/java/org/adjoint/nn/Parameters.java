package org.adjoint.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.adjoint.graph.Node;
import org.adjoint.graph.Tensor;

/**
 * An ordered, named, immutable collection of {@link Parameter}s (the order is creation order, so
 * it is the same for two models built by the same code). Optimizers, regularizers, checkpoints
 * and early stopping take one.
 */
public final class Parameters implements Iterable<Parameter> {

    private final List<Parameter> list;
    private final Map<String, Parameter> byName;

    public Parameters(List<Parameter> parameters) {
        Map<String, Parameter> map = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            if (map.put(p.name(), p) != null) {
                throw new IllegalArgumentException("parameters: name '" + p.name() + "' appears twice");
            }
        }
        this.list = List.copyOf(parameters);
        this.byName = Collections.unmodifiableMap(map);
    }

    public static Parameters of(Parameter... ps) {
        return new Parameters(List.of(ps));
    }

    public int size() {
        return list.size();
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public Parameter get(int i) {
        return list.get(i);
    }

    /**
     * The parameter with this name.
     *
     * @throws IllegalArgumentException naming the unknown name and the known ones
     */
    public Parameter get(String name) {
        Parameter p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "'; known: " + byName.keySet());
        }
        return p;
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    public List<Parameter> list() {
        return list;
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The variable nodes, in order. */
    public List<Node> nodes() {
        List<Node> out = new ArrayList<>(list.size());
        for (Parameter p : list) {
            out.add(p.node());
        }
        return out;
    }

    /** The trainable ones (weights and biases). */
    public Parameters trainable() {
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : list) {
            if (p.trainable()) {
                out.add(p);
            }
        }
        return new Parameters(out);
    }

    /** The total number of elements. */
    public long elementCount() {
        long n = 0;
        for (Parameter p : list) {
            n += p.value().size();
        }
        return n;
    }

    /** Copies of the current values by name (for early stopping's best weights, tests). */
    public Map<String, Tensor> snapshot() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Parameter p : list) {
            out.put(p.name(), p.value().copy());
        }
        return out;
    }

    /**
     * Copies {@code values} into the variables in place. Checks every name, dtype and shape first,
     * so on an exception no variable has changed.
     */
    public void restore(Map<String, Tensor> values) {
        for (Parameter p : list) {
            Tensor t = values.get(p.name());
            if (t == null) {
                throw new IllegalArgumentException("restore: no value for parameter '" + p.name() + "'");
            }
            if (!t.type().equals(p.value().type())) {
                throw new IllegalArgumentException("restore: value for '" + p.name() + "' is " + t.type()
                        + ", the parameter is " + p.value().type());
            }
        }
        for (Parameter p : list) {
            p.value().copyFrom(values.get(p.name()));
        }
    }

    /** The union of this and {@code other} (this first; names must not repeat). */
    public Parameters and(Parameters other) {
        List<Parameter> all = new ArrayList<>(list);
        all.addAll(other.list);
        return new Parameters(all);
    }

    @Override
    public Iterator<Parameter> iterator() {
        return list.iterator();
    }

    @Override
    public String toString() {
        return list.toString();
    }
}
