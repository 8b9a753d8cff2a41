package org.adjoint.nn.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One sampled point of a {@link SearchSpace}: parameter name to value (Double, Integer or String). */
public final class Params {

    private final Map<String, Object> values;

    Params(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A point given by hand (e.g. to retrain a known configuration). */
    public static Params of(Map<String, ?> values) {
        return new Params(new LinkedHashMap<>(values));
    }

    /** The value as a number (an integer parameter converted). */
    public double get(String name) {
        Object v = raw(name);
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("parameter '" + name + "' is '" + v + "', not a number");
        }
        return ((Number) v).doubleValue();
    }

    /** The value of an integer parameter (or a whole-number choice). */
    public int getInt(String name) {
        double v = get(name);
        if (v != Math.rint(v)) {
            throw new IllegalArgumentException("parameter '" + name + "' is " + v + ", not a whole number");
        }
        return (int) v;
    }

    /** The value of a string choice. */
    public String getString(String name) {
        return String.valueOf(raw(name));
    }

    Object raw(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; the point has " + values.keySet());
        }
        return v;
    }

    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** {@code lr=0.003162, beta=0.9684, hidden=64}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append('=').append(format(e.getValue()));
        }
        return sb.toString();
    }

    static String format(Object v) {
        return v instanceof Double ? Param.fmt((Double) v) : String.valueOf(v);
    }
}
