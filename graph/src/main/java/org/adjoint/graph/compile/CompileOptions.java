package org.adjoint.graph.compile;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the plan compiler may do beyond running the graph as written. By default everything is
 * on: rewrite rules, fusion passes, in-place execution and buffer views. {@code
 * -Dadjoint.optimize=false} turns all of it off (each node then runs its own kernel into its
 * own buffer, buffers still reused by liveness), for debugging; {@code
 * -Dadjoint.optimize.disable=cse,elementwise-fusion} turns off single rules, passes or
 * {@link #IN_PLACE}/{@link #VIEWS} by name. A session takes options in its constructor; these
 * system properties give the default. Immutable.
 */
public final class CompileOptions {

    /** System property: {@code true} (default) or {@code false}. */
    public static final String PROPERTY = "adjoint.optimize";
    /** System property: comma-separated names of rules or passes to leave out. */
    public static final String DISABLE_PROPERTY = "adjoint.optimize.disable";
    /** Name under which in-place execution can be disabled. */
    public static final String IN_PLACE = "in-place";
    /** Name under which buffer views (reshape without a copy) can be disabled. */
    public static final String VIEWS = "views";

    private static final CompileOptions NONE = new CompileOptions(false, Set.of());

    private final boolean optimize;
    private final Set<String> disabled;

    private CompileOptions(boolean optimize, Set<String> disabled) {
        this.optimize = optimize;
        this.disabled = disabled;
    }

    /**
     * The options the system properties give ({@value #PROPERTY}, {@value #DISABLE_PROPERTY});
     * everything on when they are not set.
     *
     * @throws IllegalArgumentException if {@value #PROPERTY} is neither {@code true} nor {@code false}
     */
    public static CompileOptions defaults() {
        String on = System.getProperty(PROPERTY, "true").trim();
        if (!on.equals("true") && !on.equals("false")) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must be true or false, got '" + on + "'");
        }
        CompileOptions o = new CompileOptions(on.equals("true"), Set.of());
        String off = System.getProperty(DISABLE_PROPERTY, "").trim();
        return off.isEmpty() ? o : o.disable(off.split("\\s*,\\s*"));
    }

    /** Nothing but the graph as written (buffers still reused by liveness). */
    public static CompileOptions none() {
        return NONE;
    }

    /** These options with all optimizations on or off. */
    public CompileOptions optimize(boolean on) {
        return new CompileOptions(on, disabled);
    }

    /**
     * These options without the named rules or passes (names as {@link Rule#name()},
     * {@link Pass#name()}, {@link #IN_PLACE}, {@link #VIEWS}); a session checks the names against
     * the known ones.
     */
    public CompileOptions disable(String... names) {
        Set<String> s = new LinkedHashSet<>(disabled);
        s.addAll(Arrays.asList(names));
        s.remove("");
        return new CompileOptions(optimize, Collections.unmodifiableSet(s));
    }

    /** Whether optimizations are on at all. */
    public boolean optimize() {
        return optimize;
    }

    /** Whether the named rule, pass or memory technique may run. */
    public boolean enabled(String name) {
        return optimize && !disabled.contains(name);
    }

    /** The names left out with {@link #disable}. */
    public Set<String> disabled() {
        return disabled;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompileOptions && ((CompileOptions) o).optimize == optimize
                && ((CompileOptions) o).disabled.equals(disabled);
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(optimize) * 31 + disabled.hashCode();
    }

    @Override
    public String toString() {
        return optimize ? (disabled.isEmpty() ? "optimize" : "optimize without " + disabled) : "no optimization";
    }
}
