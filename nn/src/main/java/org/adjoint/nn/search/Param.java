package org.adjoint.nn.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One declared hyperparameter range and how to sample it. A continuous range is sampled
 * uniformly in its <i>scale</i>: linear, log10 (learning rates: {@code 10^U(-4, 0)}), or log10 of
 * {@code 1 − x} (averaging constants β: {@code 1 − 10^U(-3, -1)} for β in [0.9, 0.999]), so that
 * each decade gets the same number of trials. Built through {@link SearchSpace.Builder}.
 */
public final class Param {

    /** How a parameter is sampled. */
    public enum Kind {
        /** x = U(low, high). */
        UNIFORM,
        /** x = 10^U(log10 low, log10 high); needs 0 &lt; low. */
        LOG_UNIFORM,
        /** x = 1 − 10^U(log10(1 − high), log10(1 − low)); needs 0 ≤ low &lt; high &lt; 1. */
        ONE_MINUS_LOG_UNIFORM,
        /** An integer uniform in [low, high]. */
        INT_UNIFORM,
        /** An integer uniform in log scale: floor(e^U(ln low, ln(high + 1))), at most high; needs 1 ≤ low. */
        INT_LOG_UNIFORM,
        /** One of the listed values, each equally likely. */
        CHOICE
    }

    private final String name;
    private final Kind kind;
    private final double low;
    private final double high;
    private final List<Object> options;

    private Param(String name, Kind kind, double low, double high, List<Object> options) {
        this.name = name;
        this.kind = kind;
        this.low = low;
        this.high = high;
        this.options = options;
    }

    static Param range(String name, Kind kind, double low, double high) {
        checkName(name);
        String what = "parameter '" + name + "' (" + kind.name().toLowerCase(Locale.ROOT) + ")";
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException(what + ": bounds must be finite, got low=" + low + ", high=" + high);
        }
        if (low > high) {
            throw new IllegalArgumentException(what + ": low must be <= high, got low=" + low + ", high=" + high);
        }
        switch (kind) {
            case LOG_UNIFORM:
                if (low <= 0) {
                    throw new IllegalArgumentException(what + ": a log range needs positive bounds, got low=" + low
                            + ", high=" + high);
                }
                break;
            case ONE_MINUS_LOG_UNIFORM:
                if (low < 0 || high >= 1) {
                    throw new IllegalArgumentException(what + ": a 1 - 10^U range needs 0 <= low <= high < 1 (so that"
                            + " 1 - x is positive), got low=" + low + ", high=" + high);
                }
                break;
            case INT_UNIFORM:
            case INT_LOG_UNIFORM:
                if (low != Math.rint(low) || high != Math.rint(high)) {
                    throw new IllegalArgumentException(what + ": bounds must be whole numbers, got low=" + low
                            + ", high=" + high);
                }
                if (kind == Kind.INT_LOG_UNIFORM && low < 1) {
                    throw new IllegalArgumentException(what + ": a log range needs positive bounds (low >= 1), got low="
                            + low + ", high=" + high);
                }
                break;
            default:
                break;
        }
        return new Param(name, kind, low, high, List.of());
    }

    static Param choice(String name, List<?> values) {
        checkName(name);
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("parameter '" + name + "' (choice): no options given");
        }
        Set<Object> distinct = new LinkedHashSet<>();
        for (Object v : values) {
            if (!(v instanceof Double || v instanceof String || v instanceof Integer)) {
                throw new IllegalArgumentException("parameter '" + name + "' (choice): options must be numbers or"
                        + " strings, got " + v);
            }
            if (v instanceof Double && !Double.isFinite((Double) v)) {
                throw new IllegalArgumentException("parameter '" + name + "' (choice): option " + v + " is not finite");
            }
            if (!distinct.add(v)) {
                throw new IllegalArgumentException("parameter '" + name + "' (choice): option " + v + " is listed twice");
            }
        }
        return new Param(name, Kind.CHOICE, Double.NaN, Double.NaN, List.copyOf(values));
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("search space: parameter name must be non-blank, got '" + name + "'");
        }
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** The lower bound (NaN for a choice). */
    public double low() {
        return low;
    }

    /** The upper bound (NaN for a choice). */
    public double high() {
        return high;
    }

    /** The options of a choice (empty otherwise). */
    public List<Object> options() {
        return options;
    }

    /** Draws a value: a Double, an Integer (integer kinds) or an option. */
    Object sample(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        switch (kind) {
            case UNIFORM:
            case LOG_UNIFORM:
            case ONE_MINUS_LOG_UNIFORM:
                return fromScale(toScale(low) + (toScale(high) - toScale(low)) * u);
            case INT_UNIFORM:
                return (int) Math.min(high, low + Math.floor(u * (high - low + 1)));
            case INT_LOG_UNIFORM: {
                double a = Math.log(low);
                double b = Math.log(high + 1);
                return (int) Math.min(high, Math.floor(Math.exp(a + (b - a) * u)));
            }
            default:
                return options.get((int) Math.min(options.size() - 1, Math.floor(u * options.size())));
        }
    }

    /** The value in the scale it is sampled uniformly in. */
    double toScale(double x) {
        switch (kind) {
            case LOG_UNIFORM:
                return Math.log10(x);
            case ONE_MINUS_LOG_UNIFORM:
                return Math.log10(1 - x);
            case INT_LOG_UNIFORM:
                return Math.log(x);
            default:
                return x;
        }
    }

    double fromScale(double t) {
        switch (kind) {
            case LOG_UNIFORM:
                return Math.pow(10, t);
            case ONE_MINUS_LOG_UNIFORM:
                return 1 - Math.pow(10, t);
            case INT_LOG_UNIFORM:
                return Math.exp(t);
            default:
                return t;
        }
    }

    /**
     * The range narrowed around {@code values} (the best trials' values): in the sampling scale,
     * from their smallest to their largest, widened on each side by {@code margin} times the full
     * span, and clipped to this range. A choice keeps only the options among {@code values}.
     */
    Param zoom(List<Object> values, double margin) {
        if (kind == Kind.CHOICE) {
            List<Object> kept = new ArrayList<>();
            for (Object o : options) {
                if (values.contains(o)) {
                    kept.add(o);
                }
            }
            if (kept.isEmpty()) {
                throw new IllegalArgumentException("parameter '" + name + "' (choice): none of the values " + values
                        + " to zoom around is one of its options " + options);
            }
            return new Param(name, kind, low, high, List.copyOf(kept));
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Object v : values) {
            double t = toScale(((Number) v).doubleValue());
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
        }
        double a = toScale(low);
        double b = toScale(high);
        double span = Math.abs(b - a);
        double min = Math.min(a, b);
        double max = Math.max(a, b);
        double newLo = Math.max(min, lo - margin * span);
        double newHi = Math.min(max, hi + margin * span);
        double x1 = fromScale(newLo);
        double x2 = fromScale(newHi);
        double nl = Math.max(low, Math.min(x1, x2));
        double nh = Math.min(high, Math.max(x1, x2));
        if (kind == Kind.INT_UNIFORM || kind == Kind.INT_LOG_UNIFORM) {
            nl = Math.max(low, Math.floor(nl));
            nh = Math.min(high, Math.ceil(nh));
        }
        return new Param(name, kind, nl, nh, List.of());
    }

    @Override
    public String toString() {
        String k = kind.name().toLowerCase(Locale.ROOT);
        if (kind == Kind.CHOICE) {
            return name + " " + k + " " + options;
        }
        boolean ints = kind == Kind.INT_UNIFORM || kind == Kind.INT_LOG_UNIFORM;
        return name + " " + k + " [" + (ints ? String.valueOf((long) low) : fmt(low)) + ", "
                + (ints ? String.valueOf((long) high) : fmt(high)) + "]";
    }

    /** 4 significant digits without trailing zeros: 0.0001, 0.9876, 1. */
    static String fmt(double v) {
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Param p && p.name.equals(name) && p.kind == kind && Double.compare(p.low, low) == 0
                && Double.compare(p.high, high) == 0 && p.options.equals(options);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {name, kind, low, high, options});
    }
}
