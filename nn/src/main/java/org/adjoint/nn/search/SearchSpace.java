package org.adjoint.nn.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The declared hyperparameter ranges of a search: an ordered list of named {@link Param}s.
 *
 * <pre>{@code
 * SearchSpace space = SearchSpace.builder()
 *         .logUniform("lr", 1e-4, 1)               // 10^U(-4, 0)
 *         .oneMinusLogUniform("beta", 0.9, 0.999)  // 1 - 10^U(-3, -1)
 *         .intLogUniform("hidden", 16, 256)
 *         .uniform("keep", 0.5, 1.0)
 *         .choice("batch", 16, 32, 64)
 *         .build();
 * }</pre>
 */
public final class SearchSpace {

    private final List<Param> params;

    private SearchSpace(List<Param> params) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException("search space: no parameters declared (the space is empty)");
        }
        this.params = List.copyOf(params);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Declares parameters; a bad range fails at once, naming the parameter and its bounds. */
    public static final class Builder {
        private final Map<String, Param> params = new LinkedHashMap<>();

        private Builder add(Param p) {
            if (params.containsKey(p.name())) {
                throw new IllegalArgumentException("search space: parameter '" + p.name() + "' is declared twice");
            }
            params.put(p.name(), p);
            return this;
        }

        /** Uniform in [low, high]. */
        public Builder uniform(String name, double low, double high) {
            return add(Param.range(name, Param.Kind.UNIFORM, low, high));
        }

        /** Log-uniform in [low, high], 0 &lt; low: {@code 10^U(log10 low, log10 high)}. */
        public Builder logUniform(String name, double low, double high) {
            return add(Param.range(name, Param.Kind.LOG_UNIFORM, low, high));
        }

        /**
         * For averaging constants near 1 (momentum β, Adam's β2): {@code 1 − 10^U(log10(1 − high), log10(1 − low))},
         * 0 ≤ low ≤ high &lt; 1. [0.9, 0.999] samples {@code 1 − 10^U(−3, −1)}: as many trials in
         * [0.9, 0.99] as in [0.99, 0.999].
         */
        public Builder oneMinusLogUniform(String name, double low, double high) {
            return add(Param.range(name, Param.Kind.ONE_MINUS_LOG_UNIFORM, low, high));
        }

        /** An integer uniform in [low, high]. */
        public Builder intUniform(String name, int low, int high) {
            return add(Param.range(name, Param.Kind.INT_UNIFORM, low, high));
        }

        /** An integer uniform in log scale in [low, high], 1 ≤ low (layer sizes). */
        public Builder intLogUniform(String name, int low, int high) {
            return add(Param.range(name, Param.Kind.INT_LOG_UNIFORM, low, high));
        }

        /** One of the numbers, equally likely. */
        public Builder choice(String name, double... values) {
            List<Object> list = new ArrayList<>();
            for (double v : values) {
                list.add(v);
            }
            return add(Param.choice(name, list));
        }

        /** One of the strings (e.g. an optimizer's name), equally likely. */
        public Builder choice(String name, String... values) {
            return add(Param.choice(name, List.of(values)));
        }

        /** @throws IllegalArgumentException if no parameter was declared */
        public SearchSpace build() {
            return new SearchSpace(new ArrayList<>(params.values()));
        }
    }

    /** The parameters in declaration order. */
    public List<Param> params() {
        return params;
    }

    public Param param(String name) {
        for (Param p : params) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("search space has no parameter '" + name + "'; it has " + names());
    }

    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (Param p : params) {
            out.add(p.name());
        }
        return out;
    }

    /** One point: each parameter drawn in declaration order from {@code rnd}. */
    public Params sample(SplittableRandom rnd) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Param p : params) {
            values.put(p.name(), p.sample(rnd));
        }
        return new Params(values);
    }

    /**
     * Coarse to fine: a space narrowed around {@code best} (usually the top few trials). Each
     * range spans the best values in its sampling scale, widened by {@code margin} × the current
     * span on each side and clipped to the current range; a choice keeps the options the best used.
     *
     * @throws IllegalArgumentException for no points, a margin outside [0, 1], or a point that
     *     lacks a parameter of this space
     */
    public SearchSpace zoom(List<Params> best, double margin) {
        if (best == null || best.isEmpty()) {
            throw new IllegalArgumentException("search space zoom: no points to zoom around (best is empty)");
        }
        if (!(margin >= 0 && margin <= 1)) {
            throw new IllegalArgumentException("search space zoom: margin must be in [0, 1], got margin=" + margin);
        }
        List<Param> out = new ArrayList<>();
        for (Param p : params) {
            List<Object> values = new ArrayList<>();
            for (Params b : best) {
                values.add(b.raw(p.name()));
            }
            out.add(p.zoom(values, margin));
        }
        return new SearchSpace(out);
    }

    @Override
    public String toString() {
        return params.toString();
    }
}
